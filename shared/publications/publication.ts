/**
 * The publication (a row of the `artefact` table): the one type the store answers and every reader uses, and its one
 * JSON projection, which the read API answers and the OpenAPI document describes (from the same zod schema, so the
 * two cannot drift). The enumerations are the table's check constraints (shared/db/migrations/010_publications.sql).
 */
import { z } from 'zod';
import { findListType } from './catalogue/list-types.js';

export const publicationTypes = ['LIST', 'JUDGEMENTS_AND_OUTCOMES', 'GENERAL_PUBLICATION', 'LCSU'] as const;
export const sensitivities = ['PUBLIC', 'PRIVATE', 'CLASSIFIED', 'INTERNAL'] as const;
export const languages = ['ENGLISH', 'WELSH', 'BI_LINGUAL'] as const;
export type PublicationType = (typeof publicationTypes)[number];
export type Sensitivity = (typeof sensitivities)[number];
export type Language = (typeof languages)[number];

export interface Publication {
  artefactId: string;
  /** Our court id, or NoMatch<provenance court id> when the reference data did not know the court. */
  locationId: string;
  provenance: string;
  sourceArtefactId: string | null;
  type: PublicationType;
  /** The catalogue id (e.g. SJP_PUBLIC_LIST); null for publications that are not lists. */
  listType: string | null;
  /** The content date and time as published (a local court time, no time zone), `YYYY-MM-DDTHH:mm:ss`. */
  contentDate: string;
  language: Language;
  sensitivity: Sensitivity;
  displayFrom: Date;
  /** Null: displayed until deleted. */
  displayTo: Date | null;
  isFlatFile: boolean;
  contentType: string;
  fileName: string | null;
  payloadSize: number;
  /** Where the payload is in the publications container; never shown to readers. */
  blobName: string;
  supersededCount: number;
  lastReceivedAt: Date;
}

const listName = z.object({ en: z.string(), cy: z.string() }).nullable();

/** GET api/publication/{id} and the no-match listing: the publication without its blob name or search terms. */
export const publicationJsonSchema = z.object({
  artefactId: z.uuid(),
  locationId: z.string().meta({ description: 'Our court id, or NoMatch<provenance court id>' }),
  provenance: z.string(),
  sourceArtefactId: z.string().nullable(),
  type: z.enum(publicationTypes),
  listType: z.string().nullable(),
  listName,
  contentDate: z.string(),
  language: z.enum(languages),
  sensitivity: z.enum(sensitivities),
  displayFrom: z.iso.datetime(),
  displayTo: z.iso.datetime().nullable(),
  isFlatFile: z.boolean(),
  contentType: z.string(),
  fileName: z.string().nullable(),
  payloadSize: z.int(),
  supersededCount: z.int(),
  lastReceivedDate: z.iso.datetime(),
});
export type PublicationJson = z.infer<typeof publicationJsonSchema>;

/** GET api/publications?locationId=: the part of the projection a court's listing shows. */
export const publicationSummaryJsonSchema = publicationJsonSchema.pick({
  artefactId: true,
  type: true,
  listType: true,
  listName: true,
  contentDate: true,
  language: true,
  sensitivity: true,
  displayFrom: true,
  displayTo: true,
  isFlatFile: true,
  fileName: true,
  lastReceivedDate: true,
});
export type PublicationSummaryJson = z.infer<typeof publicationSummaryJsonSchema>;

/** The friendly names of a list type, from the catalogue; null for publications that are not lists. */
export function listNameOf(listType: string | null): { en: string; cy: string } | null {
  if (listType === null) return null;
  const lookup = findListType(listType);
  return lookup.kind === 'unknown' ? null : lookup.listType.friendlyName;
}

export function publicationJson(p: Publication): PublicationJson {
  return {
    artefactId: p.artefactId,
    locationId: p.locationId,
    provenance: p.provenance,
    sourceArtefactId: p.sourceArtefactId,
    type: p.type,
    listType: p.listType,
    listName: listNameOf(p.listType),
    contentDate: p.contentDate,
    language: p.language,
    sensitivity: p.sensitivity,
    displayFrom: p.displayFrom.toISOString(),
    displayTo: p.displayTo?.toISOString() ?? null,
    isFlatFile: p.isFlatFile,
    contentType: p.contentType,
    fileName: p.fileName,
    payloadSize: p.payloadSize,
    supersededCount: p.supersededCount,
    lastReceivedDate: p.lastReceivedAt.toISOString(),
  };
}

const summaryKeys = Object.keys(publicationSummaryJsonSchema.shape) as (keyof PublicationSummaryJson)[];

export function publicationSummaryJson(p: Publication): PublicationSummaryJson {
  const full = publicationJson(p);
  return Object.fromEntries(summaryKeys.map((key) => [key, full[key]])) as PublicationSummaryJson;
}
