/**
 * The rendering of a published JSON list: `listPageView` picks the list type's template and builds its view model;
 * the portal renders `template` (a content-only fragment under `listTemplatesDirectory`) with `context` inside its
 * own layout, in a Nunjucks environment over govuk-frontend's templates and this directory, autoescape on.
 */
import { fileURLToPath } from 'node:url';
import type { ListTypeDefinition } from '../../../shared/publications/catalogue/list-types.js';
import type { PayloadSchemaId } from '../../../shared/publications/catalogue/payload-schemas.js';
import { civilDailyCauseList, copDailyCauseList, familyDailyCauseList } from './view-models/cause-lists.js';
import { crownDailyPddaList, crownFirmPddaList, crownWarnedPddaList } from './view-models/crown.js';
import { etFortnightlyPressList } from './view-models/et-fortnightly.js';
import { genericList } from './view-models/generic.js';
import { magistratesAdultCourtList, magistratesPublicAdultCourtList } from './view-models/magistrates-adult.js';
import { magistratesPublicList, magistratesStandardList } from './view-models/magistrates.js';
import {
  nonStrategicSchemaIds,
  nonStrategicTables,
} from '../../../shared/publications/catalogue/schemas/non-strategic-tables.js';
import { nonStrategicTableList } from './view-models/non-strategic.js';
import type { PageInput } from './view-models/page.js';
import { sjpPressList, sjpPublicList, type SjpFilterSelection } from './view-models/sjp.js';
import { etDailyList, iacDailyList, sscsDailyList } from './view-models/tribunals.js';
import type { ListPageContext } from './view-models/view.js';

export interface ListRenderInput {
  listType: ListTypeDefinition;
  payload: unknown;
  language: 'en' | 'cy';
  contentDate: string;
  lastUpdated: string;
  court: { name: string; welshName: string | null } | null;
  /**
   * The request's query string, optional: the SJP lists read their filters from it (`postcode`, `prosecutor`,
   * repeatable), as the filter form submits them with GET.
   */
  query?: URLSearchParams;
}

export const listTemplatesDirectory: string = fileURLToPath(new URL('./templates', import.meta.url));

type Builder = (input: PageInput, payload: unknown, filters: SjpFilterSelection) => ListPageContext;

interface Rendering {
  template: string;
  build: Builder;
}

/** The template of every tabular (non-strategic) list. */
const nonStrategicTemplate = 'non-strategic-table.njk';

/** The lists with a template of their own, named after their schema (`<schema>.njk`), and their view model. */
const ownTemplateBuilders = {
  'civil-daily-cause-list': civilDailyCauseList,
  'family-daily-cause-list': familyDailyCauseList,
  'civil-and-family-daily-cause-list': familyDailyCauseList,
  'cop-daily-cause-list': copDailyCauseList,
  'crown-daily-pdda-list': crownDailyPddaList,
  'crown-firm-pdda-list': crownFirmPddaList,
  'crown-warned-pdda-list': crownWarnedPddaList,
  'magistrates-public-list': magistratesPublicList,
  'magistrates-standard-list': magistratesStandardList,
  'magistrates-adult-court-list': magistratesAdultCourtList,
  'magistrates-public-adult-court-list': magistratesPublicAdultCourtList,
  'sjp-public-list': sjpPublicList,
  'sjp-press-list': sjpPressList,
  'sscs-daily-list': sscsDailyList,
  'et-daily-list': etDailyList,
  'et-fortnightly-press-list': etFortnightlyPressList,
  'iac-daily-list': iacDailyList,
} satisfies Partial<Record<PayloadSchemaId, Builder>>;

const renderingsBySchema: Partial<Record<PayloadSchemaId, Rendering>> = {
  ...Object.fromEntries(
    Object.entries(ownTemplateBuilders).map(([id, build]) => [id, { template: `${id}.njk`, build }]),
  ),
  // The tabular lists: one template, and a builder per table description.
  ...Object.fromEntries(
    nonStrategicSchemaIds.map((id) => [
      id,
      { template: nonStrategicTemplate, build: nonStrategicTableList(nonStrategicTables[id]) },
    ]),
  ),
};

/** The template that shows a list without a rendering of its own, or a payload its view model cannot read. */
export const genericTemplate: string = 'generic-list.njk';

const genericRendering: Rendering = { template: genericTemplate, build: genericList };

function filtersFrom(query: URLSearchParams | undefined): SjpFilterSelection {
  return { postcodes: query?.getAll('postcode') ?? [], prosecutors: query?.getAll('prosecutor') ?? [] };
}

/** Whether the list type has a rendering of its own (else the generic one shows it). */
export function hasDedicatedRendering(listType: ListTypeDefinition): boolean {
  return renderingsBySchema[listType.schema] !== undefined;
}

/** The template of the list type's own rendering (under `listTemplatesDirectory`), or null if it has none. */
export function dedicatedTemplate(listType: ListTypeDefinition): string | null {
  return renderingsBySchema[listType.schema]?.template ?? null;
}

export function listPageView(input: ListRenderInput): { template: string; context: Record<string, unknown> } {
  const rendering = renderingsBySchema[input.listType.schema] ?? genericRendering;
  const filters = filtersFrom(input.query);
  try {
    return { template: rendering.template, context: rendering.build(input, input.payload, filters) };
  } catch {
    // A payload the dedicated view model cannot read (it passed validation, so this is a gap in our reading of
    // the schema): show it generically rather than not at all.
    return { template: genericRendering.template, context: genericRendering.build(input, input.payload, filters) };
  }
}
