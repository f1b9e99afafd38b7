/** Every page's routes, in one table (first match wins). */
import type { PageRoute } from '../router.js';
import { adminDashboardRoutes } from './admin-dashboards/admin-dashboards-page.js';
import { auditLogRoutes } from './audit-log/audit-log-page.js';
import { bulkMediaAccountsRoutes } from './bulk-media-accounts/bulk-media-accounts-page.js';
import { accessibilityStatementRoutes } from './accessibility-statement/accessibility-statement-page.js';
import { contactRoutes } from './contact/contact-page.js';
import { cookiesRoutes } from './cookies/cookies-page.js';
import { createMediaAccountRoutes } from './create-media-account/create-media-account-page.js';
import { courtScreenRoutes } from './court-screen/court-screen-page.js';
import { courtScreenSettingsRoutes } from './court-screen-settings/court-screen-settings-page.js';
import { courtPublicationsRoutes } from './court-publications/court-publications-page.js';
import { courtsRoutes } from './courts/courts-page.js';
import { glossaryRoutes } from './glossary/glossary-page.js';
import { helpRoutes } from './help/help-page.js';
import { homeRoutes } from './home/home-page.js';
import { listRoutes } from './list/list-page.js';
import { listDownloadRoutes } from './list-downloads/list-downloads-page.js';
import { listFileRoutes } from './list-file/list-file-page.js';
import { loginReturnRoutes } from './login-return/login-return-page.js';
import { manualUploadRoutes } from './manual-upload/manual-upload-page.js';
import { mediaAccountSetupRoutes } from './media-account-setup/media-account-setup-page.js';
import { mediaApplicationsRoutes } from './media-applications/media-applications-page.js';
import { privacyRoutes } from './privacy/privacy-page.js';
import { publicationsExplorerRoutes } from './publications-explorer/publications-explorer-page.js';
import { referenceDataRoutes } from './reference-data/reference-data-page.js';
import { removeListRoutes } from './remove-list/remove-list-page.js';
import { searchRoutes } from './search/search-page.js';
import { signInRoutes } from './sign-in/sign-in-page.js';
import { signOutRoutes } from './sign-out/sign-out-page.js';
import { signedOutRoutes } from './signed-out/signed-out-page.js';
import { subscriptionsRoutes } from './subscriptions/subscriptions-page.js';
import { addSubscriptionRoutes } from './subscriptions/add-subscription-page.js';
import { userManagementRoutes } from './user-management/user-management-page.js';
import { unsubscribeRoutes } from './unsubscribe/unsubscribe-page.js';
import { thirdPartiesRoutes } from './third-parties/third-parties-page.js';

export const pageRoutes: PageRoute[] = [
  ...homeRoutes,
  ...searchRoutes,
  ...courtsRoutes,
  ...courtPublicationsRoutes,
  ...listRoutes,
  ...glossaryRoutes,
  ...cookiesRoutes,
  ...privacyRoutes,
  ...accessibilityStatementRoutes,
  ...helpRoutes,
  ...contactRoutes,
  ...signInRoutes,
  ...loginReturnRoutes,
  ...signOutRoutes,
  ...signedOutRoutes,
  ...adminDashboardRoutes,
  ...auditLogRoutes,
  ...removeListRoutes,
  ...publicationsExplorerRoutes,
  ...manualUploadRoutes,
  ...subscriptionsRoutes,
  ...addSubscriptionRoutes,
  ...createMediaAccountRoutes,
  ...mediaAccountSetupRoutes,
  ...mediaApplicationsRoutes,
  ...bulkMediaAccountsRoutes,
  ...courtScreenRoutes,
  ...courtScreenSettingsRoutes,
  ...referenceDataRoutes,
  ...userManagementRoutes,
  ...listDownloadRoutes,
  ...listFileRoutes,
  ...unsubscribeRoutes,
  ...thirdPartiesRoutes,
];
