/**
 * Who may read a publication: the one access rule the read API and the pages both use (issue 5, "Access rules").
 *
 * - PUBLIC: anyone, signed in or not.
 * - PRIVATE: any verified user (VERIFIED or an admin role) or verified third party (VERIFIED_THIRD_PARTY_*).
 * - CLASSIFIED: a verified user whose provenance the list type allows (`classifiedReadableBy`), or a third party
 *   whose role covers the list: _ALL every list, _PRESS the lists PI_AAD users may read, _CRIME the CRIME_IDAM
 *   lists, _CFT the CFT_IDAM lists.
 * - INTERNAL: system administrators only.
 *
 * GENERAL_THIRD_PARTY and publishers read PUBLIC lists only. Outside its display window a publication is readable by
 * admin roles alone (to check an upload before it shows, or one that has just ended).
 */
import { adminRoles, hasAnyRole, type Principal, type Role, type UserProvenance } from '../../auth/principal.js';
import { findListType } from '../catalogue/list-types.js';
import type { Publication } from '../publication.js';

/** What the rule looks at: a Publication is one. */
export type PublicationAccessFacts = Pick<Publication, 'sensitivity' | 'listType' | 'displayFrom' | 'displayTo'>;

/** Why a reader was let in; `restricted` reads (anything but PUBLIC) are audited. */
export type ReadGrant = 'PUBLIC' | 'VERIFIED_USER' | 'VERIFIED_THIRD_PARTY' | 'SYSTEM_ADMIN';

export type ReadDecision =
  | { allowed: true; grant: ReadGrant; restricted: boolean }
  | { allowed: false; reason: 'SENSITIVITY' | 'OUTSIDE_DISPLAY_WINDOW' };

const verifiedUserRoles: readonly Role[] = ['VERIFIED', ...adminRoles];
const verifiedThirdPartyRoles: readonly Role[] = [
  'VERIFIED_THIRD_PARTY_ALL',
  'VERIFIED_THIRD_PARTY_PRESS',
  'VERIFIED_THIRD_PARTY_CRIME',
  'VERIFIED_THIRD_PARTY_CFT',
];

/** The user provenance each third-party role reads CLASSIFIED lists as (_ALL reads every list). */
const thirdPartyClassifiedProvenance: Readonly<Partial<Record<Role, UserProvenance>>> = {
  VERIFIED_THIRD_PARTY_PRESS: 'PI_AAD',
  VERIFIED_THIRD_PARTY_CRIME: 'CRIME_IDAM',
  VERIFIED_THIRD_PARTY_CFT: 'CFT_IDAM',
};

function classifiedReadableBy(listType: string | null): readonly UserProvenance[] {
  if (listType === null) return [];
  const lookup = findListType(listType);
  // A deprecated list type still names who may read what was published under it.
  return lookup.kind === 'unknown' ? [] : lookup.listType.classifiedReadableBy;
}

function sensitivityGrant(principal: Principal | null, facts: PublicationAccessFacts): ReadGrant | null {
  if (facts.sensitivity === 'PUBLIC') return 'PUBLIC';
  if (principal === null) return null;
  const verifiedUser = hasAnyRole(principal, verifiedUserRoles);
  const verifiedThirdParty = hasAnyRole(principal, verifiedThirdPartyRoles);
  switch (facts.sensitivity) {
    case 'PRIVATE':
      if (verifiedUser) return 'VERIFIED_USER';
      return verifiedThirdParty ? 'VERIFIED_THIRD_PARTY' : null;
    case 'CLASSIFIED': {
      const allowed = classifiedReadableBy(facts.listType);
      if (verifiedUser && allowed.includes(principal.provenance)) return 'VERIFIED_USER';
      if (hasAnyRole(principal, ['VERIFIED_THIRD_PARTY_ALL'])) return 'VERIFIED_THIRD_PARTY';
      const asProvenance = principal.roles.map((role) => thirdPartyClassifiedProvenance[role]);
      return asProvenance.some((provenance) => provenance !== undefined && allowed.includes(provenance))
        ? 'VERIFIED_THIRD_PARTY'
        : null;
    }
    case 'INTERNAL':
      return hasAnyRole(principal, ['SYSTEM_ADMIN']) ? 'SYSTEM_ADMIN' : null;
  }
}

export function isInDisplayWindow(
  facts: Pick<PublicationAccessFacts, 'displayFrom' | 'displayTo'>,
  now: Date,
): boolean {
  const t = now.getTime();
  return t >= facts.displayFrom.getTime() && (facts.displayTo === null || t <= facts.displayTo.getTime());
}

export function canReadPublication(
  principal: Principal | null,
  facts: PublicationAccessFacts,
  now: Date,
): ReadDecision {
  const grant = sensitivityGrant(principal, facts);
  if (grant === null) return { allowed: false, reason: 'SENSITIVITY' };
  if (!isInDisplayWindow(facts, now) && !hasAnyRole(principal, adminRoles))
    return { allowed: false, reason: 'OUTSIDE_DISPLAY_WINDOW' };
  return { allowed: true, grant, restricted: facts.sensitivity !== 'PUBLIC' };
}
