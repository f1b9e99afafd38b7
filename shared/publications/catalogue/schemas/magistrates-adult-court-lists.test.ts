/**
 * The magistrates adult court lists (standard and public) and the ET fortnightly press list, validated as their list
 * types are: the real payloads are accepted; a missing required field, a wrong type, a bad format and HTML are each
 * refused with the failing path; a payload of another shape is refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureUrl } from '../../../../test-support/fixtures.js';
import { findListType } from '../list-types.js';
import { payloadSchemas } from '../payload-schemas.js';
import { fastPathAccepts, validatePayload, type ValidationResult } from '../validate-payload.js';

interface AdultList {
  document: {
    info?: { start_time?: unknown };
    data?: {
      job: {
        printdate?: unknown;
        sessions?: {
          session: {
            lja?: unknown;
            room?: unknown;
            sstart?: unknown;
            blocks?: {
              block: {
                bstart?: unknown;
                cases?: { case: Record<string, unknown>[] };
              }[];
            };
          }[];
        };
      };
    };
  };
}

const read = (file: string): unknown => JSON.parse(readFileSync(fixtureUrl('lists', file), 'utf8'));
const adult = () => read('magistratesAdultCourtList.json') as AdultList;
const publicAdult = () => read('magistratesPublicAdultCourtList.json') as AdultList;

function firstSession(payload: AdultList) {
  const session = payload.document.data?.job.sessions?.session[0];
  if (session === undefined) throw new Error('no session');
  return session;
}

function firstCase(payload: AdultList): Record<string, unknown> {
  const found = firstSession(payload).blocks?.block[0]?.cases?.case[0];
  if (found === undefined) throw new Error('no case');
  return found;
}

const session0 = 'document.data.job.sessions.session[0]';
const case0 = `${session0}.blocks.block[0].cases.case[0]`;

function refused(result: ValidationResult): [string, string][] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.details.map((detail) => [detail.field, detail.problem]);
}

const adultTypes = ['MAGISTRATES_ADULT_COURT_LIST_DAILY', 'MAGISTRATES_ADULT_COURT_LIST_FUTURE'];
const publicTypes = ['MAGISTRATES_PUBLIC_ADULT_COURT_LIST_DAILY', 'MAGISTRATES_PUBLIC_ADULT_COURT_LIST_FUTURE'];

describe('the list types use their own schemas, as the live service does', () => {
  it.each([
    ...adultTypes.map((id) => [id, 'magistrates-adult-court-list', false] as const),
    ...publicTypes.map((id) => [id, 'magistrates-public-adult-court-list', true] as const),
    ['ET_FORTNIGHTLY_PRESS_LIST', 'et-fortnightly-press-list', true] as const,
  ])('%s: %s, checked against the master schema: %s', (id, schema, master) => {
    const lookup = findListType(id);
    expect(lookup.kind).toBe('found');
    if (lookup.kind !== 'found') return;
    expect(lookup.listType.schema).toBe(schema);
    expect(payloadSchemas[lookup.listType.schema].checkedAgainstMaster).toBe(master);
  });

  it.each([...adultTypes, ...publicTypes, 'ET_FORTNIGHTLY_PRESS_LIST'])(
    '%s refuses a payload of another shape',
    (id) => {
      expect(refused(validatePayload(id, { foo: 1 }))).toContainEqual(['document', 'is required']);
    },
  );
});

describe('magistrates adult court list', () => {
  it.each(adultTypes)('accepts the real payload as %s (on the fast path)', (id) => {
    expect(validatePayload(id, adult())).toEqual({ ok: true });
    expect(fastPathAccepts('magistrates-adult-court-list', adult())).toBe(true);
  });

  it('refuses a case without its case number or defendant, naming each', () => {
    const payload = adult();
    delete firstCase(payload).caseno;
    delete firstCase(payload).def_name;
    expect(refused(validatePayload('MAGISTRATES_ADULT_COURT_LIST_DAILY', payload))).toEqual([
      [`${case0}.caseno`, 'is required'],
      [`${case0}.def_name`, 'is required'],
    ]);
  });

  it('refuses a print date, session or offence without its required fields', () => {
    const payload = adult();
    const job = payload.document.data?.job;
    if (job === undefined) throw new Error('no job');
    delete job.printdate;
    delete firstSession(payload).sstart;
    const offences = firstCase(payload).offences as { offence: Record<string, unknown>[] };
    delete offences.offence[0]?.sum;
    expect(refused(validatePayload('MAGISTRATES_ADULT_COURT_LIST_DAILY', payload))).toEqual([
      ['document.data.job.printdate', 'is required'],
      [`${session0}.sstart`, 'is required'],
      [`${case0}.offences.offence[0].sum`, 'is required'],
    ]);
  });

  it('refuses wrong types, formats and lengths', () => {
    const payload = adult();
    firstSession(payload).room = 'Room 1';
    firstSession(payload).sstart = '9am';
    const hearingCase = firstCase(payload);
    hearingCase.caseno = '123';
    hearingCase.def_dob = '1975-11-06';
    hearingCase.def_age = 50.5;
    hearingCase.def_addr = { line5: 'London' };
    expect(refused(validatePayload('MAGISTRATES_ADULT_COURT_LIST_FUTURE', payload))).toEqual([
      [`${session0}.room`, 'Invalid input: expected number, received string'],
      [`${session0}.sstart`, 'must be a time like 09:30 (hh:mm)'],
      [`${case0}.caseno`, 'must be exactly 10 characters'],
      [`${case0}.def_dob`, 'must be a date like 31/01/2024 (DD/MM/YYYY)'],
      [`${case0}.def_age`, 'Invalid input: expected int, received number'],
      [`${case0}.def_addr.line1`, 'is required'],
    ]);
  });

  it('refuses HTML in any string, and does not check it against the master schema', () => {
    const payload = adult();
    firstCase(payload).def_name = 'Mr <b>Test</b> User';
    const offence = (firstCase(payload).offences as { offence: Record<string, unknown>[] }).offence[0];
    if (offence === undefined) throw new Error('no offence');
    offence.sum = 'Pro_Auth <valid text>';
    expect(refused(validatePayload('MAGISTRATES_ADULT_COURT_LIST_DAILY', payload))).toEqual([
      [`${case0}.def_name`, 'must not contain HTML tags'],
      // The strict rule everywhere: every string of the live schema refuses any tag.
      [`${case0}.offences.offence[0].sum`, 'must not contain HTML tags'],
    ]);
    // The master schema would refuse this courtLists; the adult list does not read it.
    const extra = { ...adult(), courtLists: 'not an array' };
    expect(validatePayload('MAGISTRATES_ADULT_COURT_LIST_DAILY', extra)).toEqual({ ok: true });
  });
});

describe('magistrates public adult court list', () => {
  it.each(publicTypes)('accepts the real payload as %s (on the fast path)', (id) => {
    expect(validatePayload(id, publicAdult())).toEqual({ ok: true });
    expect(fastPathAccepts('magistrates-public-adult-court-list', publicAdult())).toBe(true);
  });

  it('refuses a job without sessions (required here, optional in the standard list)', () => {
    const payload = publicAdult();
    delete payload.document.data?.job.sessions;
    expect(refused(validatePayload('MAGISTRATES_PUBLIC_ADULT_COURT_LIST_DAILY', payload))).toEqual([
      ['document.data.job.sessions', 'is required'],
    ]);
    const standard = adult();
    delete standard.document.data?.job.sessions;
    expect(validatePayload('MAGISTRATES_ADULT_COURT_LIST_DAILY', standard)).toEqual({ ok: true });
  });

  it('refuses a missing case number, a wrong type, a bad time and HTML, naming each', () => {
    const payload = publicAdult();
    delete firstCase(payload).caseno;
    firstSession(payload).lja = 42;
    payload.document.info = { start_time: '09:05' };
    firstCase(payload).def_name = '<script>alert(1)</script>';
    expect(refused(validatePayload('MAGISTRATES_PUBLIC_ADULT_COURT_LIST_FUTURE', payload))).toEqual([
      ['document.info.start_time', 'must be a time like 09:05:02 (hh:mm:ss)'],
      [`${session0}.lja`, 'Invalid input: expected string, received number'],
      [`${case0}.caseno`, 'is required'],
      [`${case0}.def_name`, 'must not contain HTML tags'],
    ]);
  });

  it('is checked against the master schema too', () => {
    const payload = { ...publicAdult(), courtLists: 'not an array' };
    expect(refused(validatePayload('MAGISTRATES_PUBLIC_ADULT_COURT_LIST_DAILY', payload))).toEqual([
      ['courtLists', 'Invalid input: expected array, received string'],
    ]);
  });
});

describe('ET fortnightly press list', () => {
  interface EtList {
    venue: Record<string, unknown>;
    courtLists: {
      courtHouse: {
        courtRoom: {
          session: {
            sittings: {
              sittingEnd?: unknown;
              hearing: { hearingType?: unknown; case: { party: Record<string, unknown>[] }[] }[];
            }[];
          }[];
        }[];
      };
    }[];
  }
  const et = () => read('etFortnightlyList.json') as EtList;
  const sitting0 = 'courtLists[0].courtHouse.courtRoom[0].session[0].sittings[0]';
  const firstSitting = (payload: EtList) => {
    const sitting = payload.courtLists[0]?.courtHouse.courtRoom[0]?.session[0]?.sittings[0];
    if (sitting === undefined) throw new Error('no sitting');
    return sitting;
  };

  it('accepts the real payload, representatives included (the ET daily list refuses them)', () => {
    expect(validatePayload('ET_FORTNIGHTLY_PRESS_LIST', et())).toEqual({ ok: true });
    expect(fastPathAccepts('et-fortnightly-press-list', et())).toBe(true);
    const daily = refused(validatePayload('ET_DAILY_LIST', et()));
    expect(daily).toContainEqual([
      `${sitting0}.hearing[0].case[0].party[1].partyRole`,
      'Invalid option: expected one of "APPLICANT_PETITIONER"|"RESPONDENT"',
    ]);
  });

  it('refuses missing required fields, a bad timestamp, an unknown role and HTML, naming each', () => {
    const payload = et();
    delete payload.venue.venueName;
    const sitting = firstSitting(payload);
    sitting.sittingEnd = '2022-02-13 11:30';
    delete sitting.hearing[0]?.hearingType;
    const party = sitting.hearing[0]?.case[0]?.party;
    if (party?.[0] === undefined || party[1] === undefined) throw new Error('no parties');
    party[0].partyRole = 'ACCUSED';
    party[1].individualDetails = { individualSurname: 'Surname <i>2</i>' };
    expect(refused(validatePayload('ET_FORTNIGHTLY_PRESS_LIST', payload))).toEqual([
      [`${sitting0}.sittingEnd`, 'must be a UTC timestamp like 2024-01-31T10:00:00Z'],
      ['venue.venueName', 'is required'],
      [`${sitting0}.hearing[0].hearingType`, 'is required'],
      [
        `${sitting0}.hearing[0].case[0].party[0].partyRole`,
        'Invalid option: expected one of "APPLICANT_PETITIONER"|"APPLICANT_PETITIONER_REPRESENTATIVE"|"RESPONDENT"|"RESPONDENT_REPRESENTATIVE"',
      ],
      [`${sitting0}.hearing[0].case[0].party[1].individualDetails.individualSurname`, 'must not contain HTML tags'],
    ]);
  });
});
