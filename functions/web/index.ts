import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import { storeAcceptedPublication } from '../../shared/publications/intake/store-accepted-publication.js';
import { blobUploadDrafts } from '../../shared/publications/intake/upload-drafts.js';
import { MANUAL_UPLOAD_PROVENANCE } from '../../shared/publications/intake/publication-headers.js';
import { provenanceCourtIdFor } from '../../shared/reference-data/provenance-lookup.js';
import { createOidcSignInFromSettings } from '../../shared/auth/oidc-sign-in.js';
import { createSessionStore } from '../../shared/auth/session-store.js';
import {
  loadSettings,
  mediaAccountSettingsSchema,
  userDirectorySettingsSchema,
  webSignInSettingsSchema,
} from '../../shared/config/settings.js';
import { userDirectoryFromSettings } from '../../shared/media-accounts/directory-from-settings.js';
import type { UserDirectory } from '../../shared/media-accounts/media-account-directory.js';
import { createMediaAccountMailer } from '../../shared/media-accounts/media-account-mailer.js';
import { createMediaAccounts } from '../../shared/media-accounts/media-accounts.js';
import { screenLinkSettingsSchema } from '../../shared/publications/access/screen-links.js';
import { inspectUnsubscribeLink, unsubscribeByLink } from '../../shared/subscriptions/unsubscribe.js';
import { unsubscribeLinkSettingsSchema } from '../../shared/subscriptions/unsubscribe-links.js';
import { containers } from '../../shared/storage/names.js';
import { identitySettings } from '../http-kit/verifier.js';
import { siteBaseUrl } from '../../shared/config/site-url.js';
import { anonymousAudit, coreDependencies, coreSettings, glossaryStore, now, pushAnnouncer } from '../dependencies.js';
import { databaseAuditLog } from './data/audit-log-reader.js';
import { databaseCourtDirectory } from './data/court-directory.js';
import { databaseCourtScreens } from './data/court-screens.js';
import { databasePublicationStore } from './data/publication-store.js';
import { databaseThirdPartyAdmin } from './data/third-party-admin.js';
import { createPushClient } from '../../shared/third-parties/push-client.js';
import { settingsPushSecrets } from '../../shared/third-parties/push-secrets.js';
import { databaseSubscriptionBook } from './data/subscription-book.js';
import { databaseReferenceDataAdmin } from './data/reference-data-admin.js';
import { databaseUserAdmin } from './data/user-admin.js';
import { sharedReadAccess } from './data/read-access.js';
import { listPageView } from './lists/render-list.js';
import { listRenditions } from '../../shared/publications/renditions/list-renditions.js';
import { registerWeb } from './registration.js';
import { createTemplateEnvironment } from './rendering/nunjucks-environment.js';

coreSettings();
identitySettings();
const webSettings = loadSettings(webSignInSettingsSchema, process.env);
const mediaSettings = loadSettings(mediaAccountSettingsSchema, process.env);
/** Where B2C accounts are made and deleted: the local identity provider locally, Azure B2C through Graph in Azure. */
const directorySettings = loadSettings(userDirectorySettingsSchema, process.env);
let directory: UserDirectory | undefined;
/** Checked at load, as the live case feed does: the screen page verifies links with the same keys. */
const { SCREEN_LINK_KEYS: screenLinkKeys } = loadSettings(screenLinkSettingsSchema, process.env);
/** The unsubscribe page verifies the links the digest sender signs (functions/daily-subscriptions). */
const { UNSUBSCRIBE_LINK_KEYS: unsubscribeLinkKeys } = loadSettings(unsubscribeLinkSettingsSchema, process.env);

/** "Test connection" on /system-admin/third-parties: push secrets are settings named by each registration. */
const pushClient = createPushClient({ secrets: settingsPushSecrets(process.env) });

/** Where the sign-in and sign-out forms' redirects lead (the people issuers' origins, for the CSP). */
function identityOrigins(): string[] {
  const settings = identitySettings();
  return [
    ...new Set(
      // B2C's user flows may live under another authority than its issuer (B2C_AUTHORITY).
      [
        settings.B2C_ISSUER,
        settings.CFT_IDAM_ISSUER,
        settings.CRIME_IDAM_ISSUER,
        ...(settings.B2C_AUTHORITY === undefined ? [] : [settings.B2C_AUTHORITY]),
      ].map((issuer) => new URL(issuer).origin),
    ),
  ];
}

registerWeb(() => {
  const { database, storage } = coreDependencies();
  const publications = storage.blobService.getContainerClient(containers.publications);
  const sessions = createSessionStore({ database });
  directory ??= userDirectoryFromSettings(directorySettings);
  const oidc = createOidcSignInFromSettings(
    { ...identitySettings(), ...webSettings },
    { database, sessions, anonymousAudit: anonymousAudit() },
  );
  return {
    templates: createTemplateEnvironment(),
    deps: {
      courts: databaseCourtDirectory(database, { cacheMs: 60_000 }),
      publications: databasePublicationStore(database, publications, pushAnnouncer()),
      glossary: glossaryStore(),
      canRead: sharedReadAccess,
      listPageView,
      signIn: {
        oidc,
        sessions,
        pendingSecret: webSettings.SESSION_SECRET,
        formActionOrigins: identityOrigins(),
        // Never the request's Host header: the configured address, or the one Azure gives the app.
        publicSiteUrl: webSettings.PUBLIC_SITE_URL ?? siteBaseUrl(process.env),
      },
      // What anonymous visitors cause (a refused read, say) is aggregated: anyone can cause it as fast as they like.
      audit: (event) => (event.actor === null ? anonymousAudit().record(event) : recordAuditEvent(database, event)),
      auditLog: databaseAuditLog(database),
      manualUpload: {
        drafts: blobUploadDrafts(storage.blobService.getContainerClient(containers.uploadDrafts)),
        courtIdFor: (locationId) => provenanceCourtIdFor(database, MANUAL_UPLOAD_PROVENANCE, locationId),
        store: (accepted, logger, details) =>
          storeAcceptedPublication({ database, publications, newId: randomUUID }, accepted, logger, details),
      },
      subscriptions: databaseSubscriptionBook(database),
      mediaAccounts: createMediaAccounts({
        database,
        proofOfId: storage.blobService.getContainerClient(containers.mediaApplications),
        directory,
        mailer: createMediaAccountMailer({
          apiKey: mediaSettings.NOTIFY_API_KEY,
          baseUrl: mediaSettings.NOTIFY_BASE_URL,
          welcomeTemplateId: mediaSettings.NOTIFY_TEMPLATE_MEDIA_WELCOME,
          rejectionTemplateId: mediaSettings.NOTIFY_TEMPLATE_MEDIA_REJECTION,
        }),
      }),
      // As long as the live case feed keeps a court's answer (15 s): screens refreshing together cost one read.
      courtScreens: databaseCourtScreens(database, publications, screenLinkKeys, { cacheSeconds: 15 }),
      referenceData: databaseReferenceDataAdmin(database),
      users: databaseUserAdmin(database, directory),
      thirdParties: databaseThirdPartyAdmin(database, pushClient),
      now,
      renditions: listRenditions(database, publications),
      unsubscribeLinks: {
        inspect: (token) => inspectUnsubscribeLink(database, token, unsubscribeLinkKeys),
        unsubscribe: (token) => unsubscribeByLink(database, token, unsubscribeLinkKeys),
      },
    },
  };
});
