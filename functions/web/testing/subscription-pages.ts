/**
 * The subscription pages' world: the portal's page handler with the real subscription book over real PostgreSQL,
 * and a session each for a media user, a CFT user and court staff (who hold no subscriptions). The subscriptions and
 * add-subscription page tests start it the same way, then add what their pages read.
 */
import type { AuditEvent } from '../../../shared/audit/audit-log.js';
import type { Principal } from '../../../shared/auth/principal.js';
import { createTestDatabase, type TestDatabase } from '../../../test-support/test-database.js';
import { databaseSubscriptionBook } from '../data/subscription-book.js';
import { fakeDependencies, fakeSignIn, testPrincipals, type FakeSignIn } from './web-test-kit.js';

/** Court staff: the subscription pages refuse them. */
export const subscriptionPagesAdmin: Principal = {
  userId: 'admin-oid',
  provenance: 'PI_AAD',
  roles: ['INTERNAL_ADMIN_CTSC'],
  email: 'ctsc.admin@example.com',
  name: null,
};

export interface SubscriptionPages {
  testDb: TestDatabase;
  deps: ReturnType<typeof fakeDependencies>;
  signIn: FakeSignIn;
  /** Each person's session cookie header. */
  cookies: Record<'media' | 'cft' | 'admin', string>;
  /** The media user's CSRF token. */
  csrf: string;
}

export async function startSubscriptionPages(options: { audited?: AuditEvent[] } = {}): Promise<SubscriptionPages> {
  const testDb = await createTestDatabase();
  const signIn = fakeSignIn();
  const cookies: SubscriptionPages['cookies'] = { media: '', cft: '', admin: '' };
  let csrf = '';
  for (const [name, principal] of [
    ['media', testPrincipals.media],
    ['cft', testPrincipals.cft],
    ['admin', subscriptionPagesAdmin],
  ] as const) {
    const { sessionId, session } = await signIn.signInAs(principal);
    cookies[name] = `pip-session=${sessionId}`;
    if (name === 'media') csrf = session.csrfToken;
  }
  const deps = fakeDependencies({
    signIn,
    ...(options.audited === undefined ? {} : { audited: options.audited }),
    overrides: { subscriptions: databaseSubscriptionBook(testDb.database) },
  });
  return { testDb, deps, signIn, cookies, csrf };
}
