/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the zod schemas that validate requests: the publication
 * headers (`publicationHeadersSchema`), the payload schema of every list type (`payloadSchemas`, with the master
 * schema they share), the read API's query schema, and the subscription request. Nothing here restates a rule those schemas hold. A
 * publication is described by the schema of its one JSON projection (shared/publications/publication.ts); the other
 * responses, which no schema validates on the way out, are described by the zod schemas below.
 */
import { z } from 'zod';
import { publicationHeadersSchema } from '../../shared/publications/intake/publication-headers.js';
import { publicationJsonSchema, publicationSummaryJsonSchema } from '../../shared/publications/publication.js';
import { listTypes } from '../../shared/publications/catalogue/list-types.js';
import { payloadSchemas, type PayloadSchemaId } from '../../shared/publications/catalogue/payload-schemas.js';
import { masterSchema } from '../../shared/publications/catalogue/schemas/master.js';
import {
  jsonPayloadSchemaOf,
  zodToJsonSchema,
  type JsonSchema,
} from '../../shared/publications/catalogue/payload-json-schema.js';
import { MAX_PUBLICATION_BYTES } from '../../shared/publications/intake/limits.js';
import { XLSX_CONTENT_TYPE } from '../../shared/publications/intake/excel-workbook.js';
import { publicationSummaryQuerySchema, thirdPartyFeedQuerySchema } from '../http-kit/query-schemas.js';
import { subscriptionJsonSchema, subscriptionRequestSchema } from '../../shared/subscriptions/subscription.js';
import { bodyLimits } from '../http-kit/read-body.js';
import { ownSubscriptionsSchema, thirdPartyInputSchema } from '../../shared/third-parties/third-party.js';

const toSchema = zodToJsonSchema;

interface ZodInternals {
  _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; defaultValue?: unknown } };
}
const defOf = (schema: z.ZodType) => (schema as unknown as ZodInternals)._zod.def;

/**
 * A header's schema. Case-insensitive enums are written as trim → upper-case → enum: the accepted values are the
 * enum's, in any case; what a default supplies when the header is absent is the schema's own default.
 */
export function headerSchema(schema: z.ZodType): { schema: JsonSchema; required: boolean; caseInsensitive: boolean } {
  const required = !schema.safeParse(undefined).success;
  let current = schema;
  let defaultValue: unknown;
  for (;;) {
    const def = defOf(current);
    if ((def.type === 'optional' || def.type === 'default') && def.innerType) {
      if (def.type === 'default') defaultValue = def.defaultValue;
      current = def.innerType;
    } else break;
  }
  const def = defOf(current);
  const json =
    def.type === 'pipe' && def.out && defOf(def.out).type === 'enum'
      ? { type: 'string', enum: (toSchema(def.out).enum as unknown[] | undefined) ?? [] }
      : toSchema(current);
  const caseInsensitive = def.type === 'pipe' && def.out !== undefined && defOf(def.out).type === 'enum';
  return { schema: defaultValue === undefined ? json : { ...json, default: defaultValue }, required, caseInsensitive };
}

const problemSchema = z.object({
  code: z.string().meta({ description: 'A stable error code, e.g. INVALID_HEADERS, PUBLICATION_NOT_FOUND' }),
  message: z.string(),
  details: z.array(z.object({ field: z.string(), problem: z.string() })),
});

