/**
 * GET api/openapi.json through the local Functions host: valid JSON, OpenAPI 3.1, a path and method for every HTTP
 * route the publication, submission, read and location registrations declare, and publication headers that are
 * the validating schema's own (same names, same required set, same accepted values).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { functionRegistry } from '../../local/runtime/functions-core-shim.js';
import { triggerOf } from '../../local/runtime/function-registry.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { publicationHeadersSchema } from '../../shared/publications/intake/publication-headers.js';
import { languages, publicationTypes, sensitivities } from '../../shared/publications/publication.js';
import { listTypes } from '../../shared/publications/catalogue/list-types.js';
import { jsonPayloadSchemaOf } from '../../shared/publications/catalogue/payload-json-schema.js';
import { startTestHost } from '../../test-support/test-host.js';
import { registerIngestPublication } from '../ingest-publication/registration.js';
import { registerLocations } from '../locations/registration.js';
import { registerPublications } from '../publications/registration.js';
import { registerSchemas } from '../schemas/registration.js';
import { registerSubscriptions } from '../subscriptions/registration.js';
import { registerThirdParties } from '../third-parties/registration.js';
import { subscriptionRequestSchema } from '../../shared/subscriptions/subscription.js';
import { registerOpenApi } from './registration.js';

const notCalled = (): never => {
  throw new Error('the OpenAPI document needs no dependencies');
};

let host: LocalFunctionsHost;
let document: {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
        requestBody?: Record<string, unknown>;
      }
    >
  >;
  components: { schemas: Record<string, unknown> };
};
let rawBody: string;
let contentType: string | null;

beforeAll(async () => {
  registerIngestPublication(notCalled);
  registerPublications(notCalled);
  registerLocations(notCalled);
  registerOpenApi();
  registerSchemas();
  registerSubscriptions(notCalled);
  registerThirdParties(notCalled);
  host = await startTestHost();
  const response = await fetch(`${host.url}/api/openapi.json`);
  expect(response.status).toBe(200);
  contentType = response.headers.get('content-type');
  rawBody = await response.text();
  document = JSON.parse(rawBody) as typeof document;
});
afterAll(async () => {
  await host.stop();
});

describe('GET api/openapi.json', () => {
  it('is an OpenAPI 3.1 document in JSON', () => {
    expect(contentType).toMatch(/^application\/json/);
    // The parts OpenAPI 3.1 requires of the document and of each operation.
    const operation = z.object({
      responses: z.record(z.string().regex(/^([1-5]\d\d|[1-5]XX|default)$/), z.object({})),
    });
    const openApi = z.object({
      openapi: z.literal('3.1.0'),
      info: z.object({ title: z.string().min(1), version: z.string().min(1) }),
      paths: z.record(
        z.string().regex(/^\//),
        z.partialRecord(z.enum(['get', 'post', 'put', 'delete', 'patch']), operation),
      ),
      components: z.object({ schemas: z.record(z.string(), z.object({})) }),
    });
    const result = openApi.safeParse(JSON.parse(rawBody));
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
    expect(Object.keys(document.paths).length).toBeGreaterThan(0);
  });

  it('has a path and method for every HTTP route registered by the publication, submission, read and location functions', () => {
    const routes = functionRegistry.all().flatMap((fn) => {
      const trigger = triggerOf(fn).binding;
      if (trigger.type !== 'httpTrigger') return [];
      const path = `/${String(trigger.route).replace(/\{(\w+):\w+\}/g, '{$1}')}`;
      return (trigger.methods as string[]).map((method) => `${method.toLowerCase()} ${path}`);
    });
    expect(routes).toEqual(
      expect.arrayContaining([
        'post /api/publication',
        'post /api/publication/validate',
        'get /api/schemas/{listType}',
        'get /api/publication/submissions/{submissionId}',
        'get /api/publication/{artefactId}',
        'get /api/publication/{artefactId}/payload',
        'get /api/publication/{artefactId}/file',
        'get /api/publications',
        'get /api/publication/no-match',
        'delete /api/publication/{artefactId}',
        'get /api/locations',
        'get /api/locations/{locationId}',
        'delete /api/locations/{locationId}',
        'get /api/openapi.json',
        'post /api/subscriptions',
        'get /api/subscriptions',
        'delete /api/subscriptions/{subscriptionId}',
        'get /api/third-party/publications',
      ]),
    );
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(routes));
  });

  it("documents exactly the validating schema's headers, required where the schema requires them", () => {
    const parameters = document.paths['/api/publication']?.post?.parameters ?? [];
    const shape = publicationHeadersSchema.shape as Record<string, z.ZodType>;
    expect(parameters.map((p) => p.name)).toEqual(Object.keys(shape));
    for (const parameter of parameters) {
      expect(parameter.in).toBe('header');
      expect(parameter.required, parameter.name).toBe(!shape[parameter.name]?.safeParse(undefined).success);
    }
    const byName = new Map(parameters.map((p) => [p.name, p.schema]));
    expect(byName.get('x-type')).toEqual({ type: 'string', enum: [...publicationTypes] });
    // No default: required unless the list type's catalogue default is PUBLIC (checked across headers).
    expect(byName.get('x-sensitivity')).toEqual({ type: 'string', enum: [...sensitivities] });
    expect(byName.get('x-language')).toEqual({ type: 'string', enum: [...languages] });
  });

  it('describes each header so that what the document allows, the schema accepts, and what its pattern forbids, the schema refuses', () => {
    const parameters = document.paths['/api/publication']?.post?.parameters ?? [];
    const shape = publicationHeadersSchema.shape as Record<string, z.ZodType>;
    for (const { name, schema } of parameters) {
      const zod = shape[name];
      if (!zod) throw new Error(`${name} is not in the schema`);
      for (const value of (schema.enum as string[] | undefined) ?? []) {
        expect(zod.safeParse(value).success, `${name}=${value}`).toBe(true);
        expect(zod.safeParse(value.toLowerCase()).success, `${name}=${value.toLowerCase()}`).toBe(true);
      }
      if (typeof schema.enum === 'object') expect(zod.safeParse('NOT_A_VALUE').success).toBe(false);
      if (typeof schema.pattern === 'string') {
        // Date headers, and identifiers (x-provenance, x-court-id: letters, digits, _ and -).
        const [allowed, forbidden] = /date|display/.test(name)
          ? ['2026-11-28T09:00:00', 'tomorrow']
          : ['HMI_court-1', '<script>alert(1)</script>'];
        expect(new RegExp(schema.pattern).test(allowed), `${name}=${allowed}`).toBe(true);
        expect(zod.safeParse(allowed).success, `${name}=${allowed}`).toBe(true);
        expect(new RegExp(schema.pattern).test(forbidden), `${name}=${forbidden}`).toBe(false);
        expect(zod.safeParse(forbidden).success, `${name}=${forbidden}`).toBe(false);
      }
      if (typeof schema.maxLength === 'number') {
        expect(zod.safeParse('a'.repeat(schema.maxLength)).success).toBe(true);
        expect(zod.safeParse('a'.repeat(schema.maxLength + 1)).success).toBe(false);
      }
    }
  });

  it('names the payload schema of every list type accepted as JSON, and every reference resolves', () => {
    const requestBody = document.paths['/api/publication']?.post?.requestBody as {
      'x-list-type-schemas': Record<string, string>;
    };
    const mapping = requestBody['x-list-type-schemas'];
    expect(Object.keys(mapping).sort()).toEqual(
      listTypes
        .filter((t) => !t.deprecated && !t.fileOnly)
        .map((t) => t.id)
        .sort(),
    );
    expect(mapping).not.toHaveProperty('PCOL_DAILY_CAUSE_LIST');
    expect(mapping.CIVIL_DAILY_CAUSE_LIST).toBe('#/components/schemas/Payload_civil_daily_cause_list');
    const refs = [...rawBody.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] ?? '');
    refs.push(...Object.values(mapping).map((r) => r.replace('#/components/schemas/', '')));
    expect(refs.length).toBeGreaterThan(20);
    for (const name of refs) expect(document.components.schemas, name).toHaveProperty([name]);
  });

  it("links each list type accepted as JSON to its schema document, and the document's link answers it", async () => {
    const validate = document.paths['/api/publication/validate']?.post;
    const publish = document.paths['/api/publication']?.post;
    expect(validate?.parameters).toEqual(publish?.parameters);
    const listTypeHeader = publish?.parameters?.find((p) => p.name === 'x-list-type') as { description?: string };
    expect(listTypeHeader.description).toContain('GET /api/schemas/{x-list-type}');
    const links = (publish?.requestBody as { 'x-list-type-schema-documents': Record<string, string> })[
      'x-list-type-schema-documents'
    ];
    const accepted = listTypes.filter((t) => !t.deprecated && jsonPayloadSchemaOf(t) !== null).map((t) => t.id);
    expect(accepted.length).toBeGreaterThan(80);
    expect(Object.keys(links).sort()).toEqual([...accepted].sort());
    expect(links.CIVIL_DAILY_CAUSE_LIST).toBe('/api/schemas/CIVIL_DAILY_CAUSE_LIST');
    for (const id of ['CIVIL_DAILY_CAUSE_LIST', 'SSCS_LONDON_DAILY_HEARING_LIST']) {
      const response = await fetch(`${host.url}${links[id] ?? ''}`);
      expect(response.status, id).toBe(200);
      expect(((await response.json()) as { title: string }).title).toBe(
        listTypes.find((t) => t.id === id)?.friendlyName.en,
      );
    }
  });

  it('documents the query parameters of the summary from its validating schema', () => {
    const parameters = document.paths['/api/publications']?.get?.parameters ?? [];
    expect(parameters).toEqual([
      { name: 'locationId', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d{1,10}$' } },
    ]);
    expect(
      z
        .string()
        .regex(new RegExp(String(parameters[0]?.schema.pattern)))
        .safeParse('1501').success,
    ).toBe(true);
  });

  it('documents the subscription request from its validating schema: its fields, required ones, and no others', () => {
    const requestBody = document.paths['/api/subscriptions']?.post?.requestBody as {
      content: { 'application/json': { schema: { $ref: string } } };
    };
    expect(requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/SubscriptionRequest');
    const schema = document.components.schemas.SubscriptionRequest as {
      properties: Record<string, { enum?: string[] }>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(Object.keys(subscriptionRequestSchema.shape));
    expect(schema.required.sort()).toEqual(['searchType', 'searchValue']);
    expect(schema.additionalProperties).toBe(false);
    for (const searchType of schema.properties.searchType?.enum ?? []) {
      expect(subscriptionRequestSchema.safeParse({ searchType, searchValue: 'x' }).success, searchType).toBe(true);
    }
    expect(schema.properties.searchType?.enum).toContain('PARTY_NAME');
  });
});
