/**
 * GET api/schemas/{listType} through the local Functions host: the JSON Schema of each accepted list type, which a
 * JSON Schema reading (zod's own `fromJSONSchema`) turns back into a validator that accepts the list's live example
 * and refuses the live invalid example; the problem body for unknown, deprecated and (in the shared module's test)
 * files-only list types; caching by ETag.
 */
import { readFile } from 'node:fs/promises';
import { HttpRequest } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { listTypes } from '../../shared/publications/catalogue/list-types.js';
import { jsonPayloadSchemaOf, payloadJsonSchema } from '../../shared/publications/catalogue/payload-json-schema.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import { startTestHost } from '../../test-support/test-host.js';
import { registerSchemas } from './registration.js';
import { handleGetSchema, matchesEtag } from './schemas-handler.js';

let host: LocalFunctionsHost;

beforeAll(async () => {
  registerSchemas();
  host = await startTestHost();
});
afterAll(async () => {
  await host.stop();
});

const get = (listType: string, headers: Record<string, string> = {}) =>
  fetch(`${host.url}/api/schemas/${encodeURIComponent(listType)}`, { headers });

async function schemaOf(listType: string): Promise<Record<string, unknown>> {
  const response = await get(listType);
  expect(response.status, listType).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

const example = async (file: string): Promise<unknown> =>
  JSON.parse(await readFile(fixtureUrl('lists', file), 'utf8')) as unknown;

describe('GET api/schemas/{listType}', () => {
  it('answers a 2020-12 JSON Schema, cacheable, for every list type accepted as JSON', async () => {
    const accepted = listTypes.filter((t) => !t.deprecated && jsonPayloadSchemaOf(t) !== null);
    expect(accepted.length).toBeGreaterThan(80);
    for (const listType of accepted) {
      const response = await get(listType.id);
      expect(response.status, listType.id).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/schema+json');
      expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
      expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
      const schema = (await response.json()) as { $schema: string; title: string; description: string };
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.title).toBe(listType.friendlyName.en);
      expect(schema.description).toContain('must not contain HTML tags');
    }
  });

  it('gives a strategic list the master schema and its own (allOf), and says so', async () => {
    const civil = (await schemaOf('civil_daily_cause_list')) as { allOf?: { title: string }[]; description: string };
    expect(civil.allOf?.map((part) => part.title)).toEqual(['Master schema', 'CIVIL_DAILY_CAUSE_LIST']);
    expect(civil.description).toContain('both the master schema');
    const pdda = (await schemaOf('CROWN_DAILY_PDDA_LIST')) as { allOf?: unknown; type: string };
    expect(pdda.allOf).toBeUndefined();
    expect(pdda.type).toBe('object');
  });

  it('is a schema that accepts the live examples and refuses the invalid ones', async () => {
    const cases: [string, string, boolean][] = [
      ['CIVIL_DAILY_CAUSE_LIST', 'civilDailyCauseList.json', true],
      ['CIVIL_DAILY_CAUSE_LIST', 'civilDailyCauseListInvalid.json', false],
      ['SJP_PUBLIC_LIST', 'sjpPublicList.json', true],
      ['SJP_PUBLIC_LIST', 'sjpPublicListInvalid.json', false],
      ['CROWN_FIRM_PDDA_LIST', 'crownFirmPddaList.json', true],
      ['SSCS_LONDON_DAILY_HEARING_LIST', 'sscsDailyHearingList.json', true],
      ['SSCS_LONDON_DAILY_HEARING_LIST', 'civilDailyCauseList.json', false],
    ];
    for (const [listType, file, valid] of cases) {
      const validator = z.fromJSONSchema(await schemaOf(listType));
      expect(validator.safeParse(await example(file)).success, `${listType} ${file}`).toBe(valid);
    }
  });

  it('answers 304 to a revalidation with its ETag', async () => {
    const first = await get('ET_DAILY_LIST');
    const etag = first.headers.get('etag') ?? '';
    const again = await get('et_daily_list', { 'if-none-match': `W/"other", ${etag}` });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get('IAC_DAILY_LIST')).headers.get('etag')).not.toBe(etag);
    expect((await get('ET_DAILY_LIST', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answers the problem body for an unknown list type (404) and a deprecated one (410)', async () => {
    const unknown = await get('NOT_A_LIST');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      code: 'LIST_TYPE_NOT_FOUND',
      message: 'No such list type',
      details: [{ field: 'listType', problem: "'NOT_A_LIST' is not a known list type" }],
    });
    const deprecated = await get('CROWN_DAILY_LIST');
    expect(deprecated.status).toBe(410);
    expect(await deprecated.json()).toMatchObject({
      code: 'LIST_TYPE_DEPRECATED',
      details: [{ field: 'listType', problem: 'CROWN_DAILY_LIST is deprecated and no longer accepted' }],
    });
    expect(deprecated.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 404 NO_JSON_SCHEMA for each list type published as files only', async () => {
    // The catalogue's files-only list types, if any; and one made so, through the handler itself.
    const filesOnly = listTypes.filter((t) => !t.deprecated && jsonPayloadSchemaOf(t) === null);
    for (const listType of filesOnly) {
      const response = await get(listType.id);
      expect(response.status, listType.id).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'NO_JSON_SCHEMA', details: [{ field: 'listType' }] });
    }
    const civil = payloadJsonSchema('CIVIL_DAILY_CAUSE_LIST');
    if (civil.kind !== 'found') throw new Error(civil.kind);
    const request = new HttpRequest({
      url: 'http://localhost/api/schemas/PCOL_DAILY_CAUSE_LIST',
      method: 'GET',
      params: { listType: 'PCOL_DAILY_CAUSE_LIST' },
    });
    const answer = await handleGetSchema(request, () => ({
      kind: 'files-only',
      listType: civil.listType,
      message: 'CIVIL_DAILY_CAUSE_LIST is published as files only: it has no JSON schema',
    }));
    expect(answer.status).toBe(404);
    expect(answer.jsonBody).toEqual({
      code: 'NO_JSON_SCHEMA',
      message: 'CIVIL_DAILY_CAUSE_LIST is published as files only: it has no JSON schema',
      details: [
        { field: 'listType', problem: 'CIVIL_DAILY_CAUSE_LIST is published as files only: it has no JSON schema' },
      ],
    });
  });
});

describe('matchesEtag', () => {
  it('reads a list of strong and weak tags, and *', () => {
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"b", "a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"a"', '"a"')).toBe(true);
    expect(matchesEtag('*', '"a"')).toBe(true);
    expect(matchesEtag('"b"', '"a"')).toBe(false);
    expect(matchesEtag(null, '"a"')).toBe(false);
  });
});
