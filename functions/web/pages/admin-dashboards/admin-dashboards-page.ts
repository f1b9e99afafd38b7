/** The admin dashboards: /admin (court staff) and /system-admin (system admins) list the tasks the person's roles allow. */
import { hasAnyRole } from '../../../../shared/auth/principal.js';
import { adminRoute, type AdminArea, type AdminPageRequest } from '../../http/admin-guard.js';
import { courtAdminHref } from '../../http/court-admin-path.js';
import { localeStrings } from '../../i18n/locale-strings.js';
import type { PageResult, PageRoute } from '../../router.js';
import { adminTasks } from './admin-tasks.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

const strings = localeStrings(en, cy);

export function dashboardPage(area: AdminArea, request: AdminPageRequest): PageResult {
  const t = strings[request.language];
  const title = area === 'court-admin' ? t.adminTitle : t.systemAdminTitle;
  const tasks = adminTasks
    .filter((task) => task.dashboard === area && hasAnyRole(request.principal, task.roles))
    .map((task) => ({ href: task.href, ...t.tasks[task.key] }));
  return {
    kind: 'page',
    template: 'pages/admin-dashboards/admin-dashboard.njk',
    title,
    context: {
      t,
      heading: title,
      signedInAs: request.principal.email ?? request.principal.name ?? request.principal.userId,
      tasks,
    },
  };
}

export const adminDashboardRoutes: PageRoute[] = [
  adminRoute('court-admin', courtAdminHref(), ['GET'], (_deps, request) => dashboardPage('court-admin', request)),
  adminRoute('system-admin', '/system-admin', ['GET'], (_deps, request) => dashboardPage('system-admin', request)),
];
