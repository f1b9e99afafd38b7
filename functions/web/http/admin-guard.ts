/**
 * The one guard of every admin page: court staff pages under /admin (the admin roles of shared/auth/principal.ts; the
 * host receives them under /court-admin, see court-admin-path.ts) and system admin pages under /system-admin
 * (SYSTEM_ADMIN). An anonymous visitor is sent to sign in and brought back to
 * the page (path and query) afterwards; a signed-in person without the role gets the 403 page, and the refusal is
 * audited (ADMIN_PAGE_ACCESS, DENIED: who, when, which page) and logged. A page's handler runs only for a person who
 * holds the role, and is given their principal.
 */
import { adminRoles, hasAnyRole, type Principal, type Role } from '../../../shared/auth/principal.js';
import { logEvent } from '../../../shared/logging/log-event.js';
import { forbiddenPage } from '../pages/forbidden/forbidden-page.js';
import type { PageMethod, PageRequest, PageResult, PageRoute } from '../router.js';
import type { WebDependencies } from '../web-dependencies.js';
import { courtAdminPath } from './court-admin-path.js';
import { safeReturnPath } from './return-path.js';

export type AdminArea = 'court-admin' | 'system-admin';

/** The public folder of each area's pages (routes are declared there; the web handler maps what the host received). */
export const areaPaths: Readonly<Record<AdminArea, string>> = {
  'court-admin': courtAdminPath,
  'system-admin': '/system-admin',
};

/** Who may open the pages of each area. */
export const areaRoles: Readonly<Record<AdminArea, readonly Role[]>> = {
  'court-admin': adminRoles,
  'system-admin': ['SYSTEM_ADMIN'],
};

/** The audit action of a refused admin page. */
export const adminPageAccessAction = 'ADMIN_PAGE_ACCESS';

export type AdminPageRequest = PageRequest & { principal: Principal };

/** Where an anonymous visitor is sent: the sign-in page, which brings them back to this page (GET) afterwards. */
export function signInRedirect(url: URL): PageResult {
  const back = safeReturnPath(`${url.pathname}${url.search}`);
  return {
    kind: 'redirect',
    location: back === null ? '/sign-in' : `/sign-in?${new URLSearchParams({ returnTo: back }).toString()}`,
  };
}

/** null when the person may open the page; otherwise what to answer instead. */
export async function guardAdminPage(
  deps: WebDependencies,
  request: PageRequest,
  area: AdminArea,
): Promise<PageResult | null> {
  const principal = request.principal;
  if (principal === null) return signInRedirect(request.url);
  if (hasAnyRole(principal, areaRoles[area])) return null;
  await deps.audit({
    action: adminPageAccessAction,
    outcome: 'DENIED',
    actor: principal,
    objectType: 'page',
    objectId: request.url.pathname,
    details: { method: request.method, area },
  });
  logEvent(request.logger, 'warn', 'WEB_ADMIN_PAGE_REFUSED', {
    path: request.url.pathname,
    area,
    userId: principal.userId,
  });
  return { kind: 'page', status: 403, ...forbiddenPage(request.language, 'permission') };
}

/** A route of an admin area: the guard first, then the page. */
export function adminRoute(
  area: AdminArea,
  path: string,
  methods: readonly PageMethod[],
  handle: (deps: WebDependencies, request: AdminPageRequest) => PageResult | Promise<PageResult>,
): PageRoute {
  const prefix = areaPaths[area];
  if (path !== prefix && !path.startsWith(`${prefix}/`)) throw new Error(`${path} is not under ${prefix}`);
  return {
    path,
    methods,
    async handle(deps, request) {
      const refused = await guardAdminPage(deps, request, area);
      if (refused !== null || request.principal === null) return refused ?? signInRedirect(request.url);
      return handle(deps, { ...request, principal: request.principal });
    },
  };
}
