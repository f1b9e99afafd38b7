/**
 * What each admin dashboard lists: one line per task whose page exists, with the roles that may do it (the page's
 * own guard, functions/web/http/admin-guard.ts, checks the same). A new journey adds its line here and its title and
 * description to en.json and cy.json.
 */
import { adminRoles, type Role } from '../../../../shared/auth/principal.js';
import type { AdminArea } from '../../http/admin-guard.js';
import { courtAdminHref } from '../../http/court-admin-path.js';
import type en from './en.json';

export interface AdminTask {
  key: keyof typeof en.tasks;
  href: string;
  /** The dashboard it is listed on. */
  dashboard: AdminArea;
  /** Any one of these is enough. */
  roles: readonly Role[];
}

export const adminTasks: readonly AdminTask[] = [
  { key: 'systemAdmin', href: '/system-admin', dashboard: 'court-admin', roles: ['SYSTEM_ADMIN'] },
  { key: 'auditLog', href: '/system-admin/audit', dashboard: 'system-admin', roles: ['SYSTEM_ADMIN'] },
  { key: 'removeList', href: courtAdminHref('/remove-list'), dashboard: 'court-admin', roles: adminRoles },
  { key: 'publications', href: '/system-admin/publications', dashboard: 'system-admin', roles: ['SYSTEM_ADMIN'] },
  { key: 'manualUpload', href: courtAdminHref('/manual-upload'), dashboard: 'court-admin', roles: adminRoles },
  {
    key: 'mediaApplications',
    href: courtAdminHref('/media-applications'),
    dashboard: 'court-admin',
    roles: ['INTERNAL_SUPER_ADMIN_CTSC', 'INTERNAL_ADMIN_CTSC', 'SYSTEM_ADMIN'],
  },
  {
    key: 'bulkMediaAccounts',
    href: '/system-admin/bulk-media-accounts',
    dashboard: 'system-admin',
    roles: ['SYSTEM_ADMIN'],
  },
  { key: 'courtScreens', href: '/system-admin/court-screens', dashboard: 'system-admin', roles: ['SYSTEM_ADMIN'] },
  { key: 'referenceData', href: '/system-admin/reference-data', dashboard: 'system-admin', roles: ['SYSTEM_ADMIN'] },
  { key: 'users', href: '/system-admin/users', dashboard: 'system-admin', roles: ['SYSTEM_ADMIN'] },
  { key: 'thirdParties', href: '/system-admin/third-parties', dashboard: 'system-admin', roles: ['SYSTEM_ADMIN'] },
];
