/**
 * /system-admin/users: system admins find a person's account by email, see it (identity service, role and who set
 * it, created, last sign-in), change its role (a choice of the roles a system admin grants, then a check page) and
 * delete it (a confirmation page). The rules (at most 4 system admins, never the last one, roles only where we manage
 * them) and the audit records are shared/users/user-admin.ts's; a refusal is shown in the error summary.
 */
import type { Role } from '../../../../shared/auth/principal.js';
import { logEvent } from '../../../../shared/logging/log-event.js';
import { grantableRoles, isGrantableRole, rolesManagedHere } from '../../../../shared/users/user-admin.js';
import type { UserRecord } from '../../../../shared/users/user-store.js';
import { adminRoute, type AdminPageRequest } from '../../http/admin-guard.js';
import { formatDateTime, localeStrings } from '../../i18n/locale-strings.js';
import type { PageResult, PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);
type Strings = typeof en;

export const USERS_PATH = '/system-admin/users';

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function roleName(role: string, t: Strings): string {
  return role in t.roles ? t.roles[role as keyof Strings['roles']] : role;
}

const rolesText = (roles: readonly Role[], t: Strings) =>
  roles.length === 0 ? t.notGiven : roles.map((role) => roleName(role, t)).join(', ');

function provenanceName(user: UserRecord, t: Strings): string {
  return t.provenances[user.provenance];
}

const who = (user: UserRecord) => user.email ?? user.provenanceUserId;
const userHref = (user: { userId: string }) => `${USERS_PATH}/${user.userId}`;

function errorContext(errors: { field: string; text: string }[]) {
  return {
    errorList: errors.map((error) => ({ text: error.text, href: `#${error.field}` })),
    fieldErrors: Object.fromEntries(errors.map((error) => [error.field, error.text])),
  };
}

async function findPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const asked = request.url.searchParams.get('email');
  const email = asked?.trim() ?? '';
  const page = (status: number, errors: { field: string; text: string }[], rows: unknown[] = []): PageResult => ({
    kind: 'page',
    status,
    template: 'pages/user-management/find-user.njk',
    title: t.title,
    hasError: errors.length > 0,
    context: { t, email, rows, ...errorContext(errors) },
  });
  if (asked === null) return page(200, []);
  if (email === '') return page(400, [{ field: 'email', text: t.errors.emailMissing }]);
  if (!emailPattern.test(email)) return page(400, [{ field: 'email', text: t.errors.emailInvalid }]);
  const users = await deps.users.findByEmail(email);
  if (users.length === 0) return page(404, [{ field: 'email', text: t.errors.noUser }]);
  return page(
    200,
    [],
    users.map((user) => ({
      href: userHref(user),
      email: who(user),
      provenance: provenanceName(user, t),
      role: rolesText(user.roles, t),
      lastSignIn: formatDateTime(user.lastSignedInAt, request.language),
    })),
  );
}

async function userOf(deps: WebDependencies, request: AdminPageRequest): Promise<UserRecord | null> {
  return deps.users.find(request.params.userId ?? '');
}

async function userPage(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const user = await userOf(deps, request);
  if (user === null) return { kind: 'not-found' };
  const name = [user.forenames, user.surname].filter((part) => part !== null).join(' ');
  const rows: [string, string][] = [
    [t.details.email, user.email ?? t.notGiven],
    [t.details.name, name === '' ? t.notGiven : name],
    [t.details.provenance, provenanceName(user, t)],
    [t.details.provenanceUserId, user.provenanceUserId],
    [t.details.userId, user.userId],
    [t.details.role, rolesText(user.roles, t)],
    [
      t.details.roleSetBy,
      user.rolesAssignedAt === null
        ? t.roleFromIdentityService
        : fill(t.roleAssignedHere, { date: formatDateTime(user.rolesAssignedAt, request.language) }),
    ],
    [t.details.created, formatDateTime(user.createdAt, request.language)],
    [t.details.lastSignIn, formatDateTime(user.lastSignedInAt, request.language)],
  ];
  return {
    kind: 'page',
    template: 'pages/user-management/user.njk',
    title: t.userTitle,
    context: {
      t,
      heading: who(user),
      summary: rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
      roleHref: rolesManagedHere(user) ? `${userHref(user)}/role` : null,
      deleteHref: `${userHref(user)}/delete`,
      findHref:
        user.email === null ? USERS_PATH : `${USERS_PATH}?${new URLSearchParams({ email: user.email }).toString()}`,
    },
  };
}

function rolePage(
  request: AdminPageRequest,
  user: UserRecord,
  chosen: string,
  errors: { field: string; text: string }[],
  status = 200,
): PageResult {
  const t = strings[request.language];
  return {
    kind: 'page',
    status,
    template: 'pages/user-management/change-role.njk',
    title: t.roleTitle,
    hasError: errors.length > 0,
    context: {
      t,
      action: `${userHref(user)}/role`,
      backHref: userHref(user),
      legend: fill(t.roleLegend, { email: who(user) }),
      items: grantableRoles.map((role) => ({ value: role, text: roleName(role, t), checked: role === chosen })),
      ...errorContext(errors),
    },
  };
}

async function chooseRole(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const user = await userOf(deps, request);
  if (user === null || !rolesManagedHere(user)) return { kind: 'not-found' };
  return rolePage(request, user, user.roles[0] ?? '', []);
}

