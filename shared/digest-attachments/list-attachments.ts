/**
 * What a digest email carries of each list (issue 13), beside the digest's own lines: the list itself, attached with
 * notifications-node-client's `prepareUpload` when it is at most 2 MB (a flat file as received, when Notify takes
 * its kind; a JSON list as its PDF, and a tabular or SJP list also as its workbook), else a link to download it; and,
 * for a list re-sent since the version the recipient last received, what changed (cases added, removed, moved).
 *
 * The personalisation it adds (the Notify template places them):
 * - `list_file_1` … `list_file_10`: the attached files (Notify's "send a file by email" objects), '' where unused;
 * - `list_files`: one line per file: attached as file N, or too large to attach and where to download it;
 * - `list_changes`: for each re-sent list, a line naming it, then a line per change; empty when none changed.
 *
 * The lines are in the digest's language (subscriber_email_language): a list's name, court and day, and the words
 * (./en.json, ./cy.json), as the Welsh template's other lines are.
 *
 * The caller (the digest sender) merges it into the digest's personalisation and, once Notify accepted the email,
 * records `deliveries` (./delivery-store.ts).
 */
import type { ContainerClient } from '@azure/storage-blob';
import type { Database } from '../db/database.js';
import { findListType } from '../publications/catalogue/list-types.js';
import type { Publication } from '../publications/publication.js';
import { changeLines, hasChanges, listChanges } from '../publications/renditions/list-changes.js';
import { findRendition } from '../publications/renditions/rendition-store.js';
import { findLivePublication } from '../publications/store/publication-records.js';
import { downloadIfPresent } from '../storage/read-blob.js';
import { lastDeliveries, recordDeliveries, type ListDelivery } from './delivery-store.js';
import { formatLongDate } from '../dates/long-date.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export type DigestLanguage = 'en' | 'cy';
const words: Record<DigestLanguage, typeof en> = { en, cy };
const fill = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => String(values[key] ?? whole));

/** A list of the digest: its id and court (the Welsh name, where the court has one, for a Welsh digest). */
export interface DigestList {
  artefactId: string;
  courtName: string;
  courtNameCy?: string | null;
}

/** notifications-node-client refuses a file above 2 MB (2 × 1024 × 1024 bytes); Notify's limit is the same. */
export const attachmentLimitBytes = 2 * 1024 * 1024;
/** The file placeholders the template has: `list_file_1` … `list_file_10`. Further files go as links. */
export const fileSlots = 10;
/** The kinds of file Notify sends by email (document-download-api). */
const notifyFileExtensions = new Set(['csv', 'doc', 'docx', 'json', 'odt', 'pdf', 'rtf', 'txt', 'xlsx']);

export type PrepareUpload = (
  file: Buffer,
  options: { filename: string; confirmEmailBeforeDownload: boolean; retentionPeriod: string },
) => unknown;

export interface ListAttachmentDependencies {
  database: Database;
  /** The publications container: payloads and their renditions. */
  publications: ContainerClient;
  /** notifications-node-client's `NotifyClient.prototype.prepareUpload`. */
  prepareUpload: PrepareUpload;
  /** The full URL of a path on the public site. */
  siteUrl: (path: string) => string;
}

export interface ListAttachments {
  personalisation: Record<string, unknown> & { list_files: string[]; list_changes: string[] };
  /** The version of each list this email carries: record them once it is sent. */
  deliveries: ListDelivery[];
}

/** Where a list's PDF and workbook are downloaded on the site (signed in): pages/list-downloads. */
export const listPdfPath = (artefactId: string): string => `/list/${artefactId}/pdf`;
export const listWorkbookPath = (artefactId: string): string => `/list/${artefactId}/xlsx`;
const flatFilePath = (artefactId: string): string => `/api/publication/${artefactId}/file`;

interface Candidate {
  label: string;
  filename: string;
  size: number;
  attachable?: boolean;
  read: () => Promise<Buffer | null>;
  link: string;
}

/** A list's name, court and day, in the digest's language (each may be ''). */
function listLabelParts(publication: Publication, list: DigestList, language: DigestLanguage): string[] {
  const lookup = publication.listType ? findListType(publication.listType) : null;
  const name =
    lookup && lookup.kind !== 'unknown'
      ? lookup.listType.friendlyName[language]
      : (publication.listType ?? publication.type);
  const court = (language === 'cy' ? list.courtNameCy : null) ?? list.courtName;
  const day = formatLongDate(publication.contentDate, language);
  return [name, court, day].filter((part) => part !== '');
}

/** Notify refuses a file name longer than this (document-download-api), extension included. */
export const maxFilenameLength = 100;

/** A part of a file name as Notify takes it: letters, digits, spaces, _ and - (ŵ becomes w, and so on). */
const filenamePart = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 _-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A file name Notify takes, at most maxFilenameLength characters with its extension. When the parts are too long,
 * the last part (a list's day, which tells one day's file from the next) is kept whole and the others shortened at a
 * word.
 */
