/**
 * The digest email's content: the personalisation of the Notify template (NOTIFY_TEMPLATE_DAILY_DIGEST). Links are
 * paths on the public site; the caller composes the full URL (its host is the deployment's, not a setting).
 *
 * The template uses ((publication_count)), ((publications)) (a list: Notify shows it as bullet points, one
 * publication each) and ((site_link)).
 */
import { findListType } from '../publications/catalogue/list-types.js';
import type { PublicationListing } from '../publications/store/publication-records.js';

/** A publication as the digest lists it (its type, list type, court name and content day, YYYY-MM-DD). */
export type DigestPublication = PublicationListing;

/** Where a publication is read on the site. */
export const publicationPath = (artefactId: string): string => `/list/${encodeURIComponent(artefactId)}`;
export const siteHomePath = '/';

export type SiteUrl = (path: string) => string;

export interface DigestPersonalisation {
  [key: string]: string | string[];
  publication_count: string;
  publications: string[];
  site_link: string;
}

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2026-11-30 → 30 November 2026, as GOV.UK writes dates. */
export function formatContentDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = months[Number(match?.[2]) - 1];
  if (!match || month === undefined) return day;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

const typeNames: Record<string, string> = {
  JUDGEMENTS_AND_OUTCOMES: 'Judgments and outcomes',
  GENERAL_PUBLICATION: 'General publication',
  LCSU: 'Live case status update',
};

/** The friendly (English) name of a list type, or of the publication type when it is not a list. */
export function publicationName(type: string, listType: string | null): string {
  if (listType !== null) {
    const found = findListType(listType);
    return found.kind === 'unknown' ? listType : found.listType.friendlyName.en;
  }
  return typeNames[type] ?? type;
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

export function digestPersonalisation(
  publications: readonly DigestPublication[],
  siteUrl: SiteUrl,
): DigestPersonalisation {
  const lines = [...publications]
    .sort(byContent)
    .map(
      (p) =>
        `${publicationName(p.type, p.listType)}, ${p.courtName}, ${formatContentDay(p.contentDay)}: ${siteUrl(publicationPath(p.artefactId))}`,
    );
  return { publication_count: String(lines.length), publications: lines, site_link: siteUrl(siteHomePath) };
}
