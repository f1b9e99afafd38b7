/**
 * The fields of a JSON publication that is not a list (judgments and outcomes, a general publication): every value
 * the payload holds, in document order, under a label made from its path (`judgments[0].caseName` reads
 * "Judgments 1, case name"), for a summary list. The labels are the publisher's own keys, so they read in English
 * on the Welsh page too; the values are the publication's.
 */

/** Enough for any real notice or judgment; beyond it the page would be unusable anyway. */
export const maxFields = 2_000;

export interface PublicationField {
  label: string;
  value: string;
}

/** `caseNumber`, `case_number`, `case-number` → "case number". */
function words(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
}

function labelOf(path: readonly (string | number)[]): string {
  const parts = path.map((segment) => (typeof segment === 'number' ? String(segment + 1) : words(segment)));
  // An index belongs to the key before it: "judgments 1", not "judgments, 1".
  const joined: string[] = [];
  for (const [index, part] of parts.entries()) {
    const previous = joined.pop();
    if (previous === undefined) joined.push(part);
    else if (typeof path[index] === 'number') joined.push(`${previous} ${part}`);
    else joined.push(previous, part);
  }
  const label = joined.filter((part) => part !== '').join(', ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

function collect(value: unknown, path: (string | number)[], out: PublicationField[]): void {
  if (out.length >= maxFields) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collect(item, [...path, index], out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) collect(item, [...path, key], out);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value).trim();
    if (text !== '') out.push({ label: path.length === 0 ? '' : labelOf(path), value: text });
  }
}

/** The payload's values with their labels; empty when it holds none (then the page offers the download alone). */
export function publicationFields(payload: unknown): PublicationField[] {
  const fields: PublicationField[] = [];
  collect(payload, [], fields);
  return fields;
}
