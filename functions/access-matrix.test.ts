/**
 * Issue 18, "the access matrix through HTTP": every surface that hands out a publication gives every kind of reader
 * the same answer, and that answer is the access rule's (shared/publications/access/can-read-publication.ts, the one
 * source of truth: the expectation of every cell is `canReadPublication`, never written a second time here).
 *
 * Publications: PUBLIC, PRIVATE and CLASSIFIED, each as a JSON list and as a flat file (PDF), for one list type of
 * each set of user kinds the catalogue lets read a CLASSIFIED list (PI_AAD; CRIME_IDAM and PI_AAD; CRIME_IDAM;
 * CFT_IDAM), all at one court, on display now. Readers: anonymous, verified media (PI_AAD), a CFT IDAM professional,
 * a CFT IDAM account without a professional role (a citizen: no role), a Crime IDAM user, the CTSC and local admins,
 * a system admin, and a registered third party of each role.
 *
 * Surfaces, over real HTTP on the local Functions host, PostgreSQL and Azurite:
 * - the read API (bearer token): `GET /api/publication/{id}` (metadata), `/payload` or `/file` (content), and the
 *   court's listing `GET /api/publications?locationId=`;
 * - the portal (session cookie, for people): `/list/{id}` (a JSON list's page; a flat file's redirect to its file),
 *   `/list/{id}/file` (flat files), the court's page `/courts/{id}` (the link), and `/list/{id}/pdf` and `/xlsx`
 *   (signed-in readers only: an anonymous visitor is sent to sign in, never given the file);
 * - digests (people who subscribe: media, CFT, Crime, and a person without roles): the real planning query
 *   (shared/subscriptions/digest-planning.ts) over a run window holding every publication;
 * - the third-party read API (`GET /api/third-party/publications`, each third party as registered).
 *
 * Tokens are mapped to principals by a test verifier: what each issuer's token may grant is proven by
 * shared/auth/role-sources.test.ts and token verification end to end by functions/http-kit/token-attacks.test.ts;
 * this file proves what a principal is then given, everywhere.
 */
import { unconfiguredMediaAccountDirectory } from '../shared/media-accounts/media-account-directory.js';
import { randomUUID } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalFunctionsHost } from '../local/runtime/local-functions-host.js';
import { recordAuditEvent } from '../shared/audit/audit-log.js';
import type { Principal, Role } from '../shared/auth/principal.js';
import { createSessionStore } from '../shared/auth/session-store.js';
import type { TokenVerification } from '../shared/auth/token-verifier.js';
import { inTransaction } from '../shared/db/database.js';
import { blobGlossarySource, createGlossaryStore } from '../shared/glossary/glossary.js';
import { canReadPublication } from '../shared/publications/access/can-read-publication.js';
import { listTypes } from '../shared/publications/catalogue/list-types.js';
import type { Sensitivity } from '../shared/publications/publication.js';
import type { ListRenditions } from '../shared/publications/renditions/list-renditions.js';
import { planDigests } from '../shared/subscriptions/digest-planning.js';
import { subscriberOf } from '../shared/subscriptions/subscriber.js';
import { createPushClient } from '../shared/third-parties/push-client.js';
import { settingsPushSecrets } from '../shared/third-parties/push-secrets.js';
import type { ThirdPartyRole } from '../shared/third-parties/third-party.js';
import { createThirdParty } from '../shared/third-parties/third-party-store.js';
import { upsertUserOnSignIn, type PersonProvenance } from '../shared/users/user-store.js';
import { insertPublicationRow } from '../test-support/publication-rows.js';
import { testScreenLinkKeys } from '../test-support/screen-link-keys.js';
import { insertCourt, insertSubscription } from '../test-support/subscription-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { startTestHost } from '../test-support/test-host.js';
import { testStorage, uniqueName } from '../test-support/test-storage.js';
import type { RequestVerifier } from './http-kit/authenticate.js';
import { registerPublications } from './publications/registration.js';
import { registerThirdParties } from './third-parties/registration.js';
import { databaseAuditLog } from './web/data/audit-log-reader.js';
import { databaseCourtDirectory } from './web/data/court-directory.js';
import { databaseCourtScreens } from './web/data/court-screens.js';
import { databasePublicationStore } from './web/data/publication-store.js';
import { sharedReadAccess } from './web/data/read-access.js';
import { databaseReferenceDataAdmin } from './web/data/reference-data-admin.js';
import { databaseSubscriptionBook } from './web/data/subscription-book.js';
import { databaseThirdPartyAdmin } from './web/data/third-party-admin.js';
import { databaseUserAdmin } from './web/data/user-admin.js';
import { listPageView } from './web/lists/render-list.js';
import { registerWeb } from './web/registration.js';
import { createTemplateEnvironment } from './web/rendering/nunjucks-environment.js';
import { fakeManualUpload, unusedMediaAccounts } from './web/testing/web-test-kit.js';
import { databaseWebSignIn, unusedIssuers } from './web/testing/web-sign-in.js';

