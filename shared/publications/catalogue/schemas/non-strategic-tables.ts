/**
 * The non-strategic (tabular) lists: one table description per live JSON Schema under `schemas/non-strategic/` of
 * pip-data-management (24 schemas for 63 list types, mapped in ../list-types.ts). Court staff make these lists in a
 * spreadsheet; each row is one hearing, each column one field. Most payloads are a bare array of rows; some hold
 * several named arrays (sections), e.g. the London Administrative Court list's `londonAdministrativeCourt` and
 * `planningCourt`.
 *
 * This description is the one source for each table's zod schema (below), its rendering (column headings in
 * functions/web/lists/strings), its search terms and its Excel upload (the workbook's headers map to `field`).
 * Every string column also carries the live schemas' "no HTML tags" rule, enforced once over the whole payload by
 * `findHtmlInStrings` (../html-check.ts).
 */
import { z } from 'zod';
import { text } from './common.js';

/** `text`: any text; `time`: `^\d{1,2}([:.]\d{2})?[ap]m\s*$` (9am, 10:30am); `date`: `dd/MM/yyyy`. */
export type TableColumnKind = 'text' | 'time' | 'date';

export interface TableColumn {
  /** The payload's property name, as the live schema spells it (some hold a slash: `venue/platform`). */
  field: string;
  kind: TableColumnKind;
  /** False only where the live schema leaves the property out of `required`. */
  required?: false;
}

export interface TableSection {
  /** The payload property holding this section's rows; null when the payload itself is the array of rows. */
  key: string | null;
  columns: readonly TableColumn[];
}

export interface NonStrategicTable {
  /** The live JSON Schema this description is written from. */
  source: string;
  sections: readonly TableSection[];
}

