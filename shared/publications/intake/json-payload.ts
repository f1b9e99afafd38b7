/**
 * The one way a JSON publication body is read, by ingest-publication when it is received and by blob-uploaded when
 * it is published, so that the two always agree on what is valid.
 *
 * - A UTF-8 byte order mark is stripped (one, as `TextDecoder` does); the rest must be valid UTF-8.
 * - Nesting is limited to `MAX_JSON_DEPTH`, measured by the iterative walk straight after `JSON.parse`, so no deep
 *   payload ever reaches a recursive walk (the zod schemas, the fast path, the HTML scan). V8's `JSON.parse` is
 *   itself iterative (it parses a million nested arrays without overflowing the stack; json-payload.test.ts holds
 *   it to that). Measuring depth on the parsed value rather than in a scan of the bytes before parsing saves a
 *   pass over every byte (about 0.7 × the parse itself on a pretty-printed list); the price is that a payload
 *   nested a million deep is refused after its parse (about 170 ms) rather than before it, and only an
 *   authenticated publisher can send one.
 * - Every string and every object key must be well-formed Unicode (no lone surrogate, as `\ud800` can write) and
 *   free of NUL (U+0000), which PostgreSQL cannot store; keys must also be free of HTML tags (the strict rule of
 *   ../catalogue/html-check.ts), since keys are served as they came.
 *
 * Every walk here is iterative: nothing a payload holds can overflow the stack or a spread's argument limit.
 */
import { containsHtmlTag, htmlKeyProblem } from '../catalogue/html-check.js';
import { formatPath } from '../catalogue/validate-payload.js';

export const MAX_JSON_DEPTH = 64;
/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 50;

export interface PayloadProblem {
  field: string;
  problem: string;
}

export type JsonPayload =
  | { ok: true; value: unknown }
  | {
      ok: false;
      code: 'INVALID_JSON' | 'PAYLOAD_TOO_DEEP' | 'INVALID_PAYLOAD';
      message: string;
      details: PayloadProblem[];
      /** Problems found beyond those listed. */
      omitted: number;
    };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** A surrogate code unit that is not half of a pair (in `u` mode a pair is one code point, never in `Cs`). */
const loneSurrogate = /\p{Cs}/u;

/**
 * Any NUL or surrogate code unit, paired or not: a string without one has no problem, and this (no `u` flag) is far
 * cheaper to test than `loneSurrogate`, so only a string it matches is looked at closely.
 */
// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL refuses
const mayHaveProblem = /[\u0000\ud800-\udfff]/;

/** Why `text` cannot be stored, or null when it can. */
function stringProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL (U+0000)';
  if (loneSurrogate.test(text)) return 'must be valid Unicode (it holds a lone surrogate)';
  return null;
}

interface Frame {
  value: unknown;
  parent: Frame | null;
  key: string | number | null;
  /** Arrays and objects this value is inside, itself included when it is one (the root array or object is 1). */
  depth: number;
}

function pathOf(frame: Frame, last?: string): string {
  const path: (string | number)[] = last === undefined ? [] : [last];
  for (let at: Frame | null = frame; at !== null && at.key !== null; at = at.parent) path.push(at.key);
  return formatPath(path.reverse());
}

/**
 * The problems of every string and key in `value` (parsed JSON), walked iteratively, at most `MAX_LISTED_PROBLEMS`
 * listed; or `tooDeep` as soon as an array or object is found nested more than `MAX_JSON_DEPTH` levels deep.
 * `mayHoldEscapes` is false when the JSON text held no `\u` escape: then no string or key can hold NUL or a surrogate
 * (JSON refuses a raw control character in a string, and valid UTF-8 holds no surrogate), so strings are not tested
 * for them.
 */
function findStringProblems(
  value: unknown,
  mayHoldEscapes: boolean,
): { tooDeep: true } | { tooDeep: false; details: PayloadProblem[]; omitted: number } {
  const details: PayloadProblem[] = [];
  let omitted = 0;
  const report = (field: string, problem: string): void => {
    if (details.length < MAX_LISTED_PROBLEMS) details.push({ field, problem });
    else omitted++;
  };
  // A payload repeats the same few keys thousands of times: each distinct key is judged once.
  const keyProblems = new Map<string, string | null>();
  const keyProblem = (key: string): string | null => {
    let problem = keyProblems.get(key);
    if (problem === undefined) {
      problem =
        (mayHoldEscapes && mayHaveProblem.test(key) ? stringProblem(key) : null) ??
        (containsHtmlTag(key) ? htmlKeyProblem : null);
      keyProblems.set(key, problem);
    }
    return problem;
  };
  const stack: Frame[] = [
    { value, parent: null, key: null, depth: typeof value === 'object' && value !== null ? 1 : 0 },
  ];
  // A string is stacked (to be reported in its turn, so problems come in document order) only when it may have a
  // problem; objects and arrays always are, one level deeper than their parent. False when the child is too deep.
  const push = (child: unknown, parent: Frame, key: string | number): boolean => {
    if (typeof child === 'string') {
      if (mayHoldEscapes && mayHaveProblem.test(child)) stack.push({ value: child, parent, key, depth: parent.depth });
    } else if (typeof child === 'object' && child !== null) {
      if (parent.depth >= MAX_JSON_DEPTH) return false;
      stack.push({ value: child, parent, key, depth: parent.depth + 1 });
    }
    return true;
  };
  for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
    const node = frame.value;
    if (typeof node === 'string') {
      const problem = stringProblem(node);
      if (problem !== null) report(pathOf(frame), problem);
    } else if (Array.isArray(node)) {
      // Pushed in reverse so that problems are reported in document order.
      for (let index = node.length - 1; index >= 0; index--) {
        if (!push(node[index], frame, index)) return { tooDeep: true };
      }
    } else if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node);
      const record = node as Record<string, unknown>;
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index] as string;
        const problem = keyProblem(key);
        if (problem !== null) report(pathOf(frame, key), problem);
        if (!push(record[key], frame, key)) return { tooDeep: true };
      }
    }
  }
  return { tooDeep: false, details, omitted };
}

/** Reads a JSON publication body: see the module comment for what is refused, and why. */
export function parseJsonPayload(bytes: Uint8Array): JsonPayload {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return {
      ok: false,
      code: 'INVALID_JSON',
      message: 'The body is not valid UTF-8 JSON',
      details: [{ field: 'body', problem: 'is not valid UTF-8' }],
      omitted: 0,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      code: 'INVALID_JSON',
      message: 'The body is not valid UTF-8 JSON',
      details: [{ field: 'body', problem: 'is not valid JSON' }],
      omitted: 0,
    };
  }
  const walk = findStringProblems(value, text.includes('\\u'));
  if (walk.tooDeep) {
    return {
      ok: false,
      code: 'PAYLOAD_TOO_DEEP',
      message: `The body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`,
      details: [{ field: 'body', problem: `nests more than ${MAX_JSON_DEPTH} levels deep` }],
      omitted: 0,
    };
  }
  const { details, omitted } = walk;
  if (details.length > 0) {
    return {
      ok: false,
      code: 'INVALID_PAYLOAD',
      message: problemCountMessage('The payload holds strings or keys that cannot be stored', details.length, omitted),
      details,
      omitted,
    };
  }
  return { ok: true, value };
}

/** `message`, saying how many problems there are when not all are listed. */
export function problemCountMessage(message: string, listed: number, omitted: number): string {
  return omitted === 0
    ? message
    : `${message} (${listed + omitted} problems; the first ${listed} are listed, ${omitted} more are not)`;
}
