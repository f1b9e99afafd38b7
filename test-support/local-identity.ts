/**
 * Tests against the local identity provider: a token verifier trusting its issuers, and the process settings the real
 * index.ts files read, pointed at it, the test database and the shared Azurite.
 */
import {
  identitySettingsOf,
  startLocalIdentityProvider,
  type LocalIdentityProvider,
} from '../local/identity/local-identity-provider.js';
import { seedAdminRoles } from '../local/identity/seed-admin-roles.js';
import { createAnonymousAudit } from '../shared/audit/anonymous-audit.js';
import { createApiVerifier, type ApiVerifier } from '../shared/auth/api-verifier.js';
import { createTokenVerifier, type IssuerKind, type TokenVerifier } from '../shared/auth/token-verifier.js';
import type { Database } from '../shared/db/database.js';
import type { TestDatabase } from './test-database.js';
import { testStorage } from './test-storage.js';

const allIssuers: readonly IssuerKind[] = ['aad', 'b2c', 'cftIdam', 'crimeIdam'];

/** A verifier trusting the provider's issuers of these kinds (all four unless named), for its API audience. */
export function localIdentityVerifier(
  idp: LocalIdentityProvider,
  kinds: readonly IssuerKind[] = allIssuers,
): TokenVerifier {
  return createTokenVerifier({
    issuers: kinds.map((kind) => ({ kind, issuer: idp.issuers[kind], audience: idp.apiAudience })),
  });
}

/**
 * The verifier API routes use in production (shared/auth/api-verifier.ts) over the provider's issuers: admin roles
 * read from the database, every rejection audited. The seeded admins are given their roles in that database
 * (local/identity/seed-admin-roles.ts), as `npm start` does.
 */
export async function localApiVerifier(
  idp: LocalIdentityProvider,
  database: Database,
  kinds: readonly IssuerKind[] = allIssuers,
): Promise<ApiVerifier> {
  await seedAdminRoles(database);
  return createApiVerifier({
    verifier: localIdentityVerifier(idp, kinds),
    database,
    anonymousAudit: createAnonymousAudit({ database }),
  });
}

/** Sets process.env as production would: the test database, the shared Azurite, and the local identity provider. */
export function useLocalSettings(testDb: TestDatabase, idp: LocalIdentityProvider): void {
  Object.assign(process.env, {
    ...testDb.settings,
    AzureWebJobsStorage: testStorage().connectionString,
    ...identitySettingsOf(idp),
  });
}

export type { LocalIdentityProvider };
export { seedAdminRoles };

/** The local identity provider on a free port, told the portal's redirect URIs at `hostUrl` (the web sign-in's). */
export function startWebIdentityProvider(hostUrl: string): Promise<LocalIdentityProvider> {
  return startLocalIdentityProvider({
    port: 0,
    webRedirectUris: [`${hostUrl}/login/return`],
    webPostLogoutRedirectUris: [`${hostUrl}/signed-out`],
  });
}
