/** What page tests share: fake dependencies and a request helper that calls the real handler with real templates. */
import { randomBytes } from 'node:crypto';
import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import type { AuditEvent } from '../../../shared/audit/audit-log.js';
import { newCsrfToken } from '../../../shared/auth/csrf.js';
import type { PendingSignIn, PeopleIssuerKind, SignInResult } from '../../../shared/auth/oidc-sign-in.js';
import type { Principal } from '../../../shared/auth/principal.js';
import type { NewSession, Session } from '../../../shared/auth/session-store.js';
import type { GlossaryState } from '../../../shared/glossary/glossary.js';
import type { Location } from '../../../shared/reference-data/location-queries.js';
import { parseCookies } from '../http/cookies.js';
import { createTemplateEnvironment } from '../rendering/nunjucks-environment.js';
import { createWebHandler } from '../web-handler.js';
import type { Publication } from '../../../shared/publications/publication.js';
import type { ManualUploadPorts, WebDependencies, WebSignIn } from '../web-dependencies.js';
import type { AcceptedPublication } from '../../../shared/publications/intake/store-accepted-publication.js';
import { draftBlobName, isCurrentDraft, type UploadDraft } from '../../../shared/publications/intake/upload-drafts.js';

export const testNow = new Date('2026-11-30T10:00:00Z');

export function location(locationId: number, name: string, overrides: Partial<Location> = {}): Location {
  return {
    locationId,
    name,
    welshName: null,
    region: ['South East'],
    welshRegion: ['De-ddwyrain Lloegr'],
    jurisdiction: ['Civil'],
    welshJurisdiction: ['Sifil'],
    jurisdictionType: ['County Court'],
    welshJurisdictionType: ['Llys Sirol'],
    dateUpdated: testNow.toISOString(),
    ...overrides,
  };
}

export const testCourts: Location[] = [
  location(1, 'Oxford Combined Court Centre', { welshName: 'Canolfan Llysoedd Cyfun Rhydychen' }),
  location(2, 'Cardiff Magistrates Court', {
    welshName: 'Llys Ynadon Caerdydd',
    region: ['Wales'],
    welshRegion: ['Cymru'],
    jurisdiction: ['Crime'],
    welshJurisdiction: ['Trosedd'],
  }),
  location(3, 'Ashford Tribunal Hearing Centre', { jurisdiction: ['Tribunal'], welshJurisdiction: ['Tribiwnlys'] }),
  location(9, 'Single Justice Procedure', {
    welshName: 'Gweithdrefn Un Ynad',
    jurisdiction: ['Crime'],
    welshJurisdiction: ['Trosedd'],
  }),
];

export function publication(overrides: Partial<Publication> = {}): Publication {
  return {
    artefactId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
    type: 'LIST',
    listType: 'CIVIL_DAILY_CAUSE_LIST',
    locationId: '1',
    provenance: 'MANUAL_UPLOAD',
    sourceArtefactId: null,
    contentDate: '2026-11-30T09:00:00',
    language: 'ENGLISH',
    sensitivity: 'PUBLIC',
    displayFrom: new Date('2026-11-29T00:00:00Z'),
    displayTo: new Date('2026-12-01T00:00:00Z'),
    isFlatFile: false,
    contentType: 'application/json',
    fileName: null,
    payloadSize: 2,
    blobName: 'payload.json',
    supersededCount: 0,
    lastReceivedAt: new Date('2026-11-29T16:30:00Z'),
    ...overrides,
  };
}

/** The signed-in people of page tests, one per identity service. */
export const testPrincipals = {
  media: {
    userId: 'media-oid',
    provenance: 'PI_AAD',
    roles: ['VERIFIED'],
    email: 'media.user@example.com',
    name: 'Media User',
  },
  cft: {
    userId: 'cft-uid',
    provenance: 'CFT_IDAM',
    roles: ['VERIFIED'],
    email: 'caseworker@example.com',
    name: 'Case Worker',
  },
  crime: {
    userId: 'crime-uid',
    provenance: 'CRIME_IDAM',
    roles: ['VERIFIED'],
    email: 'crime.user@example.com',
    name: 'Crime User',
  },
  /** The admin pages' tests' people: a system administrator and court staff (CTSC). */
  systemAdmin: {
    userId: 'sysadmin-oid',
    provenance: 'PI_AAD',
    roles: ['SYSTEM_ADMIN'],
    email: 'system.admin@example.com',
    name: 'System Admin',
  },
  ctscAdmin: {
    userId: 'ctsc-oid',
    provenance: 'PI_AAD',
    roles: ['INTERNAL_ADMIN_CTSC'],
    email: 'ctsc.admin@example.com',
    name: 'CTSC Admin',
  },
} satisfies Record<string, Principal>;

