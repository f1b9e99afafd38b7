import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CFT_PROFESSIONAL_ROLES,
  effectiveRoles,
  isCftProfessional,
  roleRulesFrom,
  rolesFromToken,
  tokenRoleAllowList,
} from './role-sources.js';
import { principalFromClaims } from './token-verifier.js';

const everyRole = [
  'VERIFIED',
  'PUBLISHER',
  'SYSTEM_ADMIN',
  'INTERNAL_ADMIN_CTSC',
  'INTERNAL_SUPER_ADMIN_LOCAL',
  'VERIFIED_THIRD_PARTY_PRESS',
  'GENERAL_THIRD_PARTY',
];

describe('each issuer grants only the roles of its allow-list', () => {
  it('a B2C token grants VERIFIED only, from its role attribute (no publisher, third-party or admin role)', () => {
    expect(rolesFromToken('b2c', { sub: 'x', extension_UserRole: everyRole.join(',') })).toEqual(['VERIFIED']);
    expect(rolesFromToken('b2c', { sub: 'x', extension_UserRole: 'VERIFIED' })).toEqual(['VERIFIED']);
    expect(principalFromClaims('b2c', { sub: 'x', extension_UserRole: 'SYSTEM_ADMIN' })?.roles).toEqual([]);
  });

  it("a B2C token's `roles` claim gains nothing: B2C never sends one (issue 19)", () => {
    expect(rolesFromToken('b2c', { sub: 'x', roles: everyRole })).toEqual([]);
    expect(principalFromClaims('b2c', { sub: 'x', roles: ['VERIFIED'] })?.roles).toEqual([]);
  });

  it('B2C: the account status attribute, where sent, must say ACTIVE; the attribute names come from settings', () => {
    expect(
      rolesFromToken('b2c', { sub: 'x', extension_UserRole: 'VERIFIED', extension_AccountStatus: 'Active' }),
    ).toEqual(['VERIFIED']);
    expect(
      rolesFromToken('b2c', { sub: 'x', extension_UserRole: 'VERIFIED', extension_AccountStatus: 'LOCKED' }),
    ).toEqual([]);
    const rules = roleRulesFrom({ B2C_ROLE_CLAIM: 'extension_PipRole', B2C_ACCOUNT_STATUS_CLAIM: 'extension_State' });
    expect(rolesFromToken('b2c', { sub: 'x', extension_PipRole: 'VERIFIED' }, rules)).toEqual(['VERIFIED']);
    expect(rolesFromToken('b2c', { sub: 'x', extension_UserRole: 'VERIFIED' }, rules)).toEqual([]);
    expect(
      rolesFromToken('b2c', { sub: 'x', extension_PipRole: 'VERIFIED', extension_State: 'SUSPENDED' }, rules),
    ).toEqual([]);
  });

  it('an Azure AD app-only token grants the service roles, never an admin role or VERIFIED', () => {
    expect(rolesFromToken('aad', { sub: 'x', idtyp: 'app', roles: everyRole })).toEqual([
      'PUBLISHER',
      'VERIFIED_THIRD_PARTY_PRESS',
      'GENERAL_THIRD_PARTY',
    ]);
    expect(rolesFromToken('aad', { sub: 'x', roles: ['PUBLISHER'] })).toEqual(['PUBLISHER']);
  });

  it('an Azure AD delegated (user) token grants nothing, whatever roles it claims', () => {
    expect(rolesFromToken('aad', { sub: 'x', scp: 'api.access', roles: ['PUBLISHER'] })).toEqual([]);
    expect(rolesFromToken('aad', { sub: 'x', idtyp: 'user', roles: ['PUBLISHER'] })).toEqual([]);
    expect(principalFromClaims('aad', { sub: 'x', scp: 'api.access', roles: ['PUBLISHER'] })).toMatchObject({
      roles: [],
      provenance: 'THIRD_PARTY',
    });
  });

  it('CFT IDAM and Crime IDAM grant VERIFIED at most, whatever roles are claimed', () => {
    expect(rolesFromToken('cftIdam', { sub: 'x', roles: ['caseworker', 'SYSTEM_ADMIN', 'PUBLISHER'] })).toEqual([
      'VERIFIED',
    ]);
    expect(rolesFromToken('crimeIdam', { sub: 'x', roles: ['SYSTEM_ADMIN'] })).toEqual(['VERIFIED']);
    for (const kind of ['b2c', 'cftIdam', 'crimeIdam'] as const) expect(tokenRoleAllowList[kind]).toEqual(['VERIFIED']);
  });
});

describe('CFT IDAM professionals: an allow-list, a citizen role refusing whatever else', () => {
  it.each([
    [['caseworker'], true],
    [['caseworker-probate', 'caseworker-probate-solicitor'], true],
    [['pui-case-manager'], true],
    [['judiciary'], true],
    [['citizen'], false],
    [['citizen-loa1'], false],
    [['letter-holder'], false],
    [['caseworker', 'citizen'], false],
    [['payments'], false],
    [['CASEWORKER-PROBATE'], true],
    [[], false],
    // CFT's own categories (hmcts/ccd-data-store-api RoleAssignmentCategoryService): PROFESSIONAL and JUDICIAL.
    [['probate-solicitor'], true],
    [['caseworker-publiclaw-localAuthority'], true],
    [['sscs-panelmember'], true],
    [['pui-organisation-manager'], true],
    // Stricter than the live service, which admits every role but a citizen's (its own test admits this one).
    [['IDAM_ADMIN_USER'], false],
    [['letter-0a1b2c3d'], false],
  ])('%j → professional %s', (roles, professional) => {
    expect(isCftProfessional(roles, DEFAULT_CFT_PROFESSIONAL_ROLES)).toBe(professional);
  });

  it('* stands for one or more characters, anywhere; exact names match only themselves; nothing else is a pattern', () => {
    expect(isCftProfessional(['caseworkerx'], ['caseworker'])).toBe(false);
    expect(isCftProfessional(['caseworker-x'], ['caseworker-*'])).toBe(true);
    expect(isCftProfessional(['caseworker-'], ['caseworker-*'])).toBe(false);
    expect(isCftProfessional(['divorce-solicitor'], ['*-solicitor'])).toBe(true);
    expect(isCftProfessional(['-solicitor'], ['*-solicitor'])).toBe(false);
    expect(isCftProfessional(['caseworker-ia-localauthority'], ['caseworker-*-localAuthority'])).toBe(true);
    expect(isCftProfessional(['axb'], ['a.b'])).toBe(false);
  });
});

describe('roles held here win once assigned; otherwise the token’s, without any admin role', () => {
  it('uses the stored roles when a system admin assigned them', () => {
    expect(effectiveRoles(['VERIFIED'], { roles: ['SYSTEM_ADMIN'], rolesAssignedAt: new Date() })).toEqual([
      'SYSTEM_ADMIN',
    ]);
  });
  it('ignores stored roles never assigned here, and drops any admin role', () => {
    expect(effectiveRoles(['VERIFIED', 'SYSTEM_ADMIN'], { roles: ['SYSTEM_ADMIN'], rolesAssignedAt: null })).toEqual([
      'VERIFIED',
    ]);
    expect(effectiveRoles([], null)).toEqual([]);
  });
});
