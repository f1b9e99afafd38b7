/**
 * The touch points of a list type (docs/architecture.md, "Adding a list type"): every list type that is not
 * deprecated and has a schema of its own (not `master`, not `file-only`) has a view model, a
 * template, an example fixture its schema accepts, and English and Welsh strings. A new list type fails here, naming
 * each touch point it still lacks, until it has them all.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTypes, type ListTypeDefinition } from '../../../shared/publications/catalogue/list-types.js';
import type { PayloadSchemaId } from '../../../shared/publications/catalogue/payload-schemas.js';
import { validatePayload } from '../../../shared/publications/catalogue/validate-payload.js';
import { listEnvironment } from './list-environment.js';
import {
  examplesDirectory,
  exampleInput,
  listExamples,
  listTypeById,
  readExample,
  type ListExample,
} from './list-examples.test-support.js';
import {
  dedicatedTemplate,
  genericTemplate,
  hasDedicatedRendering,
  listPageView,
  listTemplatesDirectory,
} from './render-list.js';
import cy from './strings/cy.json' with { type: 'json' };
import en from './strings/en.json' with { type: 'json' };

type TouchPoint = 'view model' | 'template' | 'example fixture' | 'English strings' | 'Welsh strings';

/**
 * Schemas that are not a list's own: the master schema alone, the tabular lists' shared rows, and `file-only` (no
 * JSON at all: the file is offered for download).
 */
const sharedSchemas: ReadonlySet<PayloadSchemaId> = new Set(['master', 'file-only']);

/**
 * The one place for list types that legitimately lack a touch point today, each with the touch points it lacks.
 * Empty: every list type with a schema of its own has all of them.
 */
const knownGaps: Readonly<Record<string, readonly TouchPoint[]>> = {};

const environment = listEnvironment();

function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringLeaves(item, out);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) stringLeaves(item, out);
  return out;
}

/** Strings of one language whose translation differs: seeing one in the other language's page means it was not translated. */
const translated = (() => {
  const english = stringLeaves(en);
  const welsh = stringLeaves(cy);
  const differ = (a: string[], b: string[]) => new Set(a.filter((text) => !b.includes(text)));
  return { en: differ(english, welsh), cy: differ(welsh, english) };
})();

/** The example of the list type's schema (one example per schema: list types sharing a schema share it). */
function exampleFor(listType: ListTypeDefinition): ListExample | undefined {
  return listExamples.find((example) => listTypeById(example.listTypeId).schema === listType.schema);
}

/**
 * Strings of the other language (ones that differ from this language's) in a view model, its strings objects aside,
 * that the payload does not hold itself (an example's data may read "Case type").
 */
function untranslated(context: Record<string, unknown>, language: 'en' | 'cy', payload: unknown): string[] {
  const rest = Object.fromEntries(Object.entries(context).filter(([key]) => key !== 'strings'));
  const other = language === 'en' ? translated.cy : translated.en;
  const data = new Set(stringLeaves(payload));
  return stringLeaves(rest).filter((text) => other.has(text) && !data.has(text));
}

/** The example renders in `language` with that language's strings only, and without a missing value. */
function stringsHold(listType: ListTypeDefinition, example: ListExample, language: 'en' | 'cy'): boolean {
  const input = { ...exampleInput(example, language), listType };
  const view = listPageView(input);
  if (untranslated(view.context, language, input.payload).length > 0) return false;
  const html = environment.render(view.template, view.context);
  return !html.includes('undefined') && html.includes(`lang="${language}"`);
}