const COURT = 1518;

// ---------------------------------------------------------------------------------------------- the readers

type ReaderKind = 'person' | 'thirdParty' | 'anonymous';
interface Reader {
  name: string;
  kind: ReaderKind;
  principal: Principal | null;
}

const person = (name: string, provenance: PersonProvenance, roles: Role[]): Reader => ({
  name,
  kind: 'person',
  principal: { userId: `${name}-id`, provenance, roles, email: `${name}@example.com`, name },
});
const thirdParty = (role: ThirdPartyRole): Reader => ({
  name: `thirdParty ${role}`,
  kind: 'thirdParty',
  principal: {
    userId: `client-${role.toLowerCase()}`,
    provenance: 'THIRD_PARTY',
    roles: [role],
    email: null,
    name: null,
  },
});

const readers: Reader[] = [
  { name: 'anonymous', kind: 'anonymous', principal: null },
  person('media', 'PI_AAD', ['VERIFIED']),
  person('cftProfessional', 'CFT_IDAM', ['VERIFIED']),
  person('cftCitizen', 'CFT_IDAM', []),
  person('crime', 'CRIME_IDAM', ['VERIFIED']),
  person('ctscAdmin', 'PI_AAD', ['INTERNAL_ADMIN_CTSC']),
  person('localAdmin', 'PI_AAD', ['INTERNAL_ADMIN_LOCAL']),
  person('systemAdmin', 'PI_AAD', ['SYSTEM_ADMIN']),
  thirdParty('VERIFIED_THIRD_PARTY_ALL'),
  thirdParty('VERIFIED_THIRD_PARTY_PRESS'),
  thirdParty('VERIFIED_THIRD_PARTY_CRIME'),
  thirdParty('VERIFIED_THIRD_PARTY_CFT'),
  thirdParty('GENERAL_THIRD_PARTY'),
];
/** People who may subscribe (a person without a role keeps a subscription made while they had one). */
const subscribers = readers.filter((reader) =>
  ['media', 'cftProfessional', 'cftCitizen', 'crime'].includes(reader.name),
);

/** The test verifier: `Bearer <reader name>` is that reader; no header is anonymous; anything else is refused. */
const verifier: RequestVerifier = {
  verifyAuthorizationHeader(header): Promise<TokenVerification> {
    if (header === null || header === undefined || header === '')
      return Promise.resolve({
        ok: false,
        reason: 'TOKEN_MISSING',
        message: 'An Authorization: Bearer token is required',
      });
    const reader = readers.find((candidate) => `Bearer ${candidate.name}` === header);
    return Promise.resolve(
      reader?.principal
        ? { ok: true, principal: reader.principal, issuer: 'aad', expiresAt: new Date(Date.now() + 3_600_000) }
        : { ok: false, reason: 'TOKEN_MALFORMED', message: 'Not a token of this test' },
    );
  },
};