/** The role chosen: a check page before anything changes. */
async function checkRole(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const user = await userOf(deps, request);
  if (user === null || !rolesManagedHere(user)) return { kind: 'not-found' };
  const role = request.form.get('role') ?? '';
  if (!isGrantableRole(role)) return rolePage(request, user, '', [{ field: 'role', text: t.errors.roleMissing }], 400);
  if (user.roles.length === 1 && user.roles[0] === role) {
    return rolePage(request, user, role, [{ field: 'role', text: t.errors.roleUnchanged }], 400);
  }
  return {
    kind: 'page',
    template: 'pages/user-management/confirm-role.njk',
    title: t.confirmRoleTitle,
    context: {
      t,
      heading: fill(t.confirmRoleHeading, { email: who(user) }),
      action: `${userHref(user)}/role/confirm`,
      cancelHref: userHref(user),
      role,
      summary: [
        { key: { text: t.currentRole }, value: { text: rolesText(user.roles, t) } },
        { key: { text: t.newRole }, value: { text: roleName(role, t) } },
      ],
    },
  };
}

function donePage(request: AdminPageRequest, title: string, body: string, self: boolean): PageResult {
  const t = strings[request.language];
  return {
    kind: 'page',
    template: 'pages/user-management/done.njk',
    title,
    context: { t, title, body, self },
  };
}

async function applyRole(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const userId = request.params.userId ?? '';
  const role = request.form.get('role') ?? '';
  const change = await deps.users.changeRole(request.principal, userId, role);
  const log = { userId: request.principal.userId, targetUserId: userId, role };
  if (!change.ok) {
    logEvent(request.logger, 'warn', 'USER_ROLE_CHANGE_REFUSED', { ...log, reason: change.reason });
    if (change.user === null) return { kind: 'not-found' };
    const text =
      change.reason === 'LAST_SYSTEM_ADMIN'
        ? fill(t.errors.LAST_SYSTEM_ADMIN_ROLE, { email: who(change.user) })
        : t.errors[change.reason];
    return rolePage(request, change.user, role, [{ field: 'role', text }], 409);
  }
  logEvent(request.logger, 'info', 'USER_ROLE_CHANGED', { ...log, before: change.before, after: change.after });
  return donePage(
    request,
    t.roleChangedTitle,
    fill(t.roleChangedBody, { email: who(change.user), role: rolesText(change.after, t) }),
    change.user.userId === request.session?.userId,
  );
}

function deletePage(request: AdminPageRequest, user: UserRecord, error: string | null, status = 409): PageResult {
  const t = strings[request.language];
  return {
    kind: 'page',
    status: error === null ? 200 : status,
    template: 'pages/user-management/delete-user.njk',
    title: t.deleteTitle,
    hasError: error !== null,
    context: {
      t,
      heading: fill(t.deleteHeading, { email: who(user) }),
      action: `${userHref(user)}/delete`,
      cancelHref: userHref(user),
      summary: [
        { key: { text: t.details.provenance }, value: { text: provenanceName(user, t) } },
        { key: { text: t.details.role }, value: { text: rolesText(user.roles, t) } },
      ],
      ...errorContext(error === null ? [] : [{ field: 'delete-user', text: error }]),
    },
  };
}

async function confirmDelete(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const user = await userOf(deps, request);
  return user === null ? { kind: 'not-found' } : deletePage(request, user, null);
}

async function deleteUser(deps: WebDependencies, request: AdminPageRequest): Promise<PageResult> {
  const t = strings[request.language];
  const userId = request.params.userId ?? '';
  const deletion = await deps.users.deleteUser(request.principal, userId);
  const log = { userId: request.principal.userId, targetUserId: userId };
  if (!deletion.ok) {
    logEvent(request.logger, 'warn', 'USER_DELETE_REFUSED', { ...log, reason: deletion.reason });
    if (deletion.user === null) return { kind: 'not-found' };
    if (deletion.reason === 'DIRECTORY_FAILED') {
      logEvent(request.logger, 'error', 'USER_DIRECTORY_DELETE_FAILED', { ...log, message: deletion.message });
      return deletePage(request, deletion.user, t.errors.DIRECTORY_FAILED, 503);
    }
    return deletePage(request, deletion.user, fill(t.errors.LAST_SYSTEM_ADMIN_DELETE, { email: who(deletion.user) }));
  }
  logEvent(request.logger, 'info', 'USER_DELETED', {
    ...log,
    subscriptionsDeleted: deletion.subscriptionsDeleted,
    sessionsEnded: deletion.sessionsEnded,
  });
  return donePage(
    request,
    t.userDeletedTitle,
    fill(t.userDeletedBody, { email: who(deletion.user), count: deletion.subscriptionsDeleted }),
    deletion.user.userId === request.session?.userId,
  );
}

export const userManagementRoutes: PageRoute[] = [
  adminRoute('system-admin', USERS_PATH, ['GET'], findPage),
  adminRoute('system-admin', `${USERS_PATH}/:userId`, ['GET'], userPage),
  adminRoute('system-admin', `${USERS_PATH}/:userId/role`, ['GET'], chooseRole),
  adminRoute('system-admin', `${USERS_PATH}/:userId/role`, ['POST'], checkRole),
  adminRoute('system-admin', `${USERS_PATH}/:userId/role/confirm`, ['POST'], applyRole),
  adminRoute('system-admin', `${USERS_PATH}/:userId/delete`, ['GET'], confirmDelete),
  adminRoute('system-admin', `${USERS_PATH}/:userId/delete`, ['POST'], deleteUser),
];
