/**
 * The cases of a JSON list, one row each, as the renditions (PDF, workbook) print them and as "changes since"
 * compares two versions of a list: the case's reference (number, else URN), its name or parties, when (the sitting's
 * start, or a tabular list's time column) and where (the courtroom, or a tabular list's courtroom or venue column).
 *
 * A strategic list is walked (courtLists → courtHouse → courtRoom → session → sittings → hearing → case), carrying
 * the courtroom and sitting start down to each case; a hearing without a `case` array (SJP) is one case named by its
 * accused and offences. A tabular list is read through its table description (catalogue/schemas/non-strategic-tables.ts).
 */
import type { ListTypeDefinition } from '../catalogue/list-types.js';
import {
  nonStrategicSchemaIds,
  nonStrategicTables,
  sectionRows,
  type NonStrategicSchemaId,
  type NonStrategicTable,
} from '../catalogue/schemas/non-strategic-tables.js';
import { isJsonObject, nonBlankText, type JsonObject } from '../intake/json-values.js';
import { partyName } from '../intake/search-terms.js';

export interface ListCase {
  /** The case number or URN; '' when the list gives neither (then the name identifies the case). */
  reference: string;
  /** The case name, or the parties (SJP: the accused, and the offences). */
  name: string;
  /** When it is heard: `HH:mm` (UTC sitting start, as published) or the list's own time text; '' when not given. */
  time: string;
  /** Where: the courtroom (or venue); '' when not given. */
  courtroom: string;
}

/** The identity two versions of a list share for one case: its reference, else its name. */
export const caseKey = (c: ListCase): string => (c.reference !== '' ? c.reference : c.name).toLowerCase();

const tabularIds = new Set<string>(nonStrategicSchemaIds);

/** The table description of a tabular (non-strategic) list type; null for a strategic one. */
export function tabularTable(listType: ListTypeDefinition): NonStrategicTable | null {
  return tabularIds.has(listType.schema) ? nonStrategicTables[listType.schema as NonStrategicSchemaId] : null;
}

/** True for the lists also rendered as an Excel workbook: the tabular lists and the SJP lists. */
export function hasWorkbook(listType: ListTypeDefinition): boolean {
  return tabularTable(listType) !== null || /^sjp-/.test(listType.schema);
}

const referenceFields = ['caseNumber', 'caseReferenceNumber', 'appealReferenceNumber', 'caseUrn'];
const nameFields = ['caseName', 'caseTitle', 'caseDetails', 'appellant', 'nameToBeDisplayed'];
const timeFields = ['hearingTime', 'time'];
const roomFields = ['courtroom', 'venue', 'venue/platform', 'location'];

function firstText(row: Record<string, unknown>, fields: readonly string[]): string {
  for (const field of fields) {
    const value = row[field];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().replace(/\s+/g, ' ');
  }
  return '';
}

/** `2023-05-15T16:00:00.000Z` → `16:00`; any other text as it is. */
function sittingTime(value: unknown): string {
  const text = nonBlankText(value);
  if (text === null) return '';
  const match = /T(\d{2}):(\d{2})/.exec(text);
  return match ? `${match[1]}:${match[2]}` : text;
}

function arrayOf(value: unknown): JsonObject[] {
  return Array.isArray(value) ? (value as unknown[]).filter(isJsonObject) : [];
}

/** An SJP hearing (no case array): the accused, and the offences, as its name. */
function sjpCase(hearing: JsonObject, time: string, courtroom: string): ListCase | null {
  const parties = arrayOf(hearing.party);
  const accused = parties
    .filter((p) => /ACCUSED|DEFENDANT/i.test(nonBlankText(p.partyRole) ?? ''))
    .map(partyName)
    .filter((n): n is string => n !== null);
  const offences = arrayOf(hearing.offence)
    .map((o) => nonBlankText(o.offenceTitle))
    .filter((t): t is string => t !== null);
  if (accused.length === 0 && offences.length === 0) return null;
  const name = [accused.join(', '), offences.join('; ')].filter((part) => part !== '').join(': ');
  return { reference: nonBlankText(hearing.caseUrn) ?? '', name, time, courtroom };
}

/** The names of the parties held by a hearing or case, representatives left out. */
function partiesOf(holder: JsonObject): string {
  return arrayOf(holder.party)
    .filter((p) => !/REPRESENTATIVE/i.test(nonBlankText(p.partyRole) ?? ''))
    .map(partyName)
    .filter((n): n is string => n !== null)
    .join(', ');
}

function strategicCases(payload: unknown): ListCase[] {
  const cases: ListCase[] = [];
  const root = isJsonObject(payload) ? payload : {};
  for (const courtList of arrayOf(root.courtLists)) {
    const house = isJsonObject(courtList.courtHouse) ? courtList.courtHouse : {};
    for (const room of arrayOf(house.courtRoom)) {
      const roomName = nonBlankText(room.courtRoomName) ?? '';
      for (const session of arrayOf(room.session)) {
        for (const sitting of arrayOf(session.sittings)) {
          const time = sittingTime(sitting.sittingStart);
          const courtroom = nonBlankText(sitting.courtRoomName) ?? roomName;
          for (const hearing of arrayOf(sitting.hearing)) {
            const own = arrayOf(hearing.case);
            if (own.length === 0) {
              const sjp = sjpCase(hearing, time, courtroom);
              if (sjp) cases.push(sjp);
              continue;
            }
            const hearingParties = partiesOf(hearing);
            for (const item of own) {
              const caseParties = partiesOf(item);
              cases.push({
                reference: nonBlankText(item.caseNumber) ?? nonBlankText(item.caseUrn) ?? '',
                name: nonBlankText(item.caseName) ?? (caseParties !== '' ? caseParties : hearingParties),
                time,
                courtroom,
              });
            }
          }
        }
      }
    }
  }
  return cases;
}

function tabularCases(table: NonStrategicTable, payload: unknown): ListCase[] {
  return sectionRows(table, payload).flatMap(({ rows }) =>
    rows.map((row) => ({
      reference: firstText(row, referenceFields),
      name: firstText(row, nameFields),
      time: firstText(row, timeFields),
      courtroom: firstText(row, roomFields),
    })),
  );
}

/** Every case of the list, in the list's order; rows naming no case at all are left out. */
export function listCases(listType: ListTypeDefinition, payload: unknown): ListCase[] {
  const table = tabularTable(listType);
  const cases = table !== null ? tabularCases(table, payload) : strategicCases(payload);
  return cases.filter((c) => c.reference !== '' || c.name !== '');
}