// ----------------------------------------------------------------------------------------- the publications

/** One list type (the catalogue's first) for each set of user kinds that may read it when CLASSIFIED. */
const classifiedGroups: { readableBy: string; listType: string }[] = [];
for (const listType of listTypes) {
  const readableBy = [...listType.classifiedReadableBy].sort().join('+');
  if (!classifiedGroups.some((group) => group.readableBy === readableBy))
    classifiedGroups.push({ readableBy, listType: listType.id });
}

interface MatrixPublication {
  artefactId: string;
  label: string;
  sensitivity: Sensitivity;
  listType: string;
  flat: boolean;
  displayFrom: Date;
  displayTo: Date;
}

const sensitivitiesUnderTest: Sensitivity[] = ['PUBLIC', 'PRIVATE', 'CLASSIFIED'];
const displayFrom = new Date(Date.now() - 86_400_000);
const displayTo = new Date(Date.now() + 86_400_000);
const matrixPublications: MatrixPublication[] = sensitivitiesUnderTest.flatMap((sensitivity) =>
  classifiedGroups.flatMap(({ listType, readableBy }) =>
    [false, true].map((flat) => ({
      artefactId: randomUUID(),
      label: `${sensitivity} ${listType} (${readableBy})${flat ? ' PDF' : ''}`,
      sensitivity,
      listType,
      flat,
      displayFrom,
      displayTo,
    })),
  ),
);

// ------------------------------------------------------------------------------------------------ the host

const storage = testStorage();
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let container: ContainerClient;
let glossary: ContainerClient;
const sessionCookies = new Map<string, string>();
let windowFrom: Date;

/** Every list has a PDF and a workbook, so that only the access rule decides what a download answers. */
const renditionsForEveryList: ListRenditions = {
  summary: () => Promise.resolve({ pdf: true, workbook: true, changes: null }),
  read: (_publication, format) => Promise.resolve(Buffer.from(`${format} rendition`)),
};

