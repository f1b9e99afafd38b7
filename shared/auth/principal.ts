/** Who is calling: the normalised principal every API function and page works with, whatever the issuer. */

/** Where a caller's identity comes from (the live service's user provenances). */
export const userProvenances = ['PI_AAD', 'CFT_IDAM', 'CRIME_IDAM', 'THIRD_PARTY', 'SYSTEM'] as const;
export type UserProvenance = (typeof userProvenances)[number];

export const roles = [
  'VERIFIED',
  'INTERNAL_ADMIN_CTSC',
  'INTERNAL_ADMIN_LOCAL',
  'INTERNAL_SUPER_ADMIN_CTSC',
  'INTERNAL_SUPER_ADMIN_LOCAL',
  'SYSTEM_ADMIN',
  /** Service callers allowed to publish (HMI, List Assist, Common Platform). */
  'PUBLISHER',
  'VERIFIED_THIRD_PARTY_ALL',
  'VERIFIED_THIRD_PARTY_PRESS',
  'VERIFIED_THIRD_PARTY_CRIME',
  'VERIFIED_THIRD_PARTY_CFT',
  'GENERAL_THIRD_PARTY',
] as const;
export type Role = (typeof roles)[number];

export interface Principal {
  userId: string;
  provenance: UserProvenance;
  roles: Role[];
  email: string | null;
  name: string | null;
}

export const adminRoles: readonly Role[] = [
  'INTERNAL_ADMIN_CTSC',
  'INTERNAL_ADMIN_LOCAL',
  'INTERNAL_SUPER_ADMIN_CTSC',
  'INTERNAL_SUPER_ADMIN_LOCAL',
  'SYSTEM_ADMIN',
];

export function hasAnyRole(principal: Principal | null, wanted: readonly Role[]): boolean {
  return principal !== null && principal.roles.some((role) => wanted.includes(role));
}
