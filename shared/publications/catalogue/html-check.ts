/**
 * The master schema's intent, "no HTML tags in any string", checked in one pass over the parsed payload.
 *
 * The live JSON Schemas express it as Java regular expressions on each string property:
 * - most strings: `^(?!(.|\r|\n)*<[^>]+>)(.|\r|\n)*$`, i.e. no `<`, then one or more characters other than `>`, then `>`;
 * - a few free-text fields (organisation names, offence wording, application particulars) only refuse closing and
 *   self-closing tags, raw or entity-escaped, so that text such as "Pro_Auth <this is valid text>" is accepted.
 * Both rules are hand-written scans that run in time linear in the string's length: the regular expression the loose
 * rule used to be (`<[^>]*\/>` and the like) backtracks, and 30,000 `<` in one string took over a second. Object
 * keys are held to the strict rule too: they are served as they came.
 */

/** True when `text` holds `<`, at least one character that is not `>`, then `>` (the strict rule). */
export function containsHtmlTag(text: string): boolean {
  let open = text.indexOf('<');
  while (open !== -1) {
    const close = text.indexOf('>', open + 1);
    if (close === -1) return false;
    if (close > open + 1) return true;
    open = text.indexOf('<', open + 1);
  }
  return false;
}

/** What the loose rule replaces: kept for the tests that hold the scan to it, never run on a payload. */
export const closingOrSelfClosingTagPattern = /<\s*\/[^>]*>|<[^>]*\/>|&lt;\s*\/[^&]*&gt;|&lt;[^&]*\/&gt;/;

/** True for exactly the characters `\s` matches in a JavaScript regular expression. */
export function isWhitespace(code: number): boolean {
  if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return true;
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The index of the first character at or after `from` that is not whitespace. */
function skipWhitespace(text: string, from: number): number {
  let index = from;
  while (index < text.length && isWhitespace(text.charCodeAt(index))) index++;
  return index;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const AMP = 0x26;

/**
 * True when `text` holds a closing or self-closing tag, raw or entity-escaped (the loose rule): exactly what
 * `closingOrSelfClosingTagPattern` matches, found in one pass.
 * - `<\s*\/[^>]*>`: a `<`, optional whitespace and `/`, with a `>` anywhere after it;
 * - `<[^>]*\/>`: a `/>` whose nearest `<` or `>` before it is a `<`;
 * - `&lt;\s*\/[^&]*&gt;`: an `&lt;`, optional whitespace and `/`, where the next `&` begins `&gt;`;
 * - `&lt;[^&]*\/&gt;`: a `/&gt;` whose nearest `&` before it begins `&lt;`.
 * Each whitespace run and each search for the next `&` covers characters no other one covers: linear overall.
 */
export function containsClosingOrSelfClosingTag(text: string): boolean {
  if (!text.includes('<') && !text.includes('&lt;')) return false;
  const lastGt = text.lastIndexOf('>');
  let openAngle = false; // the nearest `<` or `>` so far is a `<`
  let ampIsLt = false; // the nearest `&` so far begins `&lt;`
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === LT) {
      openAngle = true;
      const slash = skipWhitespace(text, index + 1);
      if (text.charCodeAt(slash) === SLASH && lastGt > slash) return true;
    } else if (code === GT) {
      openAngle = false;
    } else if (code === SLASH) {
      if (openAngle && text.charCodeAt(index + 1) === GT) return true;
      if (ampIsLt && text.startsWith('&gt;', index + 1)) return true;
    } else if (code === AMP) {
      ampIsLt = text.startsWith('&lt;', index);
      if (ampIsLt) {
        const slash = skipWhitespace(text, index + 4);
        if (text.charCodeAt(slash) === SLASH) {
          const nextAmp = text.indexOf('&', slash + 1);
          if (nextAmp !== -1 && text.startsWith('&gt;', nextAmp)) return true;
        }
      }
    }
  }
  return false;
}

export interface HtmlFinding {
  path: (string | number)[];
  problem: string;
}

const strictProblem = 'must not contain HTML tags';
const looseProblem = 'must not contain closing or self-closing HTML tags';
export const htmlKeyProblem = 'is a key that contains HTML tags';

/**
 * Every string value in `value` (recursively) that contains HTML, and every object key that does (keys always get
 * the strict rule). Strings held under a key in `looseKeys` are checked with the loose rule, all others with the
 * strict rule. Stops after `limit` findings. The caller bounds the depth (see ../ingestion/json-payload.ts).
 */
export function findHtmlInStrings(value: unknown, looseKeys: ReadonlySet<string>, limit = 50): HtmlFinding[] {
  const findings: HtmlFinding[] = [];
  const path: (string | number)[] = [];

  function visit(node: unknown, loose: boolean): void {
    if (findings.length >= limit) return;
    if (typeof node === 'string') {
      if (loose ? containsClosingOrSelfClosingTag(node) : containsHtmlTag(node)) {
        findings.push({ path: [...path], problem: loose ? looseProblem : strictProblem });
      }
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        path.push(index);
        visit(node[index], loose);
        path.pop();
      }
      return;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (containsHtmlTag(key)) {
        findings.push({ path: [...path, key], problem: htmlKeyProblem });
        if (findings.length >= limit) return;
      }
      const child = record[key];
      // Most values are short strings: test them here rather than through another call.
      if (typeof child === 'string') {
        const loose = looseKeys.has(key);
        if (loose ? containsClosingOrSelfClosingTag(child) : containsHtmlTag(child)) {
          findings.push({ path: [...path, key], problem: loose ? looseProblem : strictProblem });
          if (findings.length >= limit) return;
        }
        continue;
      }
      path.push(key);
      visit(child, looseKeys.has(key));
      path.pop();
    }
  }

  visit(value, false);
  return findings;
}