beforeAll(async () => {
  testDb = await createTestDatabase({ poolSize: 10 });
  container = storage.blobService.getContainerClient(uniqueName('access-matrix'));
  glossary = storage.blobService.getContainerClient(uniqueName('access-matrix-glossary'));
  await Promise.all([container.create(), glossary.create()]);
  const database = testDb.database;
  const now = () => new Date();
  registerPublications(() => ({ verifier, database, publications: container, now }));
  registerThirdParties(() => ({
    database,
    verifier,
    pushClient: createPushClient({ secrets: settingsPushSecrets({}) }),
    now,
  }));
  const signIn = databaseWebSignIn(database, unusedIssuers);
  registerWeb(() => ({
    templates: createTemplateEnvironment(),
    deps: {
      courts: databaseCourtDirectory(database),
      publications: databasePublicationStore(database, container),
      glossary: createGlossaryStore({ source: blobGlossarySource(glossary), refreshAfterMs: 60_000 }),
      canRead: sharedReadAccess,
      listPageView,
      signIn,
      audit: (event) => recordAuditEvent(database, event),
      auditLog: databaseAuditLog(database),
      manualUpload: fakeManualUpload(),
      subscriptions: databaseSubscriptionBook(database),
      mediaAccounts: unusedMediaAccounts,
      courtScreens: databaseCourtScreens(database, container, testScreenLinkKeys),
      referenceData: databaseReferenceDataAdmin(database),
      users: databaseUserAdmin(database, unconfiguredMediaAccountDirectory),
      thirdParties: databaseThirdPartyAdmin(database, createPushClient({ secrets: settingsPushSecrets({}) })),
      renditions: renditionsForEveryList,
      now,
    },
  }));
  host = await startTestHost();

  await insertCourt(database, COURT, 'Access Matrix Combined Court');
  // People: their record (roles as their token or a system admin gave them), a session, and for subscribers a
  // subscription to the court.
  const sessions = createSessionStore({ database });
  for (const reader of readers) {
    const principal = reader.principal;
    if (reader.kind !== 'person' || principal === null) continue;
    const record = await upsertUserOnSignIn(
      database,
      {
        provenance: principal.provenance as PersonProvenance,
        provenanceUserId: principal.userId,
        email: principal.email,
        forenames: reader.name,
        surname: null,
        roles: principal.roles,
      },
      new Date(),
    );
    const issuer =
      principal.provenance === 'CFT_IDAM' ? 'cftIdam' : principal.provenance === 'CRIME_IDAM' ? 'crimeIdam' : 'b2c';
    const { sessionId } = await sessions.create({ userId: record.userId, issuer, principal, idToken: null });
    sessionCookies.set(reader.name, `pip-session=${sessionId}`);
    if (subscribers.includes(reader)) {
      await insertSubscription(database, {
        userId: subscriberOf(principal).userId,
        email: principal.email ?? '',
        searchType: 'LOCATION_ID',
        searchValue: String(COURT),
      });
    }
  }
  // Third parties: registered by a system admin, active, with the role they read as.
  for (const reader of readers) {
    const principal = reader.principal;
    if (reader.kind !== 'thirdParty' || principal === null) continue;
    const role = principal.roles[0] as ThirdPartyRole;
    await inTransaction(database, (client) =>
      createThirdParty(
        client,
        { name: reader.name, status: 'ACTIVE', role, oauthClientId: principal.userId, push: null, pushListTypes: [] },
        'system-admin',
      ),
    );
  }
  windowFrom = new Date();
  let day = 0;
  for (const publication of matrixPublications) {
    day += 1;
    const contentDay = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const blobName = `publications/${publication.artefactId}`;
    const body = publication.flat ? `%PDF-1.7 ${publication.label}` : '{}';
    await container.getBlockBlobClient(blobName).upload(body, Buffer.byteLength(body));
    await insertPublicationRow(database, {
      artefactId: publication.artefactId,
      listType: publication.listType,
      locationId: String(COURT),
      contentDate: `${contentDay}T09:00:00`,
      sensitivity: publication.sensitivity,
      displayFrom: publication.displayFrom,
      displayTo: publication.displayTo,
      isFlatFile: publication.flat,
      contentType: publication.flat ? 'application/pdf' : 'application/json',
      fileName: publication.flat ? 'list.pdf' : null,
      payloadSize: Buffer.byteLength(body),
      blobName,
    });
  }
}, 120_000);

afterAll(async () => {
  await host.stop();
  await Promise.all([testDb.drop(), container.deleteIfExists(), glossary.deleteIfExists()]);
});

// ------------------------------------------------------------------------------------------ reading a surface

/** A surface's answer for one publication: given (true) or not (false). */
type Answers = Map<string, boolean>;

async function get(path: string, reader: Reader, via: 'token' | 'session'): Promise<Response> {
  const headers: Record<string, string> = {};
  if (via === 'token' && reader.principal !== null) headers.authorization = `Bearer ${reader.name}`;
  const cookie = sessionCookies.get(reader.name);
  if (via === 'session' && cookie !== undefined) headers.cookie = cookie;
  return fetch(`${host.url}${path}`, { headers, redirect: 'manual' });
}

/** 200 is given, 404 is not; anything else is a defect of the surface, reported with the path. */
async function givenOrNotFound(path: string, reader: Reader, via: 'token' | 'session'): Promise<boolean> {
  const response = await get(path, reader, via);
  await response.arrayBuffer();
  if (response.status !== 200 && response.status !== 404)
    throw new Error(`${reader.name} GET ${path}: ${response.status}`);
  return response.status === 200;
}

/** Runs `work` for every publication, a few at a time. */
async function perPublication(work: (publication: MatrixPublication) => Promise<boolean>): Promise<Answers> {
  const answers: Answers = new Map();
  const queue = [...matrixPublications];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift())
        answers.set(next.artefactId, await work(next));
    }),
  );
  return answers;
}