const submissionAcceptedSchema = z.object({
  submissionId: z.uuid(),
  status: z.literal('pending'),
  location: z.string(),
});
const submissionStatusSchema = z.object({
  status: z.enum(['pending', 'published', 'rejected']),
  artefactId: z.uuid().nullable(),
  locationId: z.string().nullable(),
  supersededCount: z.int().nullable(),
  error: z.string().nullable(),
});
const validationResultSchema = z.object({
  valid: z.literal(true),
  type: z.string().meta({ description: 'x-type as it would be published' }),
  listType: z.string().nullable(),
  listName: z.object({ en: z.string(), cy: z.string() }).nullable(),
  court: z.object({
    locationId: z
      .string()
      .meta({ description: "Our court's id, or NoMatch<x-court-id> when the reference data has none" }),
    name: z.string().nullable(),
    welshName: z.string().nullable(),
    matched: z.boolean(),
  }),
  provenance: z.string(),
  contentDate: z.string(),
  language: z.string(),
  sensitivity: z.string(),
  displayFrom: z.string(),
  displayTo: z.string(),
  isFlatFile: z.boolean(),
  contentType: z.string(),
  fileName: z.string().nullable(),
  payloadSize: z.int(),
  warnings: z.array(z.object({ field: z.string(), problem: z.string() })),
});
const locationSchema = z.object({
  locationId: z.int(),
  name: z.string(),
  welshName: z.string().nullable(),
  region: z.array(z.string()),
  welshRegion: z.array(z.string()),
  jurisdiction: z.array(z.string()),
  welshJurisdiction: z.array(z.string()),
  jurisdictionType: z.array(z.string()),
  welshJurisdictionType: z.array(z.string()),
  dateUpdated: z.iso.datetime(),
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
const problem = (description: string) => ({ description, content: json(ref('Problem')) });
const bearer = [{ bearer: [] }];
const anonymousOrBearer = [{}, { bearer: [] }];

const payloadComponent = (id: PayloadSchemaId) => `Payload_${id.replace(/[^A-Za-z0-9]/g, '_')}`;

function payloadComponents(): Record<string, JsonSchema> {
  const components: Record<string, JsonSchema> = { Payload_master: toSchema(masterSchema) };
  for (const [id, definition] of Object.entries(payloadSchemas) as [
    PayloadSchemaId,
    (typeof payloadSchemas)[PayloadSchemaId],
  ][]) {
    if (definition.schema === null) continue;
    const own = {
      ...toSchema(definition.schema),
      description: `Written from the live JSON Schema ${definition.source}`,
    };
    components[payloadComponent(id)] = definition.checkedAgainstMaster ? { allOf: [ref('Payload_master'), own] } : own;
  }
  return components;
}

/** Where each header's description says more than the schema: the list type's payload schema is served apart. */
const headerNotes: Readonly<Record<string, string>> = {
  'x-list-type':
    "The JSON payload is validated against the list type's schema: GET /api/schemas/{x-list-type} answers it as a " +
    'JSON Schema (x-list-type-schema-documents names each one)',
};

function publicationHeaderParameters(): JsonSchema[] {
  return Object.entries(publicationHeadersSchema.shape).map(([name, schema]) => {
    const header = headerSchema(schema as z.ZodType);
    const notes = [header.caseInsensitive ? 'Case-insensitive' : null, headerNotes[name] ?? null].filter(
      (note) => note !== null,
    );
    return {
      name,
      in: 'header',
      required: header.required,
      ...(notes.length > 0 ? { description: notes.join('. ') } : {}),
      schema: header.schema,
    };
  });
}

/** The JSON Schema document of each list type accepted as JSON, at GET /api/schemas/{listType}. */
function listTypeSchemaDocuments(): Record<string, string> {
  return Object.fromEntries(
    listTypes
      .filter((t) => !t.deprecated && jsonPayloadSchemaOf(t) !== null)
      .map((t) => [t.id, `/api/schemas/${t.id}`]),
  );
}

const artefactIdParameter = {
  name: 'artefactId',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};
const thirdPartyIdParameter = {
  name: 'thirdPartyId',
  in: 'path',
  required: true,
  schema: { type: 'string', format: 'uuid' },
};
const locationIdParameter = { name: 'locationId', in: 'path', required: true, schema: { type: 'integer' } };

function querySchemaParameters(schema: z.ZodObject): JsonSchema[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: toSchema(field as z.ZodType),
  }));
}