/** The touch points the list type lacks, each with where it goes. */
function missingTouchPoints(listType: ListTypeDefinition): { touchPoint: TouchPoint; where: string }[] {
  const missing: { touchPoint: TouchPoint; where: string }[] = [];
  if (!hasDedicatedRendering(listType)) {
    missing.push({ touchPoint: 'view model', where: `functions/web/lists/view-models/, bound in render-list.ts` });
  }
  const template = dedicatedTemplate(listType);
  if (template === null || template === genericTemplate || !existsSync(join(listTemplatesDirectory, template))) {
    missing.push({
      touchPoint: 'template',
      where: `functions/web/lists/templates/${template ?? `${listType.schema}.njk`}, bound in render-list.ts`,
    });
  }
  const example = exampleFor(listType);
  const exampleUsable =
    example !== undefined &&
    existsSync(new URL(example.file, examplesDirectory)) &&
    validatePayload(listType, readExample(example.file)).ok;
  if (!exampleUsable) {
    missing.push({
      touchPoint: 'example fixture',
      where: `a payload of schema ${listType.schema} that it accepts, in list-examples.test-support.ts`,
    });
  }
  const rendered = exampleUsable && template !== null && hasDedicatedRendering(listType) ? example : undefined;
  const holds = (language: 'en' | 'cy') => rendered !== undefined && stringsHold(listType, rendered, language);
  if (listType.friendlyName.en.trim() === '' || !holds('en')) {
    missing.push({ touchPoint: 'English strings', where: 'list-types.ts englishName; strings/en.json' });
  }
  if (listType.friendlyName.cy.trim() === '' || listType.friendlyName.cy === listType.friendlyName.en || !holds('cy')) {
    missing.push({ touchPoint: 'Welsh strings', where: 'list-types.ts welshName; strings/cy.json' });
  }
  return missing;
}

const withOwnSchema = listTypes.filter((listType) => !listType.deprecated && !sharedSchemas.has(listType.schema));

describe('the touch points of every list type with a schema of its own', () => {
  it('covers the list types it should', () => {
    expect(withOwnSchema.length).toBeGreaterThanOrEqual(25);
    expect(withOwnSchema.map((listType) => listType.id)).toEqual(
      expect.arrayContaining(['CIVIL_DAILY_CAUSE_LIST', 'SJP_DELTA_PRESS_LIST', 'SSCS_LONDON_DAILY_HEARING_LIST']),
    );
  });

  it('has a view model, a template, an example fixture, and English and Welsh strings (known gaps aside)', () => {
    const problems = withOwnSchema.flatMap((listType) => {
      const allowed = knownGaps[listType.id] ?? [];
      return missingTouchPoints(listType)
        .filter(({ touchPoint }) => !allowed.includes(touchPoint))
        .map(({ touchPoint, where }) => `${listType.id} lacks its ${touchPoint} (${where})`);
    });
    expect(problems).toEqual([]);
  });

  it('lists as known gaps only list types that still lack those touch points', () => {
    const stale = Object.entries(knownGaps).flatMap(([id, touchPoints]) => {
      const listType = withOwnSchema.find((candidate) => candidate.id === id);
      if (listType === undefined) return [`${id} is not a non-deprecated list type with a schema of its own`];
      const missing = missingTouchPoints(listType).map(({ touchPoint }) => touchPoint);
      return touchPoints.filter((touchPoint) => !missing.includes(touchPoint)).map((t) => `${id} now has its ${t}`);
    });
    expect(stale).toEqual([]);
  });

  it('names every touch point a new list type lacks', () => {
    const newListType: ListTypeDefinition = {
      ...listTypeById('CIVIL_DAILY_CAUSE_LIST'),
      id: 'NEW_DAILY_CAUSE_LIST',
      friendlyName: { en: 'New Daily Cause List', cy: 'New Daily Cause List' },
      schema: 'new-daily-cause-list' as PayloadSchemaId,
    };
    expect(missingTouchPoints(newListType).map(({ touchPoint }) => touchPoint)).toEqual([
      'view model',
      'template',
      'example fixture',
      'English strings',
      'Welsh strings',
    ]);
  });

  it('finds English labels in a Welsh page, and Welsh ones in an English page', () => {
    const example = exampleFor(listTypeById('ET_DAILY_LIST'));
    if (example === undefined) throw new Error('no ET example');
    const payload = readExample(example.file);
    const english = listPageView(exampleInput(example, 'en')).context;
    const welsh = listPageView(exampleInput(example, 'cy')).context;
    expect(untranslated(english, 'en', payload)).toEqual([]);
    expect(untranslated(welsh, 'cy', payload)).toEqual([]);
    expect(untranslated(english, 'cy', payload)).toContain(en.et.claimant);
    expect(untranslated(welsh, 'en', payload)).toContain(cy.et.claimant);
  });
});
