/**
 * Where each role comes from (issue 18, finding 1): the one place that says which roles each issuer's token may
 * grant, how they are read from its claims, and which roles are held in our database and granted only there.
 *
 * - Azure AD (`aad`): the service roles (PUBLISHER and the third-party roles), and only from an app-only token (a
 *   client-credentials token: no `scp` claim, and `idtyp` absent or `app`). A delegated (user) token gains nothing.
 * - Azure B2C (`b2c`): VERIFIED only, read from the user-flow extension attribute named in settings
 *   (B2C_ROLE_CLAIM, `extension_UserRole` by default; seed 3.3.2.2 "User Role"), and only while the account-status
 *   attribute (B2C_ACCOUNT_STATUS_CLAIM, `extension_AccountStatus`), where sent, says the account is active. B2C never
 *   sends a `roles` claim: one in a B2C token is ignored (issue 19). Admin roles in a B2C token are ignored too: they
 *   are held in pip_user and granted at /system-admin/users (shared/users/user-admin.ts).
 * - CFT IDAM (`cftIdam`): VERIFIED when the person holds a professional role of the allow-list in settings
 *   (CFT_IDAM_PROFESSIONAL_ROLES) and no citizen role (finding 2). At sign-in the roles are UserInfo's (seed 3.3.4.1
 *   step 3, shared/auth/oidc-sign-in.ts); on a bearer token, the token's `roles`.
 * - Crime IDAM (`crimeIdam`): VERIFIED (the service admits only court users there); it sends no roles.
 */
import type { JWTPayload } from 'jose';
import { adminRoles, roles as knownRoles, type Role } from './principal.js';
import { B2C_ACCOUNT_STATUS, B2C_USER_ROLE } from './b2c-attributes.js';

export type IssuerKind = 'aad' | 'b2c' | 'cftIdam' | 'crimeIdam';

/** Roles a service caller (an Azure AD application) may hold. */
export const serviceRoles: readonly Role[] = [
  'PUBLISHER',
  'VERIFIED_THIRD_PARTY_ALL',
  'VERIFIED_THIRD_PARTY_PRESS',
  'VERIFIED_THIRD_PARTY_CRIME',
  'VERIFIED_THIRD_PARTY_CFT',
  'GENERAL_THIRD_PARTY',
];

/** The roles each issuer's token may grant; anything else it claims is ignored. */
export const tokenRoleAllowList: Readonly<Record<IssuerKind, readonly Role[]>> = {
  aad: serviceRoles,
  b2c: ['VERIFIED'],
  cftIdam: ['VERIFIED'],
  crimeIdam: ['VERIFIED'],
};

/** Roles held in our database (pip_user, granted at /system-admin/users) and never taken from a token. */
export const databaseHeldRoles: readonly Role[] = adminRoles;

/**
 * The CFT IDAM roles that admit a person, when CFT_IDAM_PROFESSIONAL_ROLES is not set (patterns: `*` stands for one
 * or more characters; matched ignoring case).
 *
 * Checked against the public HMCTS code (issue 18, finding 2). The live service has no allow-list: hmcts/pip-frontend
 * `src/main/authentication/cftIdamAuthentication.ts` refuses an account holding a role matching
 * `^citizen(-.*)?$|^letter-holder$` and admits every other (its own test admits `IDAM_ADMIN_USER`); the newer
 * HMCTS CaTH service (`libs/auth` role-service `isRejectedCFTRole`) does the same and even admits an account with no
 * role. That citizen pattern is CFT's own, from hmcts/ccd-data-store-api `RoleAssignmentCategoryService`, which sorts
 * IDAM roles into categories: PROFESSIONAL `.+-solicitor$|^caseworker-.+-localAuthority$`, CITIZEN (the pattern
 * above), JUDICIAL `.+-panelmember$`, and STAFF for every other role. The people the live service admits are
 * therefore CFT's professional, judicial and staff users; an allow-list names them by those categories' patterns
 * and the role families CFT's staff and MyHMCTS users hold:
 * - `*-solicitor`, `caseworker-*-localAuthority`: CFT's PROFESSIONAL category;
 * - `*-panelmember`: CFT's JUDICIAL category;
 * - `caseworker`, `caseworker-*`: court and tribunal staff and judges as CCD users (every CCD user holds `caseworker`);
 * - `pui-*`: MyHMCTS professional users (`pui-case-manager`, `pui-organisation-manager`, ...);
 * - `judiciary`: judicial office holders' IDAM role.
 * Where we are stricter than the live service, on purpose: no role of the list (e.g. `payments` alone, or no role at
 * all) refuses, and `letter-<id>` roles count as letter-holders. A deployment widens the list with the setting.
 */
export const DEFAULT_CFT_PROFESSIONAL_ROLES: readonly string[] = [
  '*-solicitor',
  'caseworker-*-localAuthority',
  '*-panelmember',
  'caseworker',
  'caseworker-*',
  'pui-*',
  'judiciary',
];

/**
 * Roles of members of the public at CFT IDAM: holding one refuses sign-in whatever else is held. The live service's
 * (and CCD's CITIZEN category's) `^citizen(-.*)?$|^letter-holder$`, and `letter-<id>` as well.
 */
const cftCitizenRole = /^(citizen(-.*)?|letter-holder|letter-[0-9a-f-]+)$/i;

/** B2C's custom attributes as user flows return them in tokens: `extension_` and the attribute's name. */
export const DEFAULT_B2C_ROLE_CLAIM = B2C_USER_ROLE;
export const DEFAULT_B2C_ACCOUNT_STATUS_CLAIM = B2C_ACCOUNT_STATUS;
/** The account-status value that lets a B2C person in (compared without regard to case). */
export const B2C_ACTIVE_STATUS = 'ACTIVE';