const principalOfIssuer: Record<PeopleIssuerKind, Principal> = {
  b2c: testPrincipals.media,
  cftIdam: testPrincipals.cft,
  crimeIdam: testPrincipals.crime,
};

export const TEST_SESSION_SECRET = 'a-test-session-secret-of-at-least-32-characters';

/**
 * Sign-in without a provider: startSignIn answers an authorization URL at https://idp.example; completeSignIn
 * checks the pending sign-in and state as the real one does and answers by the callback's `code` or `error`
 * (`code=ok` signs in the issuer's test person, `code=citizen` has no role, `error=access_denied` refuses);
 * sessions live in memory (`expire` ends one as the idle timer would).
 */
export interface FakeSignIn extends WebSignIn {
  started: { issuer: PeopleIssuerKind; redirectUri: string; lng: string | null | undefined; flow?: string }[];
  signedOut: (string | null | undefined)[];
  live: Map<string, Session>;
  expire(sessionId: string): void;
  /** A live session for a principal, as if signed in; answers the cookie value. */
  signInAs(principal: Principal, issuer?: PeopleIssuerKind): Promise<{ sessionId: string; session: Session }>;
}

export function fakeSignIn(): FakeSignIn {
  const live = new Map<string, Session>();
  const started: FakeSignIn['started'] = [];
  const signedOut: FakeSignIn['signedOut'] = [];
  const create = (input: NewSession): Promise<{ sessionId: string; session: Session }> => {
    const sessionId = randomBytes(32).toString('base64url');
    const session: Session = {
      ...input,
      accessToken: input.accessToken ?? null,
      csrfToken: newCsrfToken(),
      createdAt: testNow,
      lastSeenAt: testNow,
      expiresAt: new Date(testNow.getTime() + 8 * 3_600_000),
    };
    live.set(sessionId, session);
    return Promise.resolve({ sessionId, session });
  };
  const fail = (
    reason: Extract<SignInResult, { ok: false }>['reason'],
    pending: PendingSignIn | null,
  ): SignInResult => ({
    ok: false,
    reason,
    issuer: pending?.issuer ?? null,
    lng: pending?.lng ?? 'en',
  });
  return {
    started,
    signedOut,
    live,
    pendingSecret: TEST_SESSION_SECRET,
    formActionOrigins: ['https://idp.example'],
    expire: (sessionId) => live.delete(sessionId),
    signInAs: (principal, issuer = 'b2c') =>
      create({ userId: `user-${principal.userId}`, issuer, principal, idToken: 'id.token.jwt' }),
    sessions: {
      create,
      read: (sessionId) => Promise.resolve(sessionId ? (live.get(sessionId) ?? null) : null),
      destroy: (sessionId) => Promise.resolve(sessionId ? live.delete(sessionId) : false),
    },
    oidc: {
      startSignIn: (issuer, { redirectUri, lng, flow }) => {
        started.push({ issuer, redirectUri, lng, ...(flow === undefined ? {} : { flow }) });
        const pending: PendingSignIn = {
          issuer,
          ...(flow === undefined ? {} : { flow }),
          state: randomBytes(16).toString('base64url'),
          nonce: randomBytes(16).toString('base64url'),
          codeVerifier: randomBytes(32).toString('base64url'),
          redirectUri,
          lng: lng === 'cy' ? 'cy' : 'en',
          createdAt: testNow.toISOString(),
        };
        const authorizationUrl = new URL(`https://idp.example/${issuer}/authorize`);
        authorizationUrl.search = new URLSearchParams({ state: pending.state, redirect_uri: redirectUri }).toString();
        return Promise.resolve({ authorizationUrl, pending });
      },
      completeSignIn: (pending, callbackUrl) => {
        const callback = new URL(callbackUrl);
        if (pending === null) return Promise.resolve(fail('SIGN_IN_NOT_FOUND', null));
        if (callback.searchParams.get('state') !== pending.state)
          return Promise.resolve(fail('STATE_MISMATCH', pending));
        const description = callback.searchParams.get('error_description') ?? '';
        if (pending.issuer === 'b2c' && description.startsWith('AADB2C90118'))
          return Promise.resolve(fail('PASSWORD_RESET_REQUESTED', pending));
        if (pending.issuer === 'b2c' && description.startsWith('AADB2C90091'))
          return Promise.resolve(fail('CANCELLED', pending));
        if (callback.searchParams.get('error') === 'access_denied')
          return Promise.resolve(fail('ACCESS_DENIED', pending));
        const code = callback.searchParams.get('code');
        if (code === 'citizen') return Promise.resolve(fail('ROLE_NOT_ALLOWED', pending));
        if (code !== 'ok') return Promise.resolve(fail('TOKEN_EXCHANGE_FAILED', pending));
        const principal = principalOfIssuer[pending.issuer];
        return Promise.resolve({
          ok: true,
          issuer: pending.issuer,
          principal,
          user: {
            userId: `user-${principal.userId}`,
            provenance: principal.provenance as 'PI_AAD' | 'CFT_IDAM' | 'CRIME_IDAM',
            provenanceUserId: principal.userId,
            email: principal.email,
            forenames: null,
            surname: null,
            roles: principal.roles,
            createdAt: testNow,
            lastSignedInAt: testNow,
            rolesAssignedAt: null,
          },
          idTokenClaims: {},
          idToken: 'id.token.jwt',
          sealedAccessToken: null,
          lng: pending.lng,
        });
      },
      signOut: (sessionId) => {
        signedOut.push(sessionId);
        const session = sessionId ? live.get(sessionId) : undefined;
        if (sessionId) live.delete(sessionId);
        return Promise.resolve({
          signedOut: session !== undefined,
          logoutUrl: session ? new URL(`https://idp.example/${session.issuer}/logout`) : null,
        });
      },
    },
  };
}

