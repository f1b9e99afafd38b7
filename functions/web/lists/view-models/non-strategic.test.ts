import { describe, expect, it } from 'vitest';
import {
  nonStrategicSchemaIds,
  nonStrategicTables,
} from '../../../../shared/publications/catalogue/schemas/non-strategic-tables.js';
import { validatePayload } from '../../../../shared/publications/catalogue/validate-payload.js';
import { listEnvironment } from '../list-environment.js';
import { exampleInput, listExamples, listTypeById, readExample } from '../list-examples.test-support.js';
import { listPageView, type ListRenderInput } from '../render-list.js';
import { listStrings } from '../strings.js';
import { columnHeading, sectionHeading } from './non-strategic.js';

const environment = listEnvironment();
const en = listStrings('en');
const cy = listStrings('cy');

const tabularExamples = listExamples.filter((example) =>
  listTypeById(example.listTypeId).schema.startsWith('non-strategic-'),
);

function render(input: ListRenderInput): { html: string; template: string } {
  const view = listPageView(input);
  return { html: environment.render(view.template, view.context), template: view.template };
}

/** The text of each element matched by `pattern` (its first group), tags dropped. */
function texts(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((match) => (match[1] ?? '').replace(/<[^>]*>/g, '').trim());
}

/** Each table of the page: its column headings and its rows' cell texts. */
function tablesOf(html: string): { head: string[]; rows: string[][] }[] {
  return [...html.matchAll(/<table class="govuk-table[^"]*">([\s\S]*?)<\/table>/g)].map((table) => {
    const body = table[1] ?? '';
    return {
      head: texts(body, /<th scope="col"[^>]*>([\s\S]*?)<\/th>/g),
      rows: [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
        .map((row) => texts(row[1] ?? '', /<td[^>]*>([\s\S]*?)<\/td>/g))
        .filter((cells) => cells.length > 0),
    };
  });
}

const decode = (text: string) =>
  text
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');

describe('the strings of the tabular lists', () => {
  const fields = new Set(
    nonStrategicSchemaIds.flatMap((id) =>
      nonStrategicTables[id].sections.flatMap((section) => section.columns.map((column) => column.field)),
    ),
  );
  const sectionKeys = new Set(
    nonStrategicSchemaIds.flatMap((id) =>
      nonStrategicTables[id].sections.flatMap((section) => (section.key === null ? [] : [section.key])),
    ),
  );

  it('has an English and a Welsh heading for every column of every table', () => {
    const columns: Readonly<Record<string, string>> = en.nonStrategic.columns;
    const welsh: Readonly<Record<string, string>> = cy.nonStrategic.columns;
    expect([...fields].filter((field) => columns[field] === undefined)).toEqual([]);
    expect([...fields].filter((field) => welsh[field] === undefined)).toEqual([]);
    // "Panel" is Welsh too; every other heading is translated.
    const same = [...fields].filter((field) => columnHeading(en, field) === columnHeading(cy, field));
    expect(same.sort()).toEqual(['panel', 'tribunal']);
  });

  it('has an English and a Welsh heading for every named section', () => {
    const english: Readonly<Record<string, string>> = en.nonStrategic.sections;
    expect([...sectionKeys].filter((key) => english[key] === undefined)).toEqual([]);
    for (const key of sectionKeys) expect(sectionHeading(cy, key), key).not.toBe(sectionHeading(en, key));
  });

  it('keeps no heading for a column or section no table has', () => {
    expect(Object.keys(en.nonStrategic.columns).filter((field) => !fields.has(field))).toEqual([]);
    expect(Object.keys(en.nonStrategic.sections).filter((key) => !sectionKeys.has(key))).toEqual([]);
  });
});