export function safeFilename(parts: readonly string[], extension: string): string {
  const room = maxFilenameLength - extension.length - 1;
  const cleaned = parts.map(filenamePart).filter((part) => part !== '');
  let stem = cleaned.join(' ');
  if (stem.length > room) {
    const last = cleaned.length > 1 ? (cleaned.at(-1) ?? '') : '';
    const headRoom = last === '' ? room : room - last.length - 1;
    const head = cleaned.slice(0, last === '' ? undefined : -1).join(' ');
    const cut = head.slice(0, headRoom + 1);
    const atWord = cut.length > headRoom ? cut.slice(0, Math.max(cut.lastIndexOf(' '), 0)) : cut;
    stem = [(atWord || head.slice(0, headRoom)).trim(), last].filter((part) => part !== '').join(' ');
  }
  return `${stem || 'list'}.${extension}`;
}

export async function listAttachments(
  deps: ListAttachmentDependencies,
  recipient: string,
  lists: readonly DigestList[],
  language: DigestLanguage = 'en',
): Promise<ListAttachments> {
  const w = words[language];
  const candidates: Candidate[] = [];
  const changes: string[] = [];
  const deliveries: ListDelivery[] = [];
  const last = await lastDeliveries(
    deps.database,
    recipient,
    lists.map((l) => l.artefactId),
  );
  for (const list of lists) {
    const publication = await findLivePublication(deps.database, list.artefactId);
    if (!publication) continue;
    const labelParts = listLabelParts(publication, list, language);
    const label = labelParts.join(', ');
    deliveries.push({ artefactId: publication.artefactId, blobName: publication.blobName });
    const blob = (name: string) => () => downloadIfPresent(deps.publications.getBlobClient(name));
    if (publication.isFlatFile) {
      const extension = (publication.fileName ?? '').split('.').at(-1)?.toLowerCase() ?? '';
      candidates.push({
        label,
        filename: safeFilename(
          publication.fileName ? [publication.fileName.replace(/\.[^.]*$/, '')] : labelParts,
          extension,
        ),
        // A kind Notify does not send (HTML, say) is linked to, whatever its size.
        size: publication.payloadSize,
        attachable: notifyFileExtensions.has(extension),
        read: blob(publication.blobName),
        link: deps.siteUrl(flatFilePath(publication.artefactId)),
      });
      continue;
    }
    const rendition = await findRendition(deps.database, publication.blobName);
    // The PDF, then the workbook, each where it was made.
    for (const [file, kind, extension, path] of [
      [rendition?.pdf, 'PDF', 'pdf', listPdfPath],
      [rendition?.workbook, 'Excel', 'xlsx', listWorkbookPath],
    ] as const) {
      if (!file) continue;
      candidates.push({
        label: `${label} (${kind})`,
        filename: safeFilename(labelParts, extension),
        size: file.size,
        read: blob(file.blobName),
        link: deps.siteUrl(path(publication.artefactId)),
      });
    }
    const previousBlob = last.get(publication.artefactId);
    if (rendition && previousBlob !== undefined && previousBlob !== publication.blobName) {
      const previous = await findRendition(deps.database, previousBlob);
      if (previous) {
        const changed = listChanges(previous.cases, rendition.cases);
        if (hasChanges(changed)) {
          changes.push(`${label}: ${w.changedSince}`, ...changeLines(changed, language));
        }
      }
    }
  }

  const personalisation: ListAttachments['personalisation'] = { list_files: [], list_changes: changes };
  let slot = 0;
  for (const candidate of candidates) {
    const fits = candidate.attachable !== false && candidate.size <= attachmentLimitBytes;
    const bytes = slot < fileSlots && fits ? await candidate.read() : null;
    if (bytes !== null && bytes.length <= attachmentLimitBytes) {
      slot += 1;
      personalisation[`list_file_${slot}`] = deps.prepareUpload(bytes, {
        filename: candidate.filename,
        confirmEmailBeforeDownload: true,
        retentionPeriod: '4 weeks',
      });
      personalisation.list_files.push(`${candidate.label}: ${fill(w.attached, { n: slot })}`);
    } else {
      const why = candidate.size > attachmentLimitBytes ? w.tooLarge : w.notAttached;
      personalisation.list_files.push(`${candidate.label}: ${fill(why, { link: candidate.link })}`);
    }
  }
  for (let n = slot + 1; n <= fileSlots; n += 1) personalisation[`list_file_${n}`] = '';
  return { personalisation, deliveries };
}

/** The digest sender's seam: what a digest adds for its lists, and the record made once Notify accepted it. */
export interface DigestListAttachments {
  forDigest(
    recipient: string,
    lists: readonly DigestList[],
    language?: DigestLanguage,
  ): Promise<{ personalisation: ListAttachments['personalisation']; sent: () => Promise<void> }>;
}

export function digestListAttachments(deps: ListAttachmentDependencies & { now: () => Date }): DigestListAttachments {
  return {
    async forDigest(recipient, lists, language = 'en') {
      const { personalisation, deliveries } = await listAttachments(deps, recipient, lists, language);
      return { personalisation, sent: () => recordDeliveries(deps.database, recipient, deliveries, deps.now()) };
    },
  };
}
