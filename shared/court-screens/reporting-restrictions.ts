/**
 * Reporting restrictions on court screens (issue 14). A live case status update (LCSU) carries no restriction flag:
 * only each courtroom's latest event. The court event glossary's event 38, "Reporting Restrictions. For details please
 * contact the Court Manager", restricts the case in that room, and event 39, "Reporting Restrictions Lifted", lifts it
 * (test-fixtures/live/CaseEventGlossary.json). Since an update carries only the latest event, a restriction is
 * carried forward: the cases restricted at a court are those of the status the update replaces, plus those whose
 * latest event now restricts, minus those whose latest event now lifts. The set is kept on the stored status
 * (artefact.restricted_case_numbers, migration 103), so an older update arriving late, which is never stored, changes
 * nothing. Screens and the JSON feed show the wording below instead of a restricted case's name.
 *
 * When in doubt a case is restricted: an event named like a restriction but with another id (the live service's sample
 * shows ids and names that disagree) restricts; only an event that is not a restriction by either id or name lifts.
 */
import type { LiveCaseStatus } from '../publications/catalogue/live-case-status.js';

/** The glossary's ids of the two events (test-fixtures/live/CaseEventGlossary.json). */
export const REPORTING_RESTRICTIONS_EVENT_ID = 38;
export const REPORTING_RESTRICTIONS_LIFTED_EVENT_ID = 39;

/**
 * What the JSON feed serves instead of a restricted case's name. The screen page says the same in its own strings
 * (functions/web/pages/court-screen/en.json and cy.json, `restricted`).
 */
export const RESTRICTION_WORDING = 'Reporting restrictions apply to this case';

const normalised = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();
const isLiftedName = (name: string): boolean => normalised(name).startsWith('reporting restrictions lifted');
const isRestrictionName = (name: string): boolean =>
  normalised(name).startsWith('reporting restrictions') && !isLiftedName(name);

/** What an event does to its case's restriction: restrict it, lift it, or leave it as it was. */
export function restrictionEffect(event: { eventId: number; eventName: string }): 'restrict' | 'lift' | 'none' {
  if (event.eventId === REPORTING_RESTRICTIONS_EVENT_ID || isRestrictionName(event.eventName)) return 'restrict';
  if (event.eventId === REPORTING_RESTRICTIONS_LIFTED_EVENT_ID || isLiftedName(event.eventName)) return 'lift';
  return 'none';
}

/**
 * The case numbers restricted at a court once `update` replaces a status under which `held` were restricted: sorted,
 * each once. A room with no case number has no case to restrict.
 */
export function restrictedCasesAfter(held: readonly string[], update: LiveCaseStatus): string[] {
  const restricted = new Set(held);
  for (const room of update.locationUpdates) {
    if (room.caseNumber === '') continue;
    const effect = restrictionEffect(room.event);
    if (effect === 'restrict') restricted.add(room.caseNumber);
    else if (effect === 'lift') restricted.delete(room.caseNumber);
  }
  return [...restricted].sort();
}

/** Whether the room's case is one of `restricted`. */
export const isRestricted = (caseNumber: string, restricted: ReadonlySet<string>): boolean =>
  caseNumber !== '' && restricted.has(caseNumber);

/**
 * A stored update as the JSON feed serves it: each restricted case's `caseName` replaced by the English wording,
 * with `reportingRestrictions: true` beside it; the bytes as stored when nothing is restricted. Null when cases are
 * restricted but the stored update cannot be read as one (nothing is served rather than a name that may be withheld).
 */
export function feedBodyWithRestrictions(body: Buffer, restricted: ReadonlySet<string>): Buffer | null {
  if (restricted.size === 0) return body;
  let update: unknown;
  try {
    update = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  const rooms = (update as { locationUpdates?: unknown } | null)?.locationUpdates;
  if (!Array.isArray(rooms)) return null;
  for (const room of rooms as unknown[]) {
    if (typeof room !== 'object' || room === null) return null;
    const entry = room as { caseNumber?: unknown; caseName?: unknown; reportingRestrictions?: unknown };
    if (typeof entry.caseNumber === 'string' && isRestricted(entry.caseNumber, restricted)) {
      entry.caseName = RESTRICTION_WORDING;
      entry.reportingRestrictions = true;
    }
  }
  return Buffer.from(JSON.stringify(update));
}