describe('every tabular list type of the live portal, on its own payload', () => {
  it('has an example of every tabular schema', () => {
    const covered = new Set(tabularExamples.map((example) => listTypeById(example.listTypeId).schema));
    expect([...nonStrategicSchemaIds].filter((id) => !covered.has(id))).toEqual([]);
  });

  for (const example of tabularExamples) {
    const listType = listTypeById(example.listTypeId);
    const table = nonStrategicTables[listType.schema as keyof typeof nonStrategicTables];

    it(`${example.file} is accepted as ${example.listTypeId}`, () => {
      expect(validatePayload(listType, readExample(example.file))).toEqual({ ok: true });
    });

    for (const language of ['en', 'cy'] as const) {
      it(`${example.file} (${language}): a table per section, the schema's columns in order, a row per case`, () => {
        const strings = listStrings(language);
        const { html, template } = render(exampleInput(example, language));
        expect(template).toBe('non-strategic-table.njk');
        const payload = readExample(example.file);
        const sections = table.sections.filter((section) => {
          const rows = section.key === null ? payload : (payload as Record<string, unknown>)[section.key];
          return Array.isArray(rows) && rows.length > 0;
        });
        const tables = tablesOf(html);
        expect(tables).toHaveLength(sections.length);
        sections.forEach((section, index) => {
          const shown = tables[index];
          const rows = (section.key === null ? payload : (payload as Record<string, unknown>)[section.key]) as Record<
            string,
            string | undefined
          >[];
          expect(shown?.head.map(decode)).toEqual(
            section.columns.map((column) => columnHeading(strings, column.field)),
          );
          expect(shown?.rows).toHaveLength(rows.length);
          rows.forEach((row, rowIndex) => {
            expect(shown?.rows[rowIndex]?.map(decode)).toEqual(
              section.columns.map((column) =>
                (row[column.field] ?? '')
                  .split(/\r?\n/)
                  .map((line) => line.trim())
                  .join(''),
              ),
            );
          });
          if (section.key !== null) {
            expect(texts(html, /<h2 class="govuk-heading-m[^"]*">([\s\S]*?)<\/h2>/g).map(decode)).toContain(
              sectionHeading(strings, section.key),
            );
          }
        });
        // No label of the other language: every heading shown is this language's.
        const other = listStrings(language === 'en' ? 'cy' : 'en');
        const otherLabels = new Set(
          [...Object.values(other.nonStrategic.columns), ...Object.values(other.nonStrategic.sections)].filter(
            (label) =>
              !Object.values(strings.nonStrategic.columns).includes(label) &&
              !Object.values(strings.nonStrategic.sections).includes(label),
          ),
        );
        const shownLabels = [
          ...tables.flatMap((shown) => shown.head),
          ...texts(html, /<h2[^>]*>([\s\S]*?)<\/h2>/g),
        ].map(decode);
        expect(shownLabels.filter((label) => otherLabels.has(label))).toEqual([]);
        expect(html).toContain(`lang="${language}"`);
        expect(html).not.toContain('undefined');
      });
    }
  }
});

