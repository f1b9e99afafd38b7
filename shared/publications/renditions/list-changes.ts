/**
 * "Changes since": what differs between two versions of a list, case by case (matched by `caseKey`): cases added,
 * cases removed, and cases moved in time or courtroom. The digest email names them since the version the subscriber
 * last received; the list page since the version before the one shown.
 */
import { caseKey, type ListCase } from './list-cases.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export interface CaseMove {
  case: ListCase;
  from: { time: string; courtroom: string };
}

export interface ListChanges {
  added: ListCase[];
  removed: ListCase[];
  moved: CaseMove[];
}

/** Groups by key; a case listed twice (two hearings) is compared occurrence by occurrence. */
function byKey(cases: readonly ListCase[]): Map<string, ListCase[]> {
  const groups = new Map<string, ListCase[]>();
  for (const c of cases) {
    const key = caseKey(c);
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  return groups;
}

const place = (c: ListCase): string => `${c.time}\u0000${c.courtroom}`;

export function listChanges(previous: readonly ListCase[], current: readonly ListCase[]): ListChanges {
  const before = byKey(previous);
  const changes: ListChanges = { added: [], removed: [], moved: [] };
  for (const [key, now] of byKey(current)) {
    const then = [...(before.get(key) ?? [])];
    before.delete(key);
    // The same place in both versions is no change; what remains is paired in order as a move.
    const unmatched = now.filter((c) => {
      const index = then.findIndex((t) => place(t) === place(c));
      if (index === -1) return true;
      then.splice(index, 1);
      return false;
    });
    unmatched.forEach((c, index) => {
      const from = then[index];
      if (from) changes.moved.push({ case: c, from: { time: from.time, courtroom: from.courtroom } });
      else changes.added.push(c);
    });
    changes.removed.push(...then.slice(unmatched.length));
  }
  for (const rest of before.values()) changes.removed.push(...rest);
  return changes;
}

export const hasChanges = (changes: ListChanges): boolean =>
  changes.added.length + changes.removed.length + changes.moved.length > 0;

const labelOf = (c: ListCase): string => [c.reference, c.name].filter((part) => part !== '').join(' ');

const where = (time: string, courtroom: string, words: ChangeWords): string =>
  [time, courtroom === '' ? '' : `${words.courtroom} ${courtroom}`].filter((part) => part !== '').join(', ') ||
  words.unknown;

export interface ChangeWords {
  added: string;
  removed: string;
  moved: string;
  to: string;
  courtroom: string;
  unknown: string;
}

export const changeWords: Record<'en' | 'cy', ChangeWords> = { en: en.changes, cy: cy.changes };

/** One line per change, e.g. "Moved: CN-1 A v B, 10:00, courtroom 1 to 14:00, courtroom 3". */
export function changeLines(changes: ListChanges, language: 'en' | 'cy' = 'en'): string[] {
  const w = changeWords[language];
  return [
    ...changes.added.map((c) => `${w.added}: ${labelOf(c)} (${where(c.time, c.courtroom, w)})`),
    ...changes.removed.map((c) => `${w.removed}: ${labelOf(c)} (${where(c.time, c.courtroom, w)})`),
    ...changes.moved.map(
      (m) =>
        `${w.moved}: ${labelOf(m.case)}, ${where(m.from.time, m.from.courtroom, w)} ${w.to} ${where(m.case.time, m.case.courtroom, w)}`,
    ),
  ];
}
