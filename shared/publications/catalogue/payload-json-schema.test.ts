import { describe, expect, it } from 'vitest';
import { findListType, type ListTypeDefinition } from './list-types.js';
import { jsonPayloadSchemaOf, payloadJsonSchema } from './payload-json-schema.js';
import { payloadSchemas } from './payload-schemas.js';

function listType(id: string): ListTypeDefinition {
  const lookup = findListType(id);
  if (lookup.kind !== 'found') throw new Error(lookup.message);
  return lookup.listType;
}

describe('payloadJsonSchema', () => {
  it('describes the HTML rule, with the keys that get the loose one', () => {
    const lookup = payloadJsonSchema('SJP_PRESS_LIST');
    if (lookup.kind !== 'found') throw new Error(lookup.kind);
    expect(lookup.schema.description).toContain('must not contain HTML tags');
    expect(lookup.schema.description).toContain('"applicationParticulars"');
    expect(lookup.schema.description).not.toContain('"offenceWording"');
  });

  it('answers allOf the master schema and its own for a strategic list, and no schema for a file-only one', () => {
    const civil = payloadJsonSchema('CIVIL_DAILY_CAUSE_LIST');
    if (civil.kind !== 'found') throw new Error(`CIVIL_DAILY_CAUSE_LIST: ${civil.kind}`);
    expect(civil.schema.allOf).toHaveLength(2);
    expect(payloadJsonSchema('SJP_PRESS_REGISTER').kind).toBe('files-only');
  });

  it('says in words the rules JSON Schema cannot carry (the SJP party rule)', () => {
    const lookup = payloadJsonSchema('SJP_PUBLIC_LIST');
    if (lookup.kind !== 'found') throw new Error(lookup.kind);
    expect(JSON.stringify(lookup.schema)).toContain('an ACCUSED party needs individualDetails or organisationDetails');
  });

  it('tells unknown and deprecated list types apart', () => {
    expect(payloadJsonSchema('nope').kind).toBe('unknown');
    expect(payloadJsonSchema('CROWN_DAILY_LIST').kind).toBe('deprecated');
  });
});

describe('jsonPayloadSchemaOf: a list type published as files only has none', () => {
  it('finds the schema of a JSON list type, and none for a file-only one', () => {
    expect(jsonPayloadSchemaOf(listType('CIVIL_DAILY_CAUSE_LIST'))).toBe(payloadSchemas['civil-daily-cause-list']);
    expect(jsonPayloadSchemaOf(listType('SJP_PRESS_REGISTER'))).toBeNull();
    expect(jsonPayloadSchemaOf(listType('PCOL_DAILY_CAUSE_LIST'))).toBeNull();
  });
});