export function buildOpenApiDocument(): JsonSchema {
  const payloads = payloadComponents();
  const listTypeSchemas = Object.fromEntries(
    listTypes
      // A file-only list type has no payload schema: it is published as a file.
      .filter((t) => !t.deprecated && !t.fileOnly)
      .map((t) => [
        t.id,
        `#/components/schemas/${t.schema === 'master' ? 'Payload_master' : payloadComponent(t.schema)}`,
      ]),
  );
  const publishRequestBody = {
    required: true,
    description: `At most ${MAX_PUBLICATION_BYTES} bytes. A JSON list is validated against the schema of its x-list-type (x-list-type-schemas), also served alone as a JSON Schema document at GET /api/schemas/{listType} (x-list-type-schema-documents); a file is sent as multipart/form-data with exactly one part (the only way for a list type not in x-list-type-schemas: 400 LIST_TYPE_FILE_ONLY). For a non-strategic list type (schema non-strategic-*), an Excel workbook (the raw body, or the multipart file) is converted to the list's JSON and validated as one; the workbook is kept beside it.`,
    content: {
      'application/json': {
        schema: {
          anyOf: [
            ref('Payload_master'),
            ...Object.keys(payloads)
              .filter((n) => n !== 'Payload_master')
              .map(ref),
          ],
        },
      },
      'multipart/form-data': {
        schema: {
          type: 'object',
          properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } },
          required: ['file'],
        },
      },
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', contentMediaType: XLSX_CONTENT_TYPE } },
    },
    'x-list-type-schemas': listTypeSchemas,
    'x-list-type-schema-documents': listTypeSchemaDocuments(),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'P&I Service API',
      version: '0.1.0',
      description:
        'The publishing hub for court and tribunal hearing lists in England and Wales. Errors are JSON { code, message, details: [{ field, problem }] }.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: toSchema(problemSchema),
        PublicationMetadata: toSchema(publicationJsonSchema),
        PublicationSummary: toSchema(publicationSummaryJsonSchema),
        SubmissionAccepted: toSchema(submissionAcceptedSchema),
        SubmissionStatus: toSchema(submissionStatusSchema),
        ValidationResult: toSchema(validationResultSchema),
        Location: toSchema(locationSchema),
        Subscription: toSchema(subscriptionJsonSchema),
        SubscriptionRequest: toSchema(subscriptionRequestSchema),
        ThirdPartyRequest: toSchema(thirdPartyInputSchema),
        ...payloads,
      },
    },
    paths: {
      '/api/publication': {
        post: {
          operationId: 'ingestPublication',
          summary: 'Publish a list or file (publishers; court staff with x-provenance MANUAL_UPLOAD)',
          security: bearer,
          parameters: publicationHeaderParameters(),
          requestBody: publishRequestBody,
          responses: {
            '202': {
              description: 'Accepted; follow the Location header',
              headers: { location: { schema: { type: 'string' } } },
              content: json(ref('SubmissionAccepted')),
            },
            '400': problem('A header or the payload is invalid; details name each one'),
            '401': problem('No valid token'),
            '403': problem(
              'The caller may not publish (FORBIDDEN), or not as this x-provenance (PROVENANCE_NOT_ALLOWED)',
            ),
            '413': problem('Larger than 2 MB'),
            '415': problem(
              'Not JSON, a file of a kind that is not published, or a workbook body for a list type that is not non-strategic',
            ),
          },
        },
      },
      '/api/publication/validate': {
        post: {
          operationId: 'validatePublication',
          summary:
            'Check a publication exactly as POST /api/publication would (same callers, headers, bodies and limits), storing nothing',
          security: bearer,
          parameters: publicationHeaderParameters(),
          requestBody: { ...publishRequestBody, description: `${publishRequestBody.description} Nothing is stored.` },
          responses: {
            '200': {
              description: 'It would be published: the list type and the court it would be published to',
              content: json(ref('ValidationResult')),
            },
            '400': problem('A header or the payload is invalid; the same answer publishing gives'),
            '401': problem('No valid token'),
            '403': problem(
              'The caller may not publish (FORBIDDEN), or not as this x-provenance (PROVENANCE_NOT_ALLOWED)',
            ),
            '413': problem('Larger than 2 MB'),
            '415': problem('Not JSON, or a file of a kind that is not published'),
          },
        },
      },
      '/api/schemas/{listType}': {
        get: {
          operationId: 'listTypeSchema',
          summary: "The JSON Schema of a list type's payload, generated from the schemas ingestion validates with",
          parameters: [
            {
              name: 'listType',
              in: 'path',
              required: true,
              description: 'A list type, e.g. CIVIL_DAILY_CAUSE_LIST (case-insensitive)',
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': {
              description:
                'A JSON Schema (2020-12); strategic lists: allOf the master schema and their own. Cache-Control and ETag',
              headers: { etag: { schema: { type: 'string' } } },
              content: { 'application/schema+json': { schema: { type: 'object' } } },
            },
            '304': { description: 'Not modified (If-None-Match)' },
            '404': problem('LIST_TYPE_NOT_FOUND, or NO_JSON_SCHEMA for a list type published as files only'),
            '410': problem('LIST_TYPE_DEPRECATED'),
          },
        },
      },
      '/api/publication/submissions/{submissionId}': {
        get: {
          operationId: 'publicationSubmissionStatus',
          summary: 'Follow a submission to its outcome (its submitter, or admins)',
          security: bearer,
          parameters: [
            { name: 'submissionId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': { description: 'The submission', content: json(ref('SubmissionStatus')) },
            '401': problem('No valid token'),
            '404': problem('No such submission'),
          },
        },
      },
      '/api/publication/{artefactId}': {
        get: {
          operationId: 'getPublication',
          summary: "A publication's metadata, if the caller may read it",
          security: anonymousOrBearer,
          parameters: [artefactIdParameter],
          responses: {
            '200': { description: 'The metadata', content: json(ref('PublicationMetadata')) },
            '401': problem('A token was sent and is not valid'),
            '404': problem('No such publication, or not one the caller may read'),
          },
        },
        delete: {
          operationId: 'deletePublication',
          summary: 'Delete a publication (admins; audited)',
          security: bearer,
          parameters: [artefactIdParameter],
          responses: {
            '200': {
              description: 'Deleted',
              content: json({
                type: 'object',
                properties: { artefactId: { type: 'string' }, message: { type: 'string' } },
              }),
            },
            '401': problem('No valid token'),
            '403': problem('Not an admin'),
            '404': problem('No such publication'),
          },
        },
      },
      '/api/publication/{artefactId}/payload': {
        get: {
          operationId: 'getPublicationPayload',
          summary: 'The JSON list exactly as it was received',
          security: anonymousOrBearer,
          parameters: [artefactIdParameter],
          responses: {
            '200': { description: 'The stored bytes', content: { 'application/json': {} } },
            '401': problem('A token was sent and is not valid'),
            '404': problem('No such publication, not one the caller may read, or a flat file'),
          },
        },
      },
      '/api/publication/{artefactId}/file': {
        get: {
          operationId: 'getPublicationFile',
          summary: 'A flat file with its content type (PDF inline, others as attachments)',
          security: anonymousOrBearer,
          parameters: [artefactIdParameter],
          responses: {
            '200': {
              description: 'The file',
              headers: { 'content-disposition': { schema: { type: 'string' } } },
              content: { 'application/octet-stream': {} },
            },
            '401': problem('A token was sent and is not valid'),
            '404': problem('No such publication, not one the caller may read, or a JSON list'),
          },
        },
      },
      '/api/publications': {
        get: {
          operationId: 'listPublications',
          summary: 'The publications at a court the caller may read now',
          security: anonymousOrBearer,
          parameters: querySchemaParameters(publicationSummaryQuerySchema),
          responses: {
            '200': { description: 'The summary', content: json({ type: 'array', items: ref('PublicationSummary') }) },
            '400': problem('locationId missing or invalid'),
            '401': problem('A token was sent and is not valid'),
            '404': problem('No such location'),
          },
        },
      },
      '/api/publication/no-match': {
        get: {
          operationId: 'listNoMatchPublications',
          summary: 'Publications stored against courts the reference data does not know (admins)',
          security: bearer,
          responses: {
            '200': {
              description: 'The publications',
              content: json({ type: 'array', items: ref('PublicationMetadata') }),
            },
            '401': problem('No valid token'),
            '403': problem('Not an admin'),
          },
        },
      },
      '/api/locations': {
        get: {
          operationId: 'listLocations',
          summary: 'Courts and tribunals',
          parameters: [
            {
              name: 'region',
              in: 'query',
              required: false,
              description: 'Repeated or comma-separated; case-insensitive',
              schema: { type: 'string' },
            },
            {
              name: 'jurisdiction',
              in: 'query',
              required: false,
              description: 'Jurisdiction or jurisdiction type; repeated or comma-separated',
              schema: { type: 'string' },
            },
            { name: 'language', in: 'query', required: false, schema: { type: 'string', enum: ['en', 'cy'] } },
          ],
          responses: {
            '200': { description: 'The locations', content: json({ type: 'array', items: ref('Location') }) },
          },
        },
      },
      '/api/locations/{locationId}': {
        get: {
          operationId: 'getLocation',
          summary: 'One location',
          parameters: [locationIdParameter],
          responses: {
            '200': { description: 'The location', content: json(ref('Location')) },
            '404': problem('No such location'),
          },
        },
        delete: {
          operationId: 'deleteLocation',
          summary: 'Delete a location and its references (system admins; audited)',
          security: bearer,
          parameters: [locationIdParameter],
          responses: {
            '200': { description: 'Deleted' },
            '401': problem('No valid token'),
            '403': problem('Not a system admin'),
            '404': problem('No such location'),
            '409': problem('The Single Justice Procedure location, or a court with live publications'),
          },
        },
      },
      '/api/subscriptions': {
        post: {
          operationId: 'createSubscription',
          summary:
            "Subscribe to email digests (verified users and third parties; the subscriber is the token's, never the body's; audited)",
          security: bearer,
          requestBody: {
            required: true,
            description: `application/json, at most ${bodyLimits.jsonRequest} bytes. listTypes and languages narrow a LOCATION_ID subscription only`,
            content: json(ref('SubscriptionRequest')),
          },
          responses: {
            '201': { description: 'Subscribed', content: json(ref('Subscription')) },
            '200': {
              description: 'The caller already holds this subscription: that one',
              content: json(ref('Subscription')),
            },
            '400': problem(
              'INVALID_SUBSCRIPTION naming each field (an unknown court or list type too), or INVALID_JSON',
            ),
            '401': problem('No valid token'),
            '403': problem('Not a verified user or third party'),
            '413': problem('A body over the limit'),
            '415': problem('Not application/json'),
          },
        },
        get: {
          operationId: 'listSubscriptions',
          summary: "The caller's own subscriptions, newest first",
          security: bearer,
          responses: {
            '200': { description: 'The subscriptions', content: json({ type: 'array', items: ref('Subscription') }) },
            '401': problem('No valid token'),
            '403': problem('Not a verified user or third party'),
          },
        },
      },
      '/api/subscriptions/{subscriptionId}': {
        delete: {
          operationId: 'deleteSubscription',
          summary: "Delete one of the caller's own subscriptions (audited)",
          security: bearer,
          parameters: [
            { name: 'subscriptionId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': { description: 'Deleted: the subscription, and a message', content: json(ref('Subscription')) },
            '401': problem('No valid token'),
            '403': problem('Not a verified user or third party'),
            '404': problem("SUBSCRIPTION_NOT_FOUND: not one of the caller's subscriptions (whoever's it is)"),
          },
        },
      },
      '/api/third-parties': {
        get: {
          operationId: 'listThirdParties',
          summary: 'Registered third parties, by name (system admins)',
          security: bearer,
          responses: {
            '200': { description: 'The third parties (the push secret is named, never given)' },
            '401': problem('No valid token'),
            '403': problem('Not a system admin (audited)'),
          },
        },
        post: {
          operationId: 'createThirdParty',
          summary: 'Register a third party (system admins; audited)',
          security: bearer,
          requestBody: { required: true, content: json(ref('ThirdPartyRequest')) },
          responses: {
            '201': { description: 'Registered' },
            '400': problem('INVALID_THIRD_PARTY naming each field, or INVALID_JSON'),
            '401': problem('No valid token'),
            '403': problem('Not a system admin (audited)'),
            '409': problem('THIRD_PARTY_NAME_TAKEN or THIRD_PARTY_CLIENT_ID_TAKEN'),
          },
        },
      },
      '/api/third-parties/{thirdPartyId}': {
        get: {
          operationId: 'getThirdParty',
          summary: 'One third party (system admins)',
          security: bearer,
          parameters: [thirdPartyIdParameter],
          responses: {
            '200': { description: 'The third party' },
            '401': problem('No valid token'),
            '403': problem('Not a system admin (audited)'),
            '404': problem('THIRD_PARTY_NOT_FOUND'),
          },
        },
        put: {
          operationId: 'updateThirdParty',
          summary:
            "Replace a third party's registration: status, role, client ids, push settings (system admins; audited)",
          security: bearer,
          parameters: [thirdPartyIdParameter],
          requestBody: { required: true, content: json(ref('ThirdPartyRequest')) },
          responses: {
            '200': { description: 'Changed' },
            '400': problem('INVALID_THIRD_PARTY naming each field, or INVALID_JSON'),
            '401': problem('No valid token'),
            '403': problem('Not a system admin (audited)'),
            '404': problem('THIRD_PARTY_NOT_FOUND'),
            '409': problem('THIRD_PARTY_NAME_TAKEN or THIRD_PARTY_CLIENT_ID_TAKEN'),
          },
        },
      },
      '/api/third-parties/{thirdPartyId}/test-connection': {
        post: {
          operationId: 'testThirdPartyConnection',
          summary: 'Obtain a token from their token server and call their health endpoint (system admins; audited)',
          security: bearer,
          parameters: [thirdPartyIdParameter],
          responses: {
            '200': { description: '{ ok: true, healthStatus } or { ok: false, stage, status, message }' },
            '401': problem('No valid token'),
            '403': problem('Not a system admin (audited)'),
            '404': problem('THIRD_PARTY_NOT_FOUND'),
          },
        },
      },
      '/api/third-parties/{thirdPartyId}/pushes': {
        get: {
          operationId: 'thirdPartyParkedPushes',
          summary: 'The pushes to a third party that failed on every attempt (parked), newest first (system admins)',
          security: bearer,
          parameters: [thirdPartyIdParameter],
          responses: {
            '200': {
              description:
                '{ parked: [{ pushId, artefactId, version, event, listType, locationId, contentDate, attempts, lastError, failedAt }] }',
            },
            '401': problem('No valid token'),
            '403': problem('Not a system admin (audited)'),
            '404': problem('THIRD_PARTY_NOT_FOUND'),
          },
        },
      },
      '/api/third-parties/{thirdPartyId}/pushes/{pushId}/retry': {
        post: {
          operationId: 'retryThirdPartyPush',
          summary: 'Put a parked push back in line: the sweeper queues it on its next run (system admins; audited)',
          security: bearer,
          parameters: [
            thirdPartyIdParameter,
            { name: 'pushId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '202': { description: '{ pushId, status: "PENDING" }' },
            '401': problem('No valid token'),
            '403': problem('Not a system admin (audited)'),
            '404': problem('PUSH_NOT_PARKED'),
          },
        },
      },
      '/api/third-party/subscriptions': {
        get: {
          operationId: 'thirdPartyOwnSubscriptions',
          summary: 'The list types pushed to the calling third party',
          security: bearer,
          responses: {
            '200': { description: '{ thirdPartyId, listTypes, pushConfigured }' },
            '401': problem('No valid token'),
            '403': problem('Not a third party, not registered, pending or suspended (audited)'),
          },
        },
        put: {
          operationId: 'setThirdPartyOwnSubscriptions',
          summary: 'The calling third party replaces the list types pushed to it (audited)',
          security: bearer,
          requestBody: {
            required: true,
            content: json(zodToJsonSchema(ownSubscriptionsSchema)),
          },
          responses: {
            '200': { description: '{ thirdPartyId, listTypes, pushConfigured }' },
            '400': problem('INVALID_SUBSCRIPTIONS naming each bad entry, or INVALID_JSON'),
            '401': problem('No valid token'),
            '403': problem('Not a third party, not registered, pending or suspended (audited)'),
            '409': problem('PUSH_NOT_CONFIGURED: no push endpoint registered for it yet'),
          },
        },
      },
      '/api/third-party/publications': {
        get: {
          operationId: 'thirdPartyPublications',
          summary:
            "A registered, active third party's feed: what its registered role reads, newest first (last received), paged by next links that never skip or repeat a publication; every call audited as a data transfer",
          security: bearer,
          parameters: querySchemaParameters(thirdPartyFeedQuerySchema),
          responses: {
            '200': {
              description:
                'A page: items (each a publication summary with locationId and links to itself and its payload or file) and next (null on the last page); Link: <next>; rel="next"',
              content: json({
                type: 'object',
                properties: {
                  items: {
                    type: 'array',
                    items: {
                      allOf: [
                        ref('PublicationSummary'),
                        {
                          type: 'object',
                          properties: {
                            locationId: { type: 'string' },
                            links: {
                              type: 'object',
                              properties: {
                                self: { type: 'string' },
                                payload: { type: 'string' },
                                file: { type: 'string' },
                              },
                              required: ['self'],
                            },
                          },
                          required: ['locationId', 'links'],
                        },
                      ],
                    },
                  },
                  next: { type: ['string', 'null'] },
                },
                required: ['items', 'next'],
              }),
            },
            '400': problem('INVALID_QUERY naming each bad parameter'),
            '401': problem('No valid token'),
            '403': problem('Not a third party, not registered, pending or suspended (audited)'),
          },
        },
      },
      '/api/glossary': {
        get: {
          operationId: 'getGlossary',
          summary: 'The court event glossary',
          responses: { '200': { description: 'The glossary entries' }, '503': problem('No usable glossary') },
        },
      },
      '/api/openapi.json': {
        get: {
          operationId: 'openApiDocument',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': {} } } },
        },
      },
    },
  };
}

let cached: JsonSchema | undefined;

/** Built once per process: the schemas do not change while it runs. */
export function openApiDocument(): JsonSchema {
  cached ??= buildOpenApiDocument();
  return cached;
}