async function readApiAnswers(reader: Reader): Promise<Record<string, Answers>> {
  const listing = await get(`/api/publications?locationId=${COURT}`, reader, 'token');
  expect(listing.status, `${reader.name} listing`).toBe(200);
  const listed = new Set(((await listing.json()) as { artefactId: string }[]).map((item) => item.artefactId));
  return {
    'read API metadata': await perPublication((p) =>
      givenOrNotFound(`/api/publication/${p.artefactId}`, reader, 'token'),
    ),
    'read API content': await perPublication((p) =>
      givenOrNotFound(`/api/publication/${p.artefactId}/${p.flat ? 'file' : 'payload'}`, reader, 'token'),
    ),
    'read API court listing': new Map(matrixPublications.map((p) => [p.artefactId, listed.has(p.artefactId)])),
  };
}

async function portalAnswers(reader: Reader): Promise<Record<string, Answers>> {
  const courtPage = await get(`/courts/${COURT}`, reader, 'session');
  expect(courtPage.status, `${reader.name} court page`).toBe(200);
  const courtHtml = await courtPage.text();
  const answers: Record<string, Answers> = {
    'portal court page': new Map(
      matrixPublications.map((p) => [
        p.artefactId,
        courtHtml.includes(`href="/list/${p.artefactId}${p.flat ? '/file' : ''}"`),
      ]),
    ),
    'portal list page': await perPublication(async (p) => {
      const response = await get(`/list/${p.artefactId}`, reader, 'session');
      await response.arrayBuffer();
      if (p.flat && response.status === 303) return response.headers.get('location') === `/list/${p.artefactId}/file`;
      if (response.status !== 200 && response.status !== 404)
        throw new Error(`${reader.name} /list/${p.artefactId}: ${response.status}`);
      return response.status === 200;
    }),
    'portal flat file': await perPublication((p) =>
      p.flat ? givenOrNotFound(`/list/${p.artefactId}/file`, reader, 'session') : Promise.resolve(false),
    ),
  };
  for (const format of ['pdf', 'xlsx'] as const) {
    answers[`portal ${format} download`] = await perPublication(async (p) => {
      if (p.flat) return false;
      if (reader.principal !== null) return givenOrNotFound(`/list/${p.artefactId}/${format}`, reader, 'session');
      // Anonymous: always sent to sign in first, never given the file (PUBLIC included).
      const response = await get(`/list/${p.artefactId}/${format}`, reader, 'session');
      await response.arrayBuffer();
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toMatch(/^\/sign-in\?returnTo=/);
      return false;
    });
  }
  return answers;
}

async function thirdPartyFeedAnswers(reader: Reader): Promise<Record<string, Answers>> {
  const response = await get(`/api/third-party/publications?locationId=${COURT}&limit=100`, reader, 'token');
  expect(response.status, `${reader.name} feed`).toBe(200);
  const page = (await response.json()) as { items: { artefactId: string }[]; next: string | null };
  expect(page.next).toBeNull();
  const fed = new Set(page.items.map((item) => item.artefactId));
  return { 'third-party read API': new Map(matrixPublications.map((p) => [p.artefactId, fed.has(p.artefactId)])) };
}

let digestsByEmail: Map<string, Set<string>> | undefined;
async function digestAnswers(reader: Reader): Promise<Record<string, Answers>> {
  if (digestsByEmail === undefined) {
    const plan = await planDigests(testDb.database, { from: windowFrom, to: new Date() });
    digestsByEmail = new Map(plan.digests.map((digest) => [digest.recipient, new Set(digest.artefactIds)]));
  }
  const mine = digestsByEmail.get(reader.principal?.email ?? '') ?? new Set<string>();
  return { digest: new Map(matrixPublications.map((p) => [p.artefactId, mine.has(p.artefactId)])) };
}

