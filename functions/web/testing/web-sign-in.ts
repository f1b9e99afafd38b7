/** Real sign-in dependencies for tests that host the portal: sessions in the test's database, the given issuers. */
import { createOidcSignIn } from '../../../shared/auth/oidc-sign-in.js';
import { createSessionStore } from '../../../shared/auth/session-store.js';
import type { Database } from '../../../shared/db/database.js';
import type { WebSignIn } from '../web-dependencies.js';

export const TEST_WEB_SESSION_SECRET = 'a-browser-test-session-secret-of-32-characters';

export interface TestIssuers {
  issuers: { b2c: string; cftIdam: string; crimeIdam: string };
  clientId: string;
  clientSecret: string;
}

/** Issuers that are never reached: for tests that do not sign anyone in. */
export const unusedIssuers: TestIssuers = {
  issuers: {
    b2c: 'http://127.0.0.1:9/b2c',
    cftIdam: 'http://127.0.0.1:9/cft-idam',
    crimeIdam: 'http://127.0.0.1:9/crime-idam',
  },
  clientId: 'pip-web',
  clientSecret: 'unused',
};

/** The issuers and web client of a running local identity provider (local/identity), as the portal signs in with them. */
export function localProviderIssuers(provider: {
  issuers: TestIssuers['issuers'];
  webClient: { clientId: string; clientSecret: string };
}): TestIssuers {
  const { b2c, cftIdam, crimeIdam } = provider.issuers;
  return {
    issuers: { b2c, cftIdam, crimeIdam },
    clientId: provider.webClient.clientId,
    clientSecret: provider.webClient.clientSecret,
  };
}

export function databaseWebSignIn(database: Database, provider: TestIssuers): WebSignIn {
  const sessions = createSessionStore({ database });
  return {
    // Access tokens kept sealed for revocation at sign-out, as functions/web/index.ts does with SESSION_SECRET.
    oidc: createOidcSignIn({ ...provider, database, sessions, tokenSealingSecret: TEST_WEB_SESSION_SECRET }),
    sessions,
    pendingSecret: TEST_WEB_SESSION_SECRET,
    formActionOrigins: [...new Set(Object.values(provider.issuers).map((issuer) => new URL(issuer).origin))],
  };
}