export interface RoleRules {
  /** CFT IDAM professional roles (names; `*` stands for one or more characters). */
  cftProfessionalRoles: readonly string[];
  /** The B2C claim holding the P&I role (B2C_ROLE_CLAIM). */
  b2cRoleClaim?: string;
  /** The B2C claim holding the account status (B2C_ACCOUNT_STATUS_CLAIM); absent from a token, the account is active. */
  b2cAccountStatusClaim?: string;
}

export const defaultRoleRules: RoleRules = {
  cftProfessionalRoles: DEFAULT_CFT_PROFESSIONAL_ROLES,
  b2cRoleClaim: DEFAULT_B2C_ROLE_CLAIM,
  b2cAccountStatusClaim: DEFAULT_B2C_ACCOUNT_STATUS_CLAIM,
};

/** How roles are read, from the identity settings (CFT_IDAM_PROFESSIONAL_ROLES, B2C_ROLE_CLAIM, B2C_ACCOUNT_STATUS_CLAIM). */
export function roleRulesFrom(settings: {
  CFT_IDAM_PROFESSIONAL_ROLES?: readonly string[] | undefined;
  B2C_ROLE_CLAIM?: string | undefined;
  B2C_ACCOUNT_STATUS_CLAIM?: string | undefined;
}): RoleRules {
  return {
    cftProfessionalRoles: settings.CFT_IDAM_PROFESSIONAL_ROLES ?? DEFAULT_CFT_PROFESSIONAL_ROLES,
    b2cRoleClaim: settings.B2C_ROLE_CLAIM ?? DEFAULT_B2C_ROLE_CLAIM,
    b2cAccountStatusClaim: settings.B2C_ACCOUNT_STATUS_CLAIM ?? DEFAULT_B2C_ACCOUNT_STATUS_CLAIM,
  };
}

/** A role pattern as a regular expression: `*` is one or more characters, everything else itself, ignoring case. */
function rolePattern(pattern: string): RegExp {
  const parts = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 'i');
}

function matchesRole(pattern: string, role: string): boolean {
  return rolePattern(pattern).test(role);
}

/** Whether a CFT IDAM account is a professional's: a role of the allow-list, and no citizen role. */
export function isCftProfessional(claimed: readonly string[], professionalRoles: readonly string[]): boolean {
  if (claimed.some((role) => cftCitizenRole.test(role))) return false;
  return claimed.some((role) => professionalRoles.some((pattern) => matchesRole(pattern, role)));
}

/** An Azure AD client-credentials token: no delegated scopes (`scp`), and `idtyp` (where sent) says `app`. */
export function isAppOnlyToken(payload: JWTPayload): boolean {
  return payload.scp === undefined && (payload.idtyp === undefined || payload.idtyp === 'app');
}

/** Whether a B2C account's status attribute (where the token carries it) lets the person in. */
export function isB2cAccountActive(payload: JWTPayload, rules: RoleRules = defaultRoleRules): boolean {
  const status: unknown = payload[rules.b2cAccountStatusClaim ?? DEFAULT_B2C_ACCOUNT_STATUS_CLAIM];
  if (status === undefined) return true;
  return typeof status === 'string' && status.trim().toUpperCase() === B2C_ACTIVE_STATUS;
}

/** The role names a token's claims state, as the issuer sends them (B2C: its role attribute, never `roles`). */
export function claimedRoles(kind: IssuerKind, payload: JWTPayload, rules: RoleRules = defaultRoleRules): string[] {
  if (kind === 'crimeIdam') return [];
  if (kind === 'b2c') {
    // A user-flow attribute holds one role (a string); a comma-separated list is read as several.
    const attribute: unknown = payload[rules.b2cRoleClaim ?? DEFAULT_B2C_ROLE_CLAIM];
    return typeof attribute === 'string'
      ? attribute
          .split(',')
          .map((role) => role.trim())
          .filter((role) => role !== '')
      : [];
  }
  const claim: unknown = payload.roles;
  return Array.isArray(claim) ? claim.filter((role): role is string => typeof role === 'string') : [];
}

function allowedFor(kind: IssuerKind, wanted: readonly string[]): Role[] {
  const allowed = tokenRoleAllowList[kind];
  return [
    ...new Set(
      wanted.filter(
        (role): role is Role => (knownRoles as readonly string[]).includes(role) && allowed.includes(role as Role),
      ),
    ),
  ];
}

/** The roles a verified token grants: what its issuer may grant, read from its claims by the issuer's rule. */
export function rolesFromToken(kind: IssuerKind, payload: JWTPayload, rules: RoleRules = defaultRoleRules): Role[] {
  switch (kind) {
    case 'aad':
      return isAppOnlyToken(payload) ? allowedFor(kind, claimedRoles(kind, payload)) : [];
    case 'b2c':
      return isB2cAccountActive(payload, rules) ? allowedFor(kind, claimedRoles(kind, payload, rules)) : [];
    case 'cftIdam':
      return isCftProfessional(claimedRoles(kind, payload), rules.cftProfessionalRoles)
        ? allowedFor(kind, ['VERIFIED'])
        : [];
    case 'crimeIdam':
      return allowedFor(kind, ['VERIFIED']);
  }
}

/**
 * The roles that apply to a person: the ones a system admin assigned here once they have (rolesAssignedAt set),
 * otherwise the token's (which never include a database-held role).
 */
export function effectiveRoles(
  tokenRoles: readonly Role[],
  stored: { roles: readonly Role[]; rolesAssignedAt: Date | null } | null,
): Role[] {
  if (stored?.rolesAssignedAt != null) return [...stored.roles];
  return tokenRoles.filter((role) => !databaseHeldRoles.includes(role));
}
