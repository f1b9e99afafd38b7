/**
 * The whole access matrix: every sensitivity × every kind of reader × representative list types (SJP, magistrates,
 * Crown PDDA, civil, family, tribunal), inside and outside the display window. The expectations are written out
 * here from the rules in issue 5, not computed from the catalogue, so a change to either shows up.
 */
import { describe, expect, it } from 'vitest';
import type { Principal, Role, UserProvenance } from '../../auth/principal.js';
import { sensitivities, type Sensitivity } from '../publication.js';
import { canReadPublication } from './can-read-publication.js';

const person = (provenance: UserProvenance, roles: Role[]): Principal => ({
  userId: `${provenance}-${roles.join('+') || 'none'}`,
  provenance,
  roles,
  email: null,
  name: null,
});

const readers = {
  anonymous: null,
  publisher: person('SYSTEM', ['PUBLISHER']),
  media: person('PI_AAD', ['VERIFIED']),
  cftProfessional: person('CFT_IDAM', ['VERIFIED']),
  cftCitizen: person('CFT_IDAM', []),
  crimeProfessional: person('CRIME_IDAM', ['VERIFIED']),
  ctscAdmin: person('PI_AAD', ['INTERNAL_ADMIN_CTSC']),
  localAdmin: person('PI_AAD', ['INTERNAL_ADMIN_LOCAL']),
  ctscSuperAdmin: person('PI_AAD', ['INTERNAL_SUPER_ADMIN_CTSC']),
  localSuperAdmin: person('PI_AAD', ['INTERNAL_SUPER_ADMIN_LOCAL']),
  systemAdmin: person('PI_AAD', ['SYSTEM_ADMIN']),
  thirdPartyAll: person('THIRD_PARTY', ['VERIFIED_THIRD_PARTY_ALL']),
  thirdPartyPress: person('THIRD_PARTY', ['VERIFIED_THIRD_PARTY_PRESS']),
  thirdPartyCrime: person('THIRD_PARTY', ['VERIFIED_THIRD_PARTY_CRIME']),
  thirdPartyCft: person('THIRD_PARTY', ['VERIFIED_THIRD_PARTY_CFT']),
  generalThirdParty: person('THIRD_PARTY', ['GENERAL_THIRD_PARTY']),
} satisfies Record<string, Principal | null>;
type Reader = keyof typeof readers;

const lists = {
  sjp: 'SJP_PUBLIC_LIST',
  sjpPress: 'SJP_PRESS_LIST',
  magistrates: 'MAGISTRATES_STANDARD_LIST',
  crownPdda: 'CROWN_DAILY_PDDA_LIST',
  civil: 'CIVIL_DAILY_CAUSE_LIST',
  family: 'FAMILY_DAILY_CAUSE_LIST',
  civilAndFamily: 'CIVIL_AND_FAMILY_DAILY_CAUSE_LIST',
  tribunal: 'SSCS_DAILY_LIST',
  employmentTribunal: 'ET_DAILY_LIST',
} as const;
type List = keyof typeof lists;
const allLists = Object.keys(lists) as List[];
const pressLists: List[] = ['sjp', 'sjpPress', 'magistrates', 'crownPdda'];
const crimeLists: List[] = ['magistrates', 'crownPdda'];
const cftLists: List[] = ['civil', 'family', 'civilAndFamily', 'tribunal', 'employmentTribunal'];
const adminReaders: Reader[] = ['ctscAdmin', 'localAdmin', 'ctscSuperAdmin', 'localSuperAdmin', 'systemAdmin'];

/** Which lists each reader may read when they are CLASSIFIED. */
const classified: Record<Reader, List[]> = {
  anonymous: [],
  publisher: [],
  media: pressLists,
  cftProfessional: cftLists,
  cftCitizen: [],
  crimeProfessional: crimeLists,
  // Court staff sign in at Azure B2C: PI_AAD, so the lists PI_AAD users may read.
  ctscAdmin: pressLists,
  localAdmin: pressLists,
  ctscSuperAdmin: pressLists,
  localSuperAdmin: pressLists,
  systemAdmin: pressLists,
  thirdPartyAll: allLists,
  thirdPartyPress: pressLists,
  thirdPartyCrime: crimeLists,
  thirdPartyCft: cftLists,
  generalThirdParty: [],
};

const privateReaders: Reader[] = [
  'media',
  'cftProfessional',
  'crimeProfessional',
  ...adminReaders,
  'thirdPartyAll',
  'thirdPartyPress',
  'thirdPartyCrime',
  'thirdPartyCft',
];

function expected(reader: Reader, sensitivity: Sensitivity, list: List): boolean {
  switch (sensitivity) {
    case 'PUBLIC':
      return true;
    case 'PRIVATE':
      return privateReaders.includes(reader);
    case 'CLASSIFIED':
      return classified[reader].includes(list);
    case 'INTERNAL':
      return reader === 'systemAdmin';
  }
}