describe('the tabular rendering', () => {
  const example = (listTypeId: string) => {
    const found = tabularExamples.find((item) => item.listTypeId === listTypeId);
    if (found === undefined) throw new Error(`no example of ${listTypeId}`);
    return found;
  };

  it('heads the Court of Appeal (Civil Division) sections, the future judgments with their date first', () => {
    const { html } = render(exampleInput(example('COURT_OF_APPEAL_CIVIL_DAILY_CAUSE_LIST'), 'en'));
    expect(texts(html, /<h2 class="govuk-heading-m[^"]*">([\s\S]*?)<\/h2>/g)).toEqual([
      'Hearings',
      'Notice for future judgments',
    ]);
    expect(tablesOf(html)[1]?.head[0]).toBe('Date');
    expect(tablesOf(html)[1]?.rows[0]?.[0]).toBe('01/06/2025');
    const welsh = render(exampleInput(example('COURT_OF_APPEAL_CIVIL_DAILY_CAUSE_LIST'), 'cy')).html;
    expect(texts(welsh, /<h2 class="govuk-heading-m[^"]*">([\s\S]*?)<\/h2>/g)).toEqual([
      'Gwrandawiadau',
      'Hysbysiad am ddyfarniadau i ddod',
    ]);
  });

  it('shows the London Administrative Court and the Planning Court as two tables', () => {
    const { html } = render(exampleInput(example('LONDON_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST'), 'en'));
    expect(texts(html, /<h2 class="govuk-heading-m[^"]*">([\s\S]*?)<\/h2>/g)).toEqual([
      'London Administrative Court',
      'Planning Court',
    ]);
    expect(html).toContain('<caption class="govuk-table__caption govuk-visually-hidden">Planning Court</caption>');
  });

  it("shows the live portal's Planning Court payload as the Planning Court table, in English and Welsh", () => {
    // pip-frontend's mock of the retired PLANNING_COURT_DAILY_CAUSE_LIST: today the `planningCourt` section of the
    // London Administrative Court list.
    const planningCourt = readExample('planningCourtDailyCauseList.json') as Record<string, string>[];
    const listType = listTypeById('LONDON_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST');
    const payload = { londonAdministrativeCourt: [], planningCourt };
    expect(validatePayload(listType, payload)).toEqual({ ok: true });
    for (const [language, strings] of [
      ['en', en],
      ['cy', cy],
    ] as const) {
      const input = { ...exampleInput(example('LONDON_ADMINISTRATIVE_COURT_DAILY_CAUSE_LIST'), language), payload };
      const { html } = render(input);
      expect(texts(html, /<h2 class="govuk-heading-m[^"]*">([\s\S]*?)<\/h2>/g).map(decode)).toEqual([
        sectionHeading(strings, 'planningCourt'),
      ]);
      const [shown, ...others] = tablesOf(html);
      expect(others).toEqual([]);
      expect(shown?.head.map(decode)).toEqual(
        ['venue', 'judge', 'time', 'caseNumber', 'caseDetails', 'hearingType', 'additionalInformation'].map((field) =>
          columnHeading(strings, field),
        ),
      );
      expect(shown?.rows.map((row) => row[3])).toEqual(planningCourt.map((row) => row.caseNumber));
      expect(html).toContain(`lang="${language}"`);
    }
  });

  it('leaves out a section without rows, and says so when no section has any', () => {
    const input = exampleInput(example('COURT_OF_APPEAL_CIVIL_DAILY_CAUSE_LIST'), 'en');
    const payload = readExample(example('COURT_OF_APPEAL_CIVIL_DAILY_CAUSE_LIST').file) as Record<string, unknown>;
    const noFuture = render({ ...input, payload: { ...payload, futureJudgments: [] } }).html;
    expect(tablesOf(noFuture)).toHaveLength(1);
    expect(noFuture).not.toContain('Notice for future judgments');
    const empty = listPageView({ ...input, payload: { hearingList: [], futureJudgments: [] } });
    expect(empty.context.noHearings).toBe(en.common.noHearings);
  });

  it('keeps the live important information of the SSCS and London county court lists', () => {
    const sscs = render(exampleInput(example('SSCS_LONDON_DAILY_HEARING_LIST'), 'cy')).html;
    expect(sscs).toContain(decode(cy.nonStrategic.sscsOpenJustice).replace(/'/g, '&#39;'));
    const county = render(exampleInput(example('COUNTY_COURT_LONDON_CIVIL_DAILY_CAUSE_LIST'), 'en')).html;
    expect(county).toContain('mediaenquiries.civilcourtsatthercj@justice.gov.uk');
    const ast = render(exampleInput(example('AST_DAILY_HEARING_LIST'), 'en')).html;
    expect(ast).not.toContain(en.common.importantInformation);
  });

  it('scopes every heading to its column and lets a wide table scroll in a named, focusable region', () => {
    const { html } = render(exampleInput(example('GRC_WEEKLY_HEARING_LIST'), 'en'));
    const headings = html.match(/<th\b[^>]*>/g) ?? [];
    expect(headings).toHaveLength(9);
    for (const heading of headings) expect(heading).toContain('scope="col"');
    expect(html).toMatch(/<div class="pip-table-wrapper" role="region" aria-label="[^"]+" tabindex="0">\s*<table/);
  });

  it('keeps the lines of a multi-line cell, and shows a missing optional column as empty', () => {
    const input = exampleInput(example('ADMIRALTY_COURT_KB_DAILY_CAUSE_LIST'), 'en');
    const { html } = render({
      ...input,
      payload: [
        {
          judge: 'Judge A\r\nJudge B',
          time: '9am',
          venue: 'Court 1',
          type: 'Trial',
          caseNumber: 'KB-1',
          caseName: 'A v B',
          additionalInformation: '',
        },
      ],
    });
    const [shown] = tablesOf(html);
    expect(html).toContain('<td class="govuk-table__cell">Judge A<br>Judge B</td>');
    expect(shown?.head).toContain('Hearing type');
    expect(shown?.rows[0]?.[shown.head.indexOf('Hearing type')]).toBe('');
  });
});