/**
 * Manual upload without storage: drafts in memory (by the same per-session name as the blob store), and a store
 * that records what it was given and answers a submission id (or fails, as storage can).
 */
export interface FakeManualUpload extends ManualUploadPorts {
  drafts: ManualUploadPorts['drafts'] & { saved: Map<string, UploadDraft> };
  /** Courts with no MANUAL_UPLOAD reference (every other court's is its own id). */
  unreferenced: Set<number>;
  stored: { accepted: AcceptedPublication; auditDetails: Record<string, unknown> }[];
  failStore: boolean;
}

export function fakeManualUpload(): FakeManualUpload {
  const saved = new Map<string, UploadDraft>();
  const fake: FakeManualUpload = {
    failStore: false,
    unreferenced: new Set(),
    courtIdFor: (locationId) => Promise.resolve(fake.unreferenced.has(locationId) ? null : String(locationId)),
    stored: [],
    drafts: {
      saved,
      save: (sessionId, draft) => {
        saved.set(draftBlobName(sessionId), draft);
        return Promise.resolve();
      },
      read: (sessionId, owner, now) => {
        const draft = saved.get(draftBlobName(sessionId));
        return Promise.resolve(draft !== undefined && isCurrentDraft(draft, owner, now) ? draft : null);
      },
      delete: (sessionId) => {
        saved.delete(draftBlobName(sessionId));
        return Promise.resolve();
      },
    },
    store: (accepted, _logger, auditDetails) => {
      if (fake.failStore) return Promise.resolve({ ok: false, reason: 'STORAGE_UNAVAILABLE' });
      // As the real store: a second store under the caller's id stores nothing more.
      const alreadyStored =
        accepted.submissionId !== undefined &&
        fake.stored.some((earlier) => earlier.accepted.submissionId === accepted.submissionId);
      if (!alreadyStored) fake.stored.push({ accepted, auditDetails });
      const submissionId =
        accepted.submissionId ?? `00000000-0000-4000-8000-${String(fake.stored.length).padStart(12, '0')}`;
      return Promise.resolve({
        ok: true,
        submissionId,
        alreadyStored,
        stored: {
          ...accepted.metadata,
          submissionId,
          receivedAt: accepted.now.toISOString(),
          submittedBy: accepted.principal.userId,
          isFlatFile: accepted.payload.isFlatFile,
          contentType: accepted.payload.contentType,
          fileName: accepted.payload.fileName,
          payloadSize: accepted.payload.bytes.length,
        },
      });
    },
  };
  return fake;
}