/** What a reader may read, by the access rule: the one expectation every surface is held to. */
function ruleSays(reader: Reader, publication: MatrixPublication, now: Date): boolean {
  return canReadPublication(reader.principal, publication, now).allowed;
}

/** The cells (publication × surface) where a surface's answer differs from the rule's, in words. */
function disagreements(
  reader: Reader,
  surfaces: Record<string, Answers>,
  now: Date,
  except?: (surface: string, p: MatrixPublication) => boolean,
): string[] {
  const found: string[] = [];
  for (const [surface, answers] of Object.entries(surfaces)) {
    for (const publication of matrixPublications) {
      if (except?.(surface, publication)) continue;
      const expected = ruleSays(reader, publication, now);
      const actual = answers.get(publication.artefactId);
      if (actual !== expected)
        found.push(`${surface}: ${publication.label} gave ${String(actual)}, the rule says ${String(expected)}`);
    }
  }
  return found;
}

// -------------------------------------------------------------------------------------------------- the matrix

describe('the access matrix: every surface gives each reader what the access rule gives them', () => {
  it('covers both answers for each restricted sensitivity, and a CLASSIFIED list type of each set of user kinds', () => {
    expect(classifiedGroups.map((group) => group.readableBy).sort()).toEqual(
      expect.arrayContaining(['CFT_IDAM', 'CRIME_IDAM', 'CRIME_IDAM+PI_AAD', 'PI_AAD']),
    );
    const now = new Date();
    for (const sensitivity of ['PRIVATE', 'CLASSIFIED'] as const) {
      const outcomes = new Set(
        readers.flatMap((reader) =>
          matrixPublications.filter((p) => p.sensitivity === sensitivity).map((p) => ruleSays(reader, p, now)),
        ),
      );
      expect(outcomes, sensitivity).toEqual(new Set([true, false]));
    }
  });

  it.each(readers.map((reader) => [reader.name, reader] as const))('%s', async (_name, reader) => {
    const now = new Date();
    const surfaces: Record<string, Answers> = { ...(await readApiAnswers(reader)) };
    if (reader.kind !== 'thirdParty') Object.assign(surfaces, await portalAnswers(reader));
    if (reader.kind === 'thirdParty') Object.assign(surfaces, await thirdPartyFeedAnswers(reader));
    if (subscribers.includes(reader)) Object.assign(surfaces, await digestAnswers(reader));
    // A surface that does not offer a kind of publication gives it to nobody: flat files have no page of their own
    // nor renditions; JSON lists have no portal file.
    const notOffered = (surface: string, p: MatrixPublication): boolean =>
      (surface === 'portal flat file' && !p.flat) ||
      (surface.startsWith('portal') && surface.endsWith('download') && (p.flat || reader.principal === null));
    expect(disagreements(reader, surfaces, now, notOffered)).toEqual([]);
    // Where the surface does not offer it, it gives nothing.
    for (const surface of Object.keys(surfaces))
      for (const p of matrixPublications)
        if (notOffered(surface, p)) expect(surfaces[surface]?.get(p.artefactId)).toBe(false);
    // Every reader is given something (PUBLIC lists at least), so no surface passes by answering 404 to all.
    const given = matrixPublications.filter((p) => ruleSays(reader, p, now)).length;
    expect(given).toBeGreaterThan(0);
  });

  it('a restricted read through the portal and the read API is audited for every reader who tried', async () => {
    const { rows } = await testDb.database.query<{ part: string; outcome: string; n: string }>(
      `SELECT details->>'part' AS part, outcome, count(*) AS n FROM audit_log
        WHERE action = 'RESTRICTED_LIST_ACCESS' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const parts = new Set(rows.map((row) => row.part));
    for (const part of ['metadata', 'payload', 'file', 'page']) expect(parts, part).toContain(part);
    expect(new Set(rows.map((row) => row.outcome))).toEqual(new Set(['SUCCESS', 'DENIED']));
  });
});