const now = new Date('2026-11-30T10:00:00Z');
const current = { displayFrom: new Date('2026-11-30T00:00:00Z'), displayTo: new Date('2026-12-01T00:00:00Z') };

const matrix = (Object.keys(readers) as Reader[]).flatMap((reader) =>
  sensitivities.flatMap((sensitivity) =>
    allLists.map((list) => ({ reader, sensitivity, list, allowed: expected(reader, sensitivity, list) })),
  ),
);

describe('canReadPublication: the access matrix inside the display window', () => {
  it('covers every reader, sensitivity and list, with both outcomes for every restricted sensitivity', () => {
    expect(matrix).toHaveLength(16 * 4 * 9);
    for (const sensitivity of ['PRIVATE', 'CLASSIFIED', 'INTERNAL'] as const) {
      const outcomes = new Set(matrix.filter((row) => row.sensitivity === sensitivity).map((row) => row.allowed));
      expect(outcomes).toEqual(new Set([true, false]));
    }
  });

  it.each(matrix)(
    '$reader reading a $sensitivity $list: allowed=$allowed',
    ({ reader, sensitivity, list, allowed }) => {
      const decision = canReadPublication(readers[reader], { sensitivity, listType: lists[list], ...current }, now);
      if (allowed) {
        expect(decision).toMatchObject({ allowed: true, restricted: sensitivity !== 'PUBLIC' });
      } else {
        expect(decision).toEqual({ allowed: false, reason: 'SENSITIVITY' });
      }
    },
  );
});

describe('canReadPublication: the display window', () => {
  const windows = {
    notYet: { displayFrom: new Date('2026-12-01T00:00:00Z'), displayTo: new Date('2026-12-02T00:00:00Z') },
    ended: { displayFrom: new Date('2026-11-28T00:00:00Z'), displayTo: new Date('2026-11-30T09:59:59Z') },
  };

  it.each(
    (Object.keys(readers) as Reader[]).flatMap((reader) =>
      sensitivities.map((sensitivity) => ({ reader, sensitivity })),
    ),
  )('$reader reading a $sensitivity list outside its window', ({ reader, sensitivity }) => {
    const mayReadInside = expected(reader, sensitivity, 'magistrates');
    for (const window of Object.values(windows)) {
      const decision = canReadPublication(
        readers[reader],
        { sensitivity, listType: lists.magistrates, ...window },
        now,
      );
      if (!mayReadInside) expect(decision).toEqual({ allowed: false, reason: 'SENSITIVITY' });
      else if (adminReaders.includes(reader)) expect(decision.allowed).toBe(true);
      else expect(decision).toEqual({ allowed: false, reason: 'OUTSIDE_DISPLAY_WINDOW' });
    }
  });

  it('includes both ends of the window, and a window without an end never closes', () => {
    const read = (displayFrom: Date, displayTo: Date | null) =>
      canReadPublication(null, { sensitivity: 'PUBLIC', listType: null, displayFrom, displayTo }, now).allowed;
    expect(read(now, now)).toBe(true);
    expect(read(new Date(now.getTime() + 1), null)).toBe(false);
    expect(read(new Date('2020-01-01T00:00:00Z'), null)).toBe(true);
    expect(read(new Date('2020-01-01T00:00:00Z'), new Date(now.getTime() - 1))).toBe(false);
  });
});

describe('canReadPublication: publications that are not lists', () => {
  it('lets only VERIFIED_THIRD_PARTY_ALL read a CLASSIFIED publication no list type names readers for', () => {
    const facts = { sensitivity: 'CLASSIFIED' as const, listType: null, ...current };
    const allowed = (Object.keys(readers) as Reader[]).filter(
      (reader) => canReadPublication(readers[reader], facts, now).allowed,
    );
    expect(allowed).toEqual(['thirdPartyAll']);
  });

  it('grants by the rule that let the reader in', () => {
    const facts = (sensitivity: Sensitivity) => ({ sensitivity, listType: lists.civil, ...current });
    expect(canReadPublication(null, facts('PUBLIC'), now)).toEqual({
      allowed: true,
      grant: 'PUBLIC',
      restricted: false,
    });
    expect(canReadPublication(readers.cftProfessional, facts('CLASSIFIED'), now)).toEqual({
      allowed: true,
      grant: 'VERIFIED_USER',
      restricted: true,
    });
    expect(canReadPublication(readers.thirdPartyCft, facts('CLASSIFIED'), now)).toEqual({
      allowed: true,
      grant: 'VERIFIED_THIRD_PARTY',
      restricted: true,
    });
    expect(canReadPublication(readers.systemAdmin, facts('INTERNAL'), now)).toEqual({
      allowed: true,
      grant: 'SYSTEM_ADMIN',
      restricted: true,
    });
  });
});
