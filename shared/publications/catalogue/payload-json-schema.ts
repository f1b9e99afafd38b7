/**
 * The JSON Schema of a list type's payload, generated from the zod schemas that validate it (zod 4's
 * `z.toJSONSchema`), so that what publishers read is what ingestion checks. A strategic list must satisfy both the
 * master schema and its own: the answer is `allOf: [master, own]`. Rules no JSON Schema keyword expresses here (no
 * HTML tags in any string, checked once over the whole payload by ./html-check.ts) are said in `description`.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { findListType, type ListTypeDefinition } from './list-types.js';
import { payloadSchemas, type PayloadSchema } from './payload-schemas.js';
import { masterSchema } from './schemas/master.js';

export type JsonSchema = Record<string, unknown>;

/** JSON Schema of what a caller sends (zod's input side); transforms and refinements have no JSON Schema form. */
export function zodToJsonSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

export type PayloadJsonSchemaLookup =
  | { kind: 'found'; listType: ListTypeDefinition; schema: JsonSchema; etag: string }
  | { kind: 'unknown'; message: string }
  | { kind: 'deprecated'; listType: ListTypeDefinition; message: string }
  | { kind: 'files-only'; listType: ListTypeDefinition; message: string };

/** The payload schema that validates a list type's JSON, or null when the list type is published as files only. */
export function jsonPayloadSchemaOf(listType: ListTypeDefinition): PayloadSchema | null {
  const entry = payloadSchemas[listType.schema];
  return entry.acceptsJson ? entry : null;
}

function htmlRule(payloadSchema: PayloadSchema): string {
  const loose = [...payloadSchema.looseHtmlKeys].sort();
  const strict =
    'Every string in the payload, and every property name, must not contain HTML tags (a "<", then at least one ' +
    'character other than ">", then ">"), including strings under properties this schema does not name.';
  return loose.length === 0
    ? strict
    : `${strict} Strings under ${loose.map((key) => `"${key}"`).join(', ')} may contain other text between angle ` +
        'brackets but no closing or self-closing tag (raw or written as &lt; &gt;).';
}

function describe(listType: ListTypeDefinition, payloadSchema: PayloadSchema): string {
  const parts = [`The JSON payload of ${listType.friendlyName.en} (${listType.id}).`];
  if (payloadSchema.checkedAgainstMaster) {
    parts.push(
      payloadSchema.schema === null
        ? 'It is checked against the master schema every strategic list shares.'
        : 'It must satisfy both the master schema every strategic list shares and its own schema (allOf).',
    );
  }
  parts.push(htmlRule(payloadSchema));
  parts.push(`Written from the live service's JSON Schema ${payloadSchema.source}.`);
  return parts.join(' ');
}

/**
 * Moves a part's `$defs` (zod writes them for recursive schemas) up to the document, renamed with `prefix`, and
 * points its `$ref`s there: a `#/$defs/...` reference is resolved from the document root, not from inside `allOf`.
 */
function hoistDefinitions(part: JsonSchema, prefix: string, into: Record<string, unknown>): JsonSchema {
  const { $defs, ...rest } = part as JsonSchema & { $defs?: Record<string, unknown> };
  if ($defs === undefined) return rest;
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [
        key,
        key === '$ref' && typeof child === 'string' && child.startsWith('#/$defs/')
          ? `#/$defs/${prefix}${child.slice('#/$defs/'.length)}`
          : rename(child),
      ]),
    );
  };
  for (const [name, definition] of Object.entries($defs)) into[`${prefix}${name}`] = rename(definition);
  return rename(rest) as JsonSchema;
}

function build(listType: ListTypeDefinition, payloadSchema: PayloadSchema): JsonSchema {
  const definitions: Record<string, unknown> = {};
  const own =
    payloadSchema.schema === null ? null : hoistDefinitions(zodToJsonSchema(payloadSchema.schema), 'own_', definitions);
  const master = payloadSchema.checkedAgainstMaster
    ? hoistDefinitions(zodToJsonSchema(masterSchema), 'master_', definitions)
    : null;
  const body: JsonSchema =
    master !== null && own !== null
      ? {
          allOf: [
            { title: 'Master schema', ...master },
            { title: listType.id, ...own },
          ],
        }
      : (master ?? own ?? {});
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: listType.friendlyName.en,
    description: describe(listType, payloadSchema),
    ...body,
    ...(Object.keys(definitions).length > 0 ? { $defs: definitions } : {}),
  };
}

/** By list type id: the schemas do not change while the process runs. */
const built = new Map<string, { schema: JsonSchema; etag: string }>();

/** The JSON Schema of `name`'s payload (case-insensitive, as ingestion reads `x-list-type`), or why there is none. */
export function payloadJsonSchema(name: string): PayloadJsonSchemaLookup {
  const lookup = findListType(name);
  if (lookup.kind === 'unknown') return { kind: 'unknown', message: lookup.message };
  const listType = lookup.listType;
  if (lookup.kind === 'deprecated') return { kind: 'deprecated', listType, message: lookup.message };
  const payloadSchema = jsonPayloadSchemaOf(listType);
  if (payloadSchema === null) {
    return {
      kind: 'files-only',
      listType,
      message: `${listType.id} is published as files only: it has no JSON schema`,
    };
  }
  let entry = built.get(listType.id);
  if (entry === undefined) {
    const schema = build(listType, payloadSchema);
    const digest = createHash('sha256').update(JSON.stringify(schema)).digest('base64url').slice(0, 27);
    entry = { schema, etag: `"${digest}"` };
    built.set(listType.id, entry);
  }
  return { kind: 'found', listType, ...entry };
}