const definitions = {
  'non-strategic-ast-daily-hearing-list': {
    source: 'non-strategic/ast_daily_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'appellant', kind: 'text' },
          { field: 'appealReferenceNumber', kind: 'text' },
          { field: 'caseType', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'hearingTime', kind: 'time' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-cic-weekly-hearing-list': {
    source: 'non-strategic/cic_weekly_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'date', kind: 'date' },
          { field: 'hearingTime', kind: 'time' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'caseName', kind: 'text' },
          { field: 'venue/platform', kind: 'text' },
          { field: 'judges', kind: 'text' },
          { field: 'members', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-common-kb-chd-daily-cause-list': {
    source: 'non-strategic/common_kb_chd_daily_cause_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'judge', kind: 'text' },
          { field: 'time', kind: 'time' },
          { field: 'venue', kind: 'text' },
          { field: 'type', kind: 'text' },
          { field: 'caseNumber', kind: 'text' },
          { field: 'caseName', kind: 'text' },
          { field: 'hearingType', kind: 'text', required: false },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-daily-cause-list': {
    source: 'non-strategic/common_ns_daily_cause_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'venue', kind: 'text' },
          { field: 'judge', kind: 'text' },
          { field: 'time', kind: 'time' },
          { field: 'caseNumber', kind: 'text' },
          { field: 'caseDetails', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-court-of-appeal-civil-daily-cause-list': {
    source: 'non-strategic/court_of_appeal_civil_daily_cause_list.json',
    sections: [
      {
        key: 'hearingList',
        columns: [
          { field: 'venue', kind: 'text' },
          { field: 'judge', kind: 'text' },
          { field: 'time', kind: 'time' },
          { field: 'caseNumber', kind: 'text' },
          { field: 'caseDetails', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
      {
        key: 'futureJudgments',
        columns: [
          { field: 'date', kind: 'date' },
          { field: 'venue', kind: 'text' },
          { field: 'judge', kind: 'text' },
          { field: 'time', kind: 'time' },
          { field: 'caseNumber', kind: 'text' },
          { field: 'caseDetails', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-cst-weekly-hearing-list': {
    source: 'non-strategic/cst_weekly_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'date', kind: 'date' },
          { field: 'caseName', kind: 'text' },
          { field: 'hearingLength', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'venue', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-ftt-land-registry-tribunal-weekly-hearing-list': {
    source: 'non-strategic/ftt-land-registry-tribunal-weekly-hearing-list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'date', kind: 'date' },
          { field: 'hearingTime', kind: 'time' },
          { field: 'caseName', kind: 'text' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'judge', kind: 'text' },
          { field: 'venue/platform', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-ftt-residential-property-tribunal-weekly-hearing-list': {
    source: 'non-strategic/ftt-residential-property-tribunal-weekly-hearing-list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'date', kind: 'date' },
          { field: 'time', kind: 'time' },
          { field: 'venue', kind: 'text' },
          { field: 'caseType', kind: 'text' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'judges', kind: 'text' },
          { field: 'members', kind: 'text' },
          { field: 'hearingMethod', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-ftt-tax-chamber-tribunal-weekly-hearing-list': {
    source: 'non-strategic/ftt-tax-chamber-tribunal-weekly-hearing-list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'date', kind: 'date' },
          { field: 'hearingTime', kind: 'time' },
          { field: 'caseName', kind: 'text' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'judges', kind: 'text' },
          { field: 'members', kind: 'text' },
          { field: 'venue/platform', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-grc-weekly-hearing-list': {
    source: 'non-strategic/grc_weekly_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'date', kind: 'date' },
          { field: 'hearingTime', kind: 'time' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'caseName', kind: 'text' },
          { field: 'judges', kind: 'text' },
          { field: 'members', kind: 'text' },
          { field: 'modeOfHearing', kind: 'text' },
          { field: 'venue', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-interim-applications-chancery-division-daily-cause-list': {
    source: 'non-strategic/interim_applications_chancery_division_daily_cause_list.json',
    sections: [
      {
        key: 'hearingList',
        columns: [
          { field: 'judge', kind: 'text' },
          { field: 'time', kind: 'time' },
          { field: 'venue', kind: 'text' },
          { field: 'type', kind: 'text' },
          { field: 'caseNumber', kind: 'text' },
          { field: 'caseName', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
      {
        key: 'openJusticeStatementDetails',
        columns: [
          { field: 'nameToBeDisplayed', kind: 'text' },
          { field: 'email', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-london-administrative-court-daily-cause-list': {
    source: 'non-strategic/london_administrative_court_daily_cause_list.json',
    sections: [
      {
        key: 'londonAdministrativeCourt',
        columns: [
          { field: 'venue', kind: 'text' },
          { field: 'judge', kind: 'text' },
          { field: 'time', kind: 'time' },
          { field: 'caseNumber', kind: 'text' },
          { field: 'caseDetails', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
      {
        key: 'planningCourt',
        columns: [
          { field: 'venue', kind: 'text' },
          { field: 'judge', kind: 'text' },
          { field: 'time', kind: 'time' },
          { field: 'caseNumber', kind: 'text' },
          { field: 'caseDetails', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-pht-weekly-hearing-list': {
    source: 'non-strategic/pht_weekly_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'date', kind: 'date' },
          { field: 'caseName', kind: 'text' },
          { field: 'hearingLength', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'venue', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-send-daily-hearing-list': {
    source: 'non-strategic/send_daily_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'time', kind: 'time' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'respondent', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'venue', kind: 'text' },
          { field: 'timeEstimate', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-senior-courts-costs-office-daily-cause-list': {
    source: 'non-strategic/senior_courts_costs_office_daily_cause_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'venue', kind: 'text' },
          { field: 'judge', kind: 'text' },
          { field: 'time', kind: 'time' },
          { field: 'caseNumber', kind: 'text' },
          { field: 'caseDetails', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-siac-weekly-hearing-list': {
    source: 'non-strategic/siac_weekly_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'date', kind: 'date' },
          { field: 'time', kind: 'time' },
          { field: 'appellant', kind: 'text' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'courtroom', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-sscs-daily-hearing-list': {
    source: 'non-strategic/sscs_daily_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'venue', kind: 'text' },
          { field: 'appealReferenceNumber', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'appellant', kind: 'text' },
          { field: 'courtroom', kind: 'text' },
          { field: 'hearingTime', kind: 'time' },
          { field: 'tribunal', kind: 'text' },
          { field: 'fta/respondent', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-ut-administrative-appeals-chamber-daily-hearing-list': {
    source: 'non-strategic/ut_administrative_appeals_chamber_daily_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'time', kind: 'time' },
          { field: 'appellant', kind: 'text' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'judges', kind: 'text' },
          { field: 'members', kind: 'text' },
          { field: 'modeOfHearing', kind: 'text' },
          { field: 'venue', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-ut-iac-judicial-reviews-daily-hearing-list': {
    source: 'non-strategic/ut_iac_judicial_reviews_daily_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'venue', kind: 'text' },
          { field: 'judges', kind: 'text' },
          { field: 'hearingTime', kind: 'time' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'caseTitle', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-ut-iac-judicial-reviews-london-daily-hearing-list': {
    source: 'non-strategic/ut_iac_judicial_reviews_london_daily_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'hearingTime', kind: 'time' },
          { field: 'caseTitle', kind: 'text' },
          { field: 'representative', kind: 'text' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'judges', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'location', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-ut-iac-statutory-appeals-daily-hearing-list': {
    source: 'non-strategic/ut_iac_statutory_appeals_daily_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'hearingTime', kind: 'time' },
          { field: 'appellant', kind: 'text' },
          { field: 'representative', kind: 'text' },
          { field: 'appealReferenceNumber', kind: 'text' },
          { field: 'judges', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'location', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-ut-lands-chamber-daily-hearing-list': {
    source: 'non-strategic/ut_lands_chamber_daily_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'time', kind: 'time' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'caseName', kind: 'text' },
          { field: 'judges', kind: 'text' },
          { field: 'members', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'venue', kind: 'text' },
          { field: 'modeOfHearing', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-ut-tax-and-chancery-chamber-daily-hearing-list': {
    source: 'non-strategic/ut_tax_and_chancery_chamber_daily_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'time', kind: 'time' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'caseName', kind: 'text' },
          { field: 'judges', kind: 'text' },
          { field: 'members', kind: 'text' },
          { field: 'hearingType', kind: 'text' },
          { field: 'venue', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
  'non-strategic-wpafcc-weekly-hearing-list': {
    source: 'non-strategic/wpafcc_weekly_hearing_list.json',
    sections: [
      {
        key: null,
        columns: [
          { field: 'date', kind: 'date' },
          { field: 'hearingTime', kind: 'time' },
          { field: 'caseReferenceNumber', kind: 'text' },
          { field: 'caseName', kind: 'text' },
          { field: 'panel', kind: 'text' },
          { field: 'modeOfHearing', kind: 'text' },
          { field: 'venue', kind: 'text' },
          { field: 'additionalInformation', kind: 'text' },
        ],
      },
    ],
  },
} satisfies Record<string, NonStrategicTable>;

export type NonStrategicSchemaId = keyof typeof definitions;

export const nonStrategicTables: Readonly<Record<NonStrategicSchemaId, NonStrategicTable>> = definitions;

export const nonStrategicSchemaIds = Object.keys(definitions) as NonStrategicSchemaId[];

/** `^\d{1,2}([:.]\d{2})?[ap]m\s*$`, e.g. "9am", "10:30am  ". */
export const hearingTime = text.regex(/^\d{1,2}([:.]\d{2})?[ap]m\s*$/, { error: 'must be a time like 9am or 10:30am' });
/** `^\d{2}/\d{2}/\d{4}$`, e.g. "31/01/2026". */
export const tableDate = text.regex(/^\d{2}\/\d{2}\/\d{4}$/, { error: 'must be a date like 31/01/2026' });

const columnSchema: Record<TableColumnKind, z.ZodString> = { text, time: hearingTime, date: tableDate };

function rowSchema(section: TableSection): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const column of section.columns) {
    const schema = columnSchema[column.kind];
    shape[column.field] = column.required === false ? schema.optional() : schema;
  }
  return z.object(shape);
}

/** The zod schema of a table: an array of rows, or an object of named arrays of rows (every section required). */
export function tableSchema(table: NonStrategicTable): z.ZodType {
  const [only] = table.sections;
  if (table.sections.length === 1 && only !== undefined && only.key === null) return z.array(rowSchema(only));
  const shape: Record<string, z.ZodType> = {};
  for (const section of table.sections) {
    if (section.key === null) throw new Error(`${table.source}: a section without a key must be the only one`);
    shape[section.key] = z.array(rowSchema(section));
  }
  return z.object(shape);
}

/** The rows of each section of a payload the table's schema accepted, in the table's order. */
export function sectionRows(
  table: NonStrategicTable,
  payload: unknown,
): { section: TableSection; rows: readonly Record<string, unknown>[] }[] {
  return table.sections.map((section) => {
    const value = section.key === null ? payload : (payload as Record<string, unknown>)[section.key];
    return { section, rows: Array.isArray(value) ? (value as Record<string, unknown>[]) : [] };
  });
}
