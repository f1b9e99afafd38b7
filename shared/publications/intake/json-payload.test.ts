import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJsonPayload } from './json-payload.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const bom = Uint8Array.of(0xef, 0xbb, 0xbf);

describe('parseJsonPayload', () => {
  it('strips one UTF-8 BOM and reads the rest', () => {
    expect(parseJsonPayload(new Uint8Array([...bom, ...bytes('{"a":1}')]))).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonPayload(new Uint8Array([...bom, ...bom, ...bytes('{}')]))).toMatchObject({
      ok: false,
      code: 'INVALID_JSON',
    });
  });

  it('refuses JSON nested 5,000 levels deep without recursing, and allows 64 levels', () => {
    const deep = (levels: number): Uint8Array => bytes(`${'['.repeat(levels)}${']'.repeat(levels)}`);
    expect(parseJsonPayload(deep(5_000))).toEqual({
      ok: false,
      code: 'PAYLOAD_TOO_DEEP',
      message: `The body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
      details: [{ field: 'body', problem: 'nests more than 64 levels deep' }],
      omitted: 0,
    });
    expect(parseJsonPayload(deep(1_000_000))).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_DEEP' });
    expect(parseJsonPayload(bytes(`${'{"a":'.repeat(65)}1${'}'.repeat(65)}`))).toMatchObject({
      code: 'PAYLOAD_TOO_DEEP',
    });
    expect(parseJsonPayload(deep(64)).ok).toBe(true);
  });

  it('counts only arrays and objects, not brackets inside strings', () => {
    const inStrings = `{"a":[${JSON.stringify('['.repeat(100))},${JSON.stringify('\\"{{{'.repeat(50))}]}`;
    expect(parseJsonPayload(bytes(inStrings)).ok).toBe(true);
    // 64 levels with the deepest in a key's value, then one more.
    const objects = (levels: number) => bytes(`${'{"k":['.repeat(levels / 2)}1${']}'.repeat(levels / 2)}`);
    expect(parseJsonPayload(objects(64)).ok).toBe(true);
    expect(parseJsonPayload(objects(66))).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_DEEP' });
  });

  it('relies on JSON.parse being iterative: a million nested arrays parse without a stack overflow', () => {
    // Depth is measured after the parse (see the module comment); were V8's parser ever recursive again, this fails
    // and the depth must be measured on the bytes before parsing.
    const text = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(() => JSON.parse(text) as unknown).not.toThrow();
  });

  it('refuses a deep payload even when a string before it has a problem', () => {
    const text = `["bad\\u0000",${'['.repeat(70)}${']'.repeat(70)}]`;
    expect(parseJsonPayload(bytes(text))).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_DEEP' });
  });

  it('refuses a NUL or a lone surrogate in a string or key, with the path', () => {
    const payload =
      '{"courtLists":[{"case":[{"caseNumber":"T1\\u0000"}],"party":[{"individualDetails":{"individualForenames":"A\\ud800"}}]}],"k\\udc00":1}';
    const result = parseJsonPayload(bytes(payload));
    expect(result).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
      // An object's keys are reported when the object is reached, before the values beneath it.
      details: [
        { field: '["k\\udc00"]', problem: 'must be valid Unicode (it holds a lone surrogate)' },
        { field: 'courtLists[0].case[0].caseNumber', problem: 'must not contain NUL (U+0000)' },
        {
          field: 'courtLists[0].party[0].individualDetails.individualForenames',
          problem: 'must be valid Unicode (it holds a lone surrogate)',
        },
      ],
    });
    expect(parseJsonPayload(bytes('{"name":"Emoji \\ud83d\\ude00 pair"}')).ok).toBe(true);
  });

  it('reads ASCII and other UTF-8 alike, and refuses bytes that are not UTF-8', () => {
    expect(parseJsonPayload(bytes('{"court":"Llys Ynadon Caerdydd","judge":"Ŵyn Rhŷs"}'))).toEqual({
      ok: true,
      value: { court: 'Llys Ynadon Caerdydd', judge: 'Ŵyn Rhŷs' },
    });
    expect(parseJsonPayload(Uint8Array.of(...bytes('{"a":"'), 0xc3, 0x28, ...bytes('"}')))).toMatchObject({
      ok: false,
      code: 'INVALID_JSON',
      details: [{ field: 'body', problem: 'is not valid UTF-8' }],
    });
    // A NUL escape is found whether or not the rest of the text is ASCII; an escaped backslash before a u is no escape.
    expect(parseJsonPayload(bytes('{"judge":"Ŵyn\\u0000"}'))).toMatchObject({
      ok: false,
      details: [{ field: 'judge', problem: 'must not contain NUL (U+0000)' }],
    });
    expect(parseJsonPayload(bytes('{"path":"C:\\\\users"}'))).toEqual({ ok: true, value: { path: 'C:\\users' } });
  });

  it('refuses HTML in an object key, with the path', () => {
    expect(parseJsonPayload(bytes('{"a":[{"<script>alert(1)</script>":"x"}]}'))).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
      details: [{ field: 'a[0]["<script>alert(1)</script>"]', problem: 'is a key that contains HTML tags' }],
    });
  });

  it('accepts 200,000 strings in one array (no spread or recursion limit)', () => {
    const text = JSON.stringify({ lines: Array.from({ length: 200_000 }, () => 'a') });
    const result = parseJsonPayload(bytes(text));
    expect(result.ok).toBe(true);
  });

  it('lists the first 50 problems and counts the rest', () => {
    const text = JSON.stringify(Array.from({ length: 200_000 }, () => 'bad\u0000'));
    const result = parseJsonPayload(bytes(text));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', omitted: 199_950 });
    if (result.ok) return;
    expect(result.details).toHaveLength(50);
    expect(result.details[0]?.field).toBe('[0]');
    expect(result.message).toContain('200000 problems');
  });
});