export function fakeDependencies(
  options: {
    courts?: Location[];
    publications?: Publication[];
    payloads?: Record<string, string>;
    glossary?: GlossaryState;
    signIn?: FakeSignIn;
    audited?: AuditEvent[];
    overrides?: Partial<WebDependencies>;
  } = {},
): WebDependencies {
  const courts = options.courts ?? testCourts;
  const publications = options.publications ?? [];
  return {
    courts: {
      all: () => Promise.resolve(courts.map((court) => ({ ...court }))),
      find: (id) => Promise.resolve(courts.find((court) => court.locationId === id) ?? null),
    },
    publications: {
      onDisplay: (locationId, now) =>
        Promise.resolve(
          publications.filter(
            (p) => p.locationId === locationId && p.displayFrom <= now && (p.displayTo === null || p.displayTo >= now),
          ),
        ),
      find: (id) => Promise.resolve(publications.find((p) => p.artefactId === id) ?? null),
      // A blob not in `payloads` is gone (null), as the real store answers BlobNotFound.
      readPayload: (p) => {
        const payload = options.payloads?.[p.blobName];
        return Promise.resolve(payload === undefined ? null : Buffer.from(payload));
      },
      allLiveAt: (locationId) => Promise.resolve(publications.filter((p) => p.locationId === locationId)),
      livePage: (listing, page) => {
        const all = publications.filter((p) =>
          'noMatch' in listing ? p.locationId.startsWith('NoMatch') : p.locationId === listing.locationId,
        );
        return Promise.resolve({ items: all.slice(page.offset, page.offset + page.limit), total: all.length });
      },
      // Takes the publication out of the array given (tests look at it) and audits as the real removal does.
      remove: (artefactId, actor, _logger, via) => {
        const index = publications.findIndex((p) => p.artefactId === artefactId);
        const [removed] = index < 0 ? [] : publications.splice(index, 1);
        options.audited?.push({
          action: 'PUBLICATION_DELETE',
          outcome: removed ? 'SUCCESS' : 'FAILURE',
          actor,
          objectType: 'publication',
          objectId: artefactId,
          details: removed ? { via, locationId: removed.locationId } : { via, reason: 'NOT_FOUND' },
        });
        return Promise.resolve(removed ?? null);
      },
    },
    glossary: {
      current: () =>
        Promise.resolve(
          options.glossary ?? {
            status: 'LOADED',
            blobName: 'g.json',
            entries: [{ name: 'Adjourned', description: 'The case has been adjourned.' }],
          },
        ),
    },
    canRead: (_principal, p, now) =>
      p.sensitivity === 'PUBLIC' && p.displayFrom <= now && (p.displayTo === null || p.displayTo >= now),
    listPageView: () => ({ template: 'pages/list/testing/fake-list.njk', context: {} }),
    signIn: options.signIn ?? fakeSignIn(),
    audit: (event) => {
      options.audited?.push(event);
      return Promise.resolve();
    },
    auditLog: {
      page: () => Promise.resolve({ items: [], nextCursor: null }),
      find: () => Promise.resolve(null),
    },
    manualUpload: fakeManualUpload(),
    subscriptions: {
      list: () => Promise.resolve([]),
      remove: () => Promise.resolve(null),
      add: () => Promise.reject(new Error('no subscription store in these fakes')),
      searchTerms: () => Promise.resolve([]),
    },
    mediaAccounts: unusedMediaAccounts,
    // No court has a screen unless a test gives one (functions/web/pages/court-screen/ tests).
    courtScreens: {
      find: () => Promise.resolve(null),
      settings: () => Promise.resolve(null),
      setRefreshSeconds: () => Promise.resolve({ changed: false, reason: 'NOT_FOUND' }),
    },
    // The system admin pages' tests bind the real ports over a test database (functions/web/data/).
    referenceData: {
      courts: () => Promise.resolve(courts.map((court) => ({ ...court }))),
      importFile: () => Promise.reject(new Error('no reference data store in these fakes')),
      exportFile: () => Promise.reject(new Error('no reference data store in these fakes')),
      deleteCourt: () => Promise.reject(new Error('no reference data store in these fakes')),
    },
    users: {
      findByEmail: () => Promise.resolve([]),
      find: () => Promise.resolve(null),
      changeRole: () => Promise.reject(new Error('no user store in these fakes')),
      deleteUser: () => Promise.reject(new Error('no user store in these fakes')),
    },
    thirdParties: {
      list: () => Promise.resolve([]),
      find: () => Promise.resolve(null),
      save: () => Promise.reject(new Error('no third-party store in these fakes')),
      testConnection: () => Promise.reject(new Error('no third-party store in these fakes')),
    },
    now: () => testNow,
    ...options.overrides,
  };
}

