/**
 * The digest email's content, assembled in one place: which lists, in which order, each with its delivery, in the
 * subscriber's language, and the personalisation of the Notify template (NOTIFY_TEMPLATE_DAILY_DIGEST, or
 * NOTIFY_TEMPLATE_DAILY_DIGEST_CY for Welsh). Links are paths on the public site; the caller composes the full URL
 * (its host is the deployment's, not a setting).
 *
 * Each list is a DigestEntry with a `delivery`: today always a link to the list page. Attaching the list itself
 * (a file under Notify's 2 MB limit) is another kind of delivery decided per entry here, so the template, the
 * ledger and the sender need not change.
 *
 * Both templates use ((publication_count)), ((publications)) (a list: Notify shows it as bullet points, one
 * publication each), ((site_link)) and ((unsubscribe_link)).
 */
import { findListType } from '../publications/catalogue/list-types.js';
import type { PublicationListing } from '../publications/store/publication-records.js';
import { formatLongDate } from '../dates/long-date.js';

/** A publication as the digest lists it (its type, list type, court name and content day, YYYY-MM-DD). */
export type DigestPublication = PublicationListing;

/** Where a publication is read on the site. */
export const publicationPath = (artefactId: string): string => `/list/${encodeURIComponent(artefactId)}`;
export const siteHomePath = '/';

export type SiteUrl = (path: string) => string;

export type EmailLanguage = 'en' | 'cy';

export interface DigestPersonalisation {
  [key: string]: string | string[];
  publication_count: string;
  publications: string[];
  site_link: string;
  unsubscribe_link: string;
}

/** How one list reaches the subscriber. */
export type ListDelivery = { kind: 'link'; url: string };

export interface DigestEntry {
  publication: DigestPublication;
  /** "{list name}, {court}, {content day}" in the email's language. */
  title: string;
  delivery: ListDelivery;
}

export interface DigestEmail {
  language: EmailLanguage;
  entries: DigestEntry[];
  siteLink: string;
  unsubscribeLink: string;
}

/** 2026-11-30 → 30 November 2026 (30 Tachwedd 2026 in Welsh), as GOV.UK writes dates. */
export function formatContentDay(day: string, language: EmailLanguage = 'en'): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatLongDate(day, language) : day;
}

const typeNames: Record<EmailLanguage, Record<string, string>> = {
  en: {
    JUDGEMENTS_AND_OUTCOMES: 'Judgments and outcomes',
    GENERAL_PUBLICATION: 'General publication',
    LCSU: 'Live case status update',
  },
  cy: {
    JUDGEMENTS_AND_OUTCOMES: 'Dyfarniadau a chanlyniadau',
    GENERAL_PUBLICATION: 'Cyhoeddiad cyffredinol',
    LCSU: 'Diweddariad statws achos byw',
  },
};

/** The friendly name of a list type, or of the publication type when it is not a list. */
export function publicationName(type: string, listType: string | null, language: EmailLanguage = 'en'): string {
  if (listType !== null) {
    const found = findListType(listType);
    return found.kind === 'unknown' ? listType : found.listType.friendlyName[language];
  }
  return typeNames[language][type] ?? type;
}

/** Newest content first, then by court and name, so a digest reads the same whatever order matching found. */
function byContent(a: DigestPublication, b: DigestPublication): number {
  return (
    b.contentDay.localeCompare(a.contentDay) ||
    a.courtName.localeCompare(b.courtName) ||
    publicationName(a.type, a.listType).localeCompare(publicationName(b.type, b.listType)) ||
    a.artefactId.localeCompare(b.artefactId)
  );
}

/** The email: every list once, newest first, each delivered as a link to its page. */
export function assembleDigestEmail(
  publications: readonly DigestPublication[],
  options: { language: EmailLanguage; siteUrl: SiteUrl; unsubscribePath: string },
): DigestEmail {
  const { language, siteUrl } = options;
  const entries = [...publications].sort(byContent).map((publication): DigestEntry => ({
    publication,
    title: [
      publicationName(publication.type, publication.listType, language),
      (language === 'cy' ? publication.courtNameCy : null) ?? publication.courtName,
      formatContentDay(publication.contentDay, language),
    ].join(', '),
    delivery: { kind: 'link', url: siteUrl(publicationPath(publication.artefactId)) },
  }));
  return {
    language,
    entries,
    siteLink: siteUrl(language === 'cy' ? `${siteHomePath}?lng=cy` : siteHomePath),
    unsubscribeLink: siteUrl(language === 'cy' ? `${options.unsubscribePath}?lng=cy` : options.unsubscribePath),
  };
}

export function digestPersonalisation(email: DigestEmail): DigestPersonalisation {
  return {
    publication_count: String(email.entries.length),
    publications: email.entries.map((entry) => `${entry.title}: ${entry.delivery.url}`),
    site_link: email.siteLink,
    unsubscribe_link: email.unsubscribeLink,
  };
}
