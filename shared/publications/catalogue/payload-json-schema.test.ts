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

  it('answers the master schema alone for a list type checked against it only', () => {
    const lookup = payloadJsonSchema('SJP_PRESS_REGISTER');
    if (lookup.kind !== 'found') throw new Error(`SJP_PRESS_REGISTER: ${lookup.kind}`);
    expect(lookup.schema.allOf).toBeUndefined();
    expect(lookup.schema.type).toBe('object');
    expect(lookup.schema.description).toContain('checked against the master schema');
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