/** Media accounts for tests that never reach them: every call fails the test. */
const notInThisTest = (): Promise<never> => Promise.reject(new Error('media accounts are not set up in this test'));
export const unusedMediaAccounts: WebDependencies['mediaAccounts'] = {
  createAccount: notInThisTest,
  submit: notInThisTest,
  listPending: notInThisTest,
  find: notInThisTest,
  readProofOfId: notInThisTest,
  approve: notInThisTest,
  reject: notInThisTest,
};

export interface TestResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The body of a file answer (PageResult kind `file`); null for pages. */
  bytes: Buffer | null;
  cookies: NonNullable<HttpResponseInit['cookies']>;
  logged: unknown[];
}

const templates = createTemplateEnvironment();

export async function request(
  deps: WebDependencies,
  path: string,
  options: {
    method?: string;
    cookie?: string;
    /** A url-encoded form; pairs or URLSearchParams where a name repeats (ticked checkboxes). */
    form?: Record<string, string> | [string, string][] | URLSearchParams;
    /** A multipart/form-data POST (a form with a file), encoded as a browser encodes it. */
    multipart?: FormData;
    headers?: Record<string, string>;
    /** The site the request arrives at; defaults to the local runtime's. */
    origin?: string;
  } = {},
): Promise<TestResponse> {
  const handler = createWebHandler(deps, templates);
  const logged: unknown[] = [];
  const context = {
    invocationId: 'test-invocation',
    error: (entry: unknown) => logged.push(entry),
    warn: (entry: unknown) => logged.push(entry),
    info: (entry: unknown) => logged.push(entry),
  } as unknown as InvocationContext;
  const multipart = options.multipart
    ? new Request('http://test.invalid/', { method: 'POST', body: options.multipart })
    : null;
  const headers = new Map(
    Object.entries({
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(multipart ? { 'content-type': multipart.headers.get('content-type') ?? '' } : {}),
      ...options.headers,
    }),
  );
  const body = options.form ? new URLSearchParams(options.form).toString() : '';
  const response = await handler(
    {
      method: options.method ?? (options.form || multipart ? 'POST' : 'GET'),
      url: `${options.origin ?? 'http://127.0.0.1:7071'}${path}`,
      headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
      body: multipart ? multipart.body : body === '' ? null : new Response(body).body,
    },
    context,
  );
  return {
    status: response.status ?? 200,
    headers: (response.headers ?? {}) as Record<string, string>,
    body:
      typeof response.body === 'string'
        ? response.body
        : response.body instanceof Uint8Array
          ? Buffer.from(response.body).toString('utf8')
          : '',
    bytes: Buffer.isBuffer(response.body)
      ? response.body
      : response.body instanceof Uint8Array
        ? Buffer.from(response.body)
        : null,
    cookies: response.cookies ?? [],
    logged,
  };
}

/** Cookies a response sets, as a request Cookie header. */
export function cookieHeader(response: TestResponse): string {
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

export { parseCookies };
