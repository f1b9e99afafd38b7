/**
 * GET /api/schemas/{listType}: the JSON Schema a list type's JSON payload is validated against, generated from the
 * zod schemas ingestion uses (shared/publications/catalogue/payload-json-schema.ts). Public, like the OpenAPI
 * document; the same for every caller, so it is cacheable with an ETag.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import {
  payloadJsonSchema,
  type PayloadJsonSchemaLookup,
} from '../../shared/publications/catalogue/payload-json-schema.js';
import { problem } from '../http-kit/problem.js';

/** An hour: the schemas change only with a deployment, and the ETag makes a revalidation cheap. */
const cacheControl = 'public, max-age=3600';

/** True when an If-None-Match header (a list of entity tags, weak or strong, or `*`) names `etag`. */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/** `lookup` is the catalogue's (tests pass another to reach answers the catalogue has no list type for yet). */
export function handleGetSchema(
  request: HttpRequest,
  lookup: (name: string) => PayloadJsonSchemaLookup = payloadJsonSchema,
): Promise<HttpResponseInit> {
  const field = 'listType';
  return Promise.resolve(answer(request, lookup(request.params.listType ?? ''), field));
}

function answer(request: HttpRequest, lookup: PayloadJsonSchemaLookup, field: string): HttpResponseInit {
  switch (lookup.kind) {
    case 'unknown':
      return problem(404, 'LIST_TYPE_NOT_FOUND', 'No such list type', [{ field, problem: lookup.message }]);
    case 'deprecated':
      return problem(410, 'LIST_TYPE_DEPRECATED', `${lookup.listType.id} is deprecated: it is no longer published`, [
        { field, problem: lookup.message },
      ]);
    case 'files-only':
      return problem(404, 'NO_JSON_SCHEMA', `${lookup.listType.id} is published as files only: it has no JSON schema`, [
        { field, problem: lookup.message },
      ]);
    case 'found': {
      const headers = { etag: lookup.etag, 'cache-control': cacheControl };
      if (matchesEtag(request.headers.get('if-none-match'), lookup.etag)) {
        return { status: 304, headers };
      }
      return {
        status: 200,
        headers: { ...headers, 'content-type': 'application/schema+json' },
        body: JSON.stringify(lookup.schema),
      };
    }
  }
}
