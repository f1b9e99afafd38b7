/**
 * The payload schemas, by id: which zod schema validates a list type's JSON, whether the master schema applies
 * first (as it does in the live service for every list but the crown PDDA, tabular and magistrates adult court
 * ones), and which keys get the loose HTML rule (the master schema's loose keys, less those the list's own schema
 * holds to the strict rule). `file-only` is the one entry that accepts no JSON at all: the list types the live
 * service publishes as files only (no JSON Schema, no rendering there).
 */
import type { z } from 'zod';
import {
  civilAndFamilyDailyCauseListSchema,
  civilDailyCauseListSchema,
  copDailyCauseListSchema,
  familyDailyCauseListSchema,
} from './schemas/cause-lists.js';
import {
  magistratesPublicListSchema,
  magistratesStandardListSchema,
  sjpPressListSchema,
  sjpPublicListSchema,
} from './schemas/crime-lists.js';
import {
  crownDailyPddaListSchema,
  crownFirmPddaListSchema,
  crownWarnedPddaListSchema,
} from './schemas/crown-pdda-lists.js';
import {
  magistratesAdultCourtListSchema,
  magistratesPublicAdultCourtListSchema,
} from './schemas/magistrates-adult-court-lists.js';
import { masterLooseHtmlKeys } from './schemas/master.js';
import { nonStrategicTables, tableSchema, type NonStrategicSchemaId } from './schemas/non-strategic-tables.js';
import {
  etDailyListSchema,
  etFortnightlyPressListSchema,
  iacDailyListSchema,
  sscsDailyListSchema,
} from './schemas/tribunal-lists.js';

export interface PayloadSchema {
  /** The live JSON Schema this one is written from. */
  source: string;
  /** The list's own schema; null when the master schema alone applies. */
  schema: z.ZodType | null;
  checkedAgainstMaster: boolean;
  looseHtmlKeys: ReadonlySet<string>;
  /** False for `file-only`: its list types are published as a PDF, Word or Excel file, never as JSON. */
  acceptsJson: boolean;
}

const noLooseKeys: ReadonlySet<string> = new Set();
const strictOrganisationName: ReadonlySet<string> = new Set(['offenceWording', 'applicationParticulars']);

function strategic(source: string, schema: z.ZodType | null, looseHtmlKeys = masterLooseHtmlKeys): PayloadSchema {
  return { source, schema, checkedAgainstMaster: true, looseHtmlKeys, acceptsJson: true };
}
function standalone(source: string, schema: z.ZodType): PayloadSchema {
  return { source, schema, checkedAgainstMaster: false, looseHtmlKeys: noLooseKeys, acceptsJson: true };
}

const definitions = {
  master: strategic('master_schema.json', null),
  'sjp-public-list': strategic('single_justice_procedure_public.json', sjpPublicListSchema, strictOrganisationName),
  'sjp-press-list': strategic(
    'single_justice_procedure_press.json',
    sjpPressListSchema,
    new Set(['applicationParticulars']),
  ),
  'civil-daily-cause-list': strategic('civil_daily_cause_list.json', civilDailyCauseListSchema),
  'family-daily-cause-list': strategic(
    'family_daily_cause_list.json',
    familyDailyCauseListSchema,
    strictOrganisationName,
  ),
  'civil-and-family-daily-cause-list': strategic(
    'civil_and_family_daily_cause_list.json',
    civilAndFamilyDailyCauseListSchema,
    strictOrganisationName,
  ),
  'cop-daily-cause-list': strategic('cop_daily_cause_list.json', copDailyCauseListSchema),
  'magistrates-public-list': strategic('magistrates_public_list.json', magistratesPublicListSchema),
  'magistrates-standard-list': strategic('magistrates_standard_list.json', magistratesStandardListSchema),
  'sscs-daily-list': strategic('sscs_daily_list.json', sscsDailyListSchema, strictOrganisationName),
  'et-daily-list': strategic('et_daily_list.json', etDailyListSchema, strictOrganisationName),
  'et-fortnightly-press-list': strategic(
    'et_fortnightly_press_list.json',
    etFortnightlyPressListSchema,
    strictOrganisationName,
  ),
  'iac-daily-list': strategic('iac_daily_list.json', iacDailyListSchema, strictOrganisationName),
  // The live service skips the master schema for the adult court lists (PublicationController.validateMasterSchema
  // in pip-data-management: MAGISTRATES_ADULT_COURT_LIST_DAILY and _FUTURE), but checks the public ones against it.
  'magistrates-adult-court-list': standalone('magistrates_adult_court_list.json', magistratesAdultCourtListSchema),
  'magistrates-public-adult-court-list': strategic(
    'magistrates_public_adult_court_list.json',
    magistratesPublicAdultCourtListSchema,
  ),
  // The live service checks no HTML in PDDA lists; we hold them to the strict rule too (they are rendered as well).
  'crown-daily-pdda-list': standalone('crown_daily_pdda_list.json', crownDailyPddaListSchema),
  'crown-firm-pdda-list': standalone('crown_firm_pdda_list.json', crownFirmPddaListSchema),
  'crown-warned-pdda-list': standalone('crown_warned_pdda_list.json', crownWarnedPddaListSchema),
  'file-only': {
    source: '(none: the live service publishes these list types as files only)',
    schema: null,
    checkedAgainstMaster: false,
    looseHtmlKeys: noLooseKeys,
    acceptsJson: false,
  },
} satisfies Record<string, PayloadSchema>;

/** The tabular lists' schemas, built from their table descriptions (./schemas/non-strategic-tables.ts). */
const tables = Object.fromEntries(
  Object.entries(nonStrategicTables).map(([id, table]) => [id, standalone(table.source, tableSchema(table))]),
) as Record<NonStrategicSchemaId, PayloadSchema>;

export type PayloadSchemaId = keyof typeof definitions | NonStrategicSchemaId;

/** Widened to `PayloadSchema` so that lookups do not carry every schema's full zod type. */
export const payloadSchemas: Readonly<Record<PayloadSchemaId, PayloadSchema>> = { ...definitions, ...tables };
