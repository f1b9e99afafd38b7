/**
 * The master schema's intent, "no HTML tags in any string", checked in one pass over the parsed payload.
 *
 * The live JSON Schemas express it as Java regular expressions on each string property:
 * - most strings: `^(?!(.|\r|\n)*<[^>]+>)(.|\r|\n)*$`, i.e. no `<`, then one or more characters other than `>`, then `>`;
 * - a few free-text fields (organisation names, offence wording, application particulars) only refuse closing and
 *   self-closing tags, raw or entity-escaped, so that text such as "Pro_Auth <this is valid text>" is accepted.
 * A hand-written scan is used for the strict rule because it runs on every string of every payload.
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

const closingOrSelfClosingTag = /<\s*\/[^>]*>|<[^>]*\/>|&lt;\s*\/[^&]*&gt;|&lt;[^&]*\/&gt;/;

/** True when `text` holds a closing or self-closing tag, raw or entity-escaped (the loose rule). */
export function containsClosingOrSelfClosingTag(text: string): boolean {
  return text.includes('<') || text.includes('&lt;') ? closingOrSelfClosingTag.test(text) : false;
}

export interface HtmlFinding {
  path: (string | number)[];
  problem: string;
}

const strictProblem = 'must not contain HTML tags';
const looseProblem = 'must not contain closing or self-closing HTML tags';

/**
 * Every string value in `value` (recursively) that contains HTML. Strings held under a key in `looseKeys` are
 * checked with the loose rule, all others with the strict rule. Stops after `limit` findings.
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
