/**
 * The publications read API end to end: lists published through POST api/publication and the blob trigger, read
 * back through the local Functions host with real tokens from the local identity provider (people and services),
 * over real Azurite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalIdentityProvider, LocalRole } from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { createAnonymousAudit } from '../../shared/audit/anonymous-audit.js';
import { fixtureDirectory } from '../../test-support/fixtures.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { OXFORD, startPublishingWorld, type PublishingWorld } from '../../test-support/publishing-world.js';

const examples = fixtureDirectory('lists');
let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let publications: ContainerClient;
const tokens = new Map<LocalRole, string>();
let civilList: Buffer;

const day = 24 * 60 * 60 * 1000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
let nextContentDay = 0;

let world: PublishingWorld;

beforeAll(async () => {
  world = await startPublishingWorld({
    poolSize: 10,
    // A publications container of its own in the shared Azurite, so no other test file's blobs reach this one's trigger.
    container: { prefix: 'publications' },
    readApi: ({ database }) => ({ anonymousAudit: createAnonymousAudit({ database }) }),
    courts: [OXFORD],
  });
  ({ idp, testDb, host, publications } = world);
  for (const role of ['hmi', 'courtel', 'media', 'cft', 'crime', 'admin', 'sysadmin'] as const)
    tokens.set(role, await idp.issueToken(role));
  civilList = await readFile(new URL('civilDailyCauseList.json', examples));
});

afterAll(() => world.stop());

const bearer = (role: LocalRole): Record<string, string> => ({ authorization: `Bearer ${tokens.get(role) ?? ''}` });

interface PublishOptions {
  sensitivity?: string;
  listType?: string;
  courtId?: string;
  from?: string;
  to?: string;
  body?: Buffer | FormData;
}

/** Publishes through POST api/publication and waits for the blob trigger; answers the artefact id. */
async function publish(options: PublishOptions = {}): Promise<string> {
  nextContentDay += 1;
  const contentDate = new Date(Date.UTC(2027, 0, nextContentDay)).toISOString().slice(0, 10);
  const isFile = options.body instanceof FormData;
  const headers: Record<string, string> = {
    ...bearer('hmi'),
    'x-provenance': 'HMI',
    'x-type': isFile ? 'GENERAL_PUBLICATION' : 'LIST',
    'x-court-id': options.courtId ?? '1234',
    'x-content-date': `${contentDate}T09:00:00`,
    'x-sensitivity': options.sensitivity ?? 'PUBLIC',
    'x-language': 'ENGLISH',
    'x-display-from': options.from ?? iso(-day),
    'x-display-to': options.to ?? iso(day),
  };
  if (!isFile) {
    headers['content-type'] = 'application/json';
    headers['x-list-type'] = options.listType ?? 'CIVIL_DAILY_CAUSE_LIST';
  }
  const response = await fetch(`${host.url}/api/publication`, {
    method: 'POST',
    headers,
    body: options.body ?? civilList,
  });
  expect(response.status).toBe(202);
  const location = response.headers.get('location') ?? '';
  await host.drain();
  const status = (await (await fetch(`${host.url}${location}`, { headers: bearer('hmi') })).json()) as {
    status: string;
    artefactId: string;
  };
  expect(status.status).toBe('published');
  return status.artefactId;
}

const get = (path: string, role?: LocalRole | 'invalid') =>
  fetch(`${host.url}${path}`, {
    headers: role === undefined ? {} : role === 'invalid' ? { authorization: 'Bearer not-a-token' } : bearer(role),
  });

async function restrictedAudits(
  artefactId: string,
): Promise<{ outcome: string; user_id: string | null; part: string }[]> {
  const { rows } = await testDb.database.query<{ outcome: string; user_id: string | null; part: string }>(
    `SELECT outcome, user_id, details->>'part' AS part FROM audit_log WHERE action = 'RESTRICTED_LIST_ACCESS' AND object_id = $1 ORDER BY audit_id`,
    [artefactId],
  );
  return rows;
}

let publicList: string;
let privateList: string;
let classifiedCivil: string;
let classifiedMagistrates: string;
let internalList: string;
let notYetDisplayed: string;
let pdf: string;
let word: string;

beforeAll(async () => {
  publicList = await publish();
  privateList = await publish({ sensitivity: 'PRIVATE' });
  classifiedCivil = await publish({ sensitivity: 'CLASSIFIED' });
  classifiedMagistrates = await publish({
    sensitivity: 'CLASSIFIED',
    listType: 'MAGISTRATES_PUBLIC_LIST',
    body: await readFile(new URL('magistratesPublicList.json', examples)),
  });
  internalList = await publish({ sensitivity: 'INTERNAL' });
  notYetDisplayed = await publish({ from: iso(2 * day), to: iso(3 * day) });
  const pdfForm = new FormData();
  pdfForm.append('file', new Blob([Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF')]), 'Oxford list.pdf');
  pdf = await publish({ body: pdfForm });
  const wordForm = new FormData();
  wordForm.append(
    'file',
    new Blob([Buffer.from('PK\u0003\u0004\u0014\u0000[Content_Types].xml word/document.xml')]),
    'Rhestr Caerdydd ŵyl (drafft).docx',
  );
  word = await publish({ body: wordForm });
}, 60_000);

describe('GET api/publication/{artefactId}', () => {
  it('answers a public list to anyone, in camelCase with the catalogue name', async () => {
    const response = await get(`/api/publication/${publicList}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      artefactId: publicList,
      locationId: '1501',
      provenance: 'HMI',
      sourceArtefactId: null,
      type: 'LIST',
      listType: 'CIVIL_DAILY_CAUSE_LIST',
      listName: { en: 'Civil Daily Cause List', cy: expect.any(String) as string },
      contentDate: expect.stringMatching(/^2027-01-\d\dT09:00:00$/) as string,
      language: 'ENGLISH',
      sensitivity: 'PUBLIC',
      displayFrom: expect.any(String) as string,
      displayTo: expect.any(String) as string,
      isFlatFile: false,
      contentType: 'application/json',
      fileName: null,
      payloadSize: civilList.length,
      supersededCount: 0,
      lastReceivedDate: expect.any(String) as string,
    });
    expect(await restrictedAudits(publicList)).toEqual([]);
  });

  it('refuses an invalid token (401) rather than treating the caller as anonymous', async () => {
    const response = await get(`/api/publication/${publicList}`, 'invalid');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'TOKEN_MALFORMED', details: [{ field: 'Authorization' }] });
  });

  it('answers 404, the same as for an id that does not exist, to a caller who may not read the list', async () => {
    const missing = await get(`/api/publication/${randomUUID()}`);
    const hidden = await get(`/api/publication/${privateList}`);
    expect(missing.status).toBe(404);
    expect(hidden.status).toBe(404);
    const [missingBody, hiddenBody] = (await Promise.all([missing.json(), hidden.json()])) as {
      code: string;
      message: string;
    }[];
    expect(hiddenBody?.code).toBe(missingBody?.code);
    expect(hiddenBody?.code).toBe('PUBLICATION_NOT_FOUND');
  });

  it('applies the sensitivity rules to people and services alike, and audits every restricted read', async () => {
    const status = async (id: string, role?: LocalRole) => (await get(`/api/publication/${id}`, role)).status;
    // PRIVATE: verified people and verified third parties.
    expect(await status(privateList, 'media')).toBe(200);
    expect(await status(privateList, 'courtel')).toBe(200);
    expect(await status(privateList, 'hmi')).toBe(404);
    // CLASSIFIED civil: CFT IDAM only; CLASSIFIED magistrates: Crime IDAM and PI_AAD (media, and Courtel as press).
    expect(await status(classifiedCivil, 'cft')).toBe(200);
    expect(await status(classifiedCivil, 'media')).toBe(404);
    expect(await status(classifiedCivil, 'crime')).toBe(404);
    expect(await status(classifiedCivil, 'courtel')).toBe(404);
    expect(await status(classifiedMagistrates, 'crime')).toBe(200);
    expect(await status(classifiedMagistrates, 'courtel')).toBe(200);
    expect(await status(classifiedMagistrates, 'cft')).toBe(404);
    // INTERNAL: system administrators only.
    expect(await status(internalList, 'sysadmin')).toBe(200);
    expect(await status(internalList, 'admin')).toBe(404);

    expect(await restrictedAudits(classifiedCivil)).toEqual([
      { outcome: 'SUCCESS', user_id: 'be7d1fff-0566-43cc-841f-000000000004', part: 'metadata' },
      { outcome: 'DENIED', user_id: '0b6f7a3e-1c2d-4e5f-8a9b-000000000001', part: 'metadata' },
      { outcome: 'DENIED', user_id: 'be7d1fff-0566-43cc-841f-000000000005', part: 'metadata' },
      { outcome: 'DENIED', user_id: 'courtel', part: 'metadata' },
    ]);
  });

  it('shows a list outside its display window to admins only', async () => {
    expect((await get(`/api/publication/${notYetDisplayed}`)).status).toBe(404);
    expect((await get(`/api/publication/${notYetDisplayed}`, 'media')).status).toBe(404);
    expect((await get(`/api/publication/${notYetDisplayed}`, 'admin')).status).toBe(200);
  });
});

describe('GET api/publication/{artefactId}/payload', () => {
  it('answers the stored JSON byte for byte as application/json', async () => {
    const response = await get(`/api/publication/${publicList}/payload`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(Buffer.from(await response.arrayBuffer()).equals(civilList)).toBe(true);
  });

  it('hides a restricted payload (404) and audits a permitted read of it', async () => {
    // Anonymous refusals are aggregated (issue 18): twenty of them write one row until the window closes.
    for (let i = 0; i < 20; i += 1) expect((await get(`/api/publication/${classifiedCivil}/payload`)).status).toBe(404);
    const allowed = await get(`/api/publication/${classifiedCivil}/payload`, 'cft');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await allowed.arrayBuffer()).equals(civilList)).toBe(true);
    expect((await restrictedAudits(classifiedCivil)).filter((a) => a.part === 'payload')).toEqual([
      { outcome: 'DENIED', user_id: null, part: 'payload' },
      { outcome: 'SUCCESS', user_id: 'be7d1fff-0566-43cc-841f-000000000004', part: 'payload' },
    ]);
  });

  it('points a flat file to /file', async () => {
    const response = await get(`/api/publication/${pdf}/payload`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_A_JSON_PUBLICATION' });
  });
});

describe('GET api/publication/{artefactId}/payload of a live case status (issue 14)', () => {
  /** Publishes a live status at Oxford through POST api/publication and the blob trigger; answers the artefact id. */
  async function publishLive(event: { eventId: number; eventName: string }): Promise<string> {
    const body = JSON.stringify({
      locationName: 'Oxford',
      lastUpdated: new Date().toISOString().slice(0, 19),
      locationUpdates: [
        {
          courtRoom: 1,
          caseNumber: 'T1',
          caseName: 'Secret Party',
          event: { ...event, eventStatus: '', eventTime: '' },
        },
        {
          courtRoom: 2,
          caseNumber: 'T2',
          caseName: 'Open Party',
          event: { eventId: 2, eventName: 'Sworn', eventStatus: '', eventTime: '' },
        },
      ],
    });
    const response = await fetch(`${host.url}/api/publication`, {
      method: 'POST',
      headers: {
        ...bearer('hmi'),
        'content-type': 'application/json',
        'x-provenance': 'HMI',
        'x-type': 'LCSU',
        'x-court-id': '1234',
        'x-content-date': '2027-06-01T09:00:00',
        'x-sensitivity': 'PUBLIC',
        'x-language': 'ENGLISH',
        'x-display-from': iso(-day),
        'x-display-to': iso(day),
      },
      body,
    });
    expect(response.status, await response.clone().text()).toBe(202);
    await host.drain();
    const status = (await (
      await fetch(`${host.url}${response.headers.get('location') ?? ''}`, { headers: bearer('hmi') })
    ).json()) as { status: string; artefactId: string };
    expect(status.status).toBe('published');
    return status.artefactId;
  }

  it("never serves a restricted case's name, after event 38 and after a later unrelated event alike", async () => {
    const restrictedId = await publishLive({
      eventId: 38,
      eventName: 'Reporting Restrictions. For details please contact the Court Manager',
    });
    const first = await (await get(`/api/publication/${restrictedId}/payload`)).text();
    expect(first).not.toContain('Secret Party');
    expect(first).toContain('Open Party');
    // The room's latest event is now another: the update still names the case, the payload still does not.
    const laterId = await publishLive({ eventId: 11, eventName: 'Case adjourned' });
    expect(laterId).toBe(restrictedId);
    const later = await (await get(`/api/publication/${laterId}/payload`)).text();
    expect(later).not.toContain('Secret Party');
    expect(JSON.parse(later)).toMatchObject({
      locationUpdates: [
        { caseNumber: 'T1', caseName: 'Reporting restrictions apply to this case', reportingRestrictions: true },
        { caseNumber: 'T2', caseName: 'Open Party' },
      ],
    });
    // Lifted: the name is served again.
    await publishLive({ eventId: 39, eventName: 'Reporting Restrictions Lifted' });
    expect(await (await get(`/api/publication/${laterId}/payload`)).text()).toContain('Secret Party');
  });
});

describe('GET api/publication/{artefactId}/file', () => {
  it('answers a PDF inline with its content type, nosniff and an RFC 6266 file name', async () => {
    const response = await get(`/api/publication/${pdf}/file`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-disposition')).toBe(
      `inline; filename="Oxford list.pdf"; filename*=UTF-8''Oxford%20list.pdf`,
    );
    expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toMatch(/^%PDF-1\.7/);
  });

  it('makes any other kind a download, with an ASCII fallback and the exact UTF-8 name', async () => {
    const response = await get(`/api/publication/${word}/file`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    // The upload kept letters, digits, spaces and ._- and replaced the brackets.
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Rhestr Caerdydd wyl _drafft_.docx"; filename*=UTF-8''Rhestr%20Caerdydd%20%C5%B5yl%20_drafft_.docx`,
    );
  });

  it('points a JSON list to /payload', async () => {
    expect(await (await get(`/api/publication/${publicList}/file`)).json()).toMatchObject({ code: 'NOT_A_FLAT_FILE' });
  });
});

describe('GET api/publications?locationId=', () => {
  const summary = async (role?: LocalRole) => {
    const response = await get('/api/publications?locationId=1501', role);
    expect(response.status).toBe(200);
    return (await response.json()) as { artefactId: string; listName: { en: string } | null; sensitivity: string }[];
  };

  it('lists what the caller may read now, with friendly list names', async () => {
    const anonymous = await summary();
    expect(new Set(anonymous.map((p) => p.artefactId))).toEqual(new Set([publicList, pdf, word]));
    expect(anonymous.find((p) => p.artefactId === publicList)?.listName?.en).toBe('Civil Daily Cause List');
    expect(anonymous.find((p) => p.artefactId === pdf)?.listName).toBeNull();
    const cft = new Set((await summary('cft')).map((p) => p.artefactId));
    expect(cft).toEqual(new Set([publicList, pdf, word, privateList, classifiedCivil]));
    const crime = new Set((await summary('crime')).map((p) => p.artefactId));
    expect(crime).toEqual(new Set([publicList, pdf, word, privateList, classifiedMagistrates]));
    // Admins also see what is not displayed yet; the CTSC admin (PI_AAD) reads classified magistrates lists, not civil.
    const admin = new Set((await summary('admin')).map((p) => p.artefactId));
    expect(admin).toEqual(new Set([publicList, pdf, word, privateList, classifiedMagistrates, notYetDisplayed]));
  });

  it('names a missing or malformed locationId (400) and an unknown court (404)', async () => {
    expect(await (await get('/api/publications')).json()).toEqual({
      code: 'INVALID_QUERY',
      message: expect.any(String) as string,
      details: [{ field: 'locationId', problem: 'is required' }],
    });
    expect((await get('/api/publications?locationId=Oxford')).status).toBe(400);
    expect((await get('/api/publications?locationId=4242')).status).toBe(404);
  });
});

describe('GET api/publication/no-match', () => {
  it('lists, for admins only, publications stored against a court the reference data does not know', async () => {
    const orphan = await publish({ courtId: '999999' });
    expect((await get('/api/publication/no-match')).status).toBe(401);
    expect((await get('/api/publication/no-match', 'media')).status).toBe(403);
    const response = await get('/api/publication/no-match', 'admin');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      expect.objectContaining({ artefactId: orphan, locationId: 'NoMatch999999' }),
    ]);
  });

  it('filters the listing by the access rules: an INTERNAL orphan is listed to a system admin only', async () => {
    const internalOrphan = await publish({ courtId: '999998', sensitivity: 'INTERNAL' });
    const ids = async (role: LocalRole) =>
      ((await (await get('/api/publication/no-match', role)).json()) as { artefactId: string }[]).map(
        (item) => item.artefactId,
      );
    expect(await ids('admin')).not.toContain(internalOrphan);
    expect(await ids('sysadmin')).toContain(internalOrphan);
  });
});

describe('a publication whose stored content is gone', () => {
  const blobOf = async (artefactId: string): Promise<string> =>
    (
      await testDb.database.query<{ blob_name: string }>('SELECT blob_name FROM artefact WHERE artefact_id = $1', [
        artefactId,
      ])
    ).rows[0]?.blob_name ?? '';

  it('answers 404 PUBLICATION_NO_LONGER_AVAILABLE for its payload and its file, never a 500', async () => {
    const list = await publish();
    const fileForm = new FormData();
    fileForm.append('file', new Blob([Buffer.from('%PDF-1.7\n%%EOF')]), 'gone.pdf');
    const file = await publish({ body: fileForm });
    await publications.getBlobClient(await blobOf(list)).delete();
    await publications.getBlobClient(await blobOf(file)).delete();

    for (const path of [`/api/publication/${list}/payload`, `/api/publication/${file}/file`]) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        code: 'PUBLICATION_NO_LONGER_AVAILABLE',
        details: [{ field: 'artefactId', problem: 'stored content missing' }],
      });
    }
    // Its metadata is still in the database, so that still answers.
    expect((await get(`/api/publication/${list}`)).status).toBe(200);
  });
});

describe('DELETE api/publication/{artefactId}', () => {
  const del = (id: string, role?: LocalRole) =>
    fetch(`${host.url}/api/publication/${id}`, { method: 'DELETE', headers: role === undefined ? {} : bearer(role) });

  it('lets admins delete the row then the blob, and audits every attempt', async () => {
    const doomed = await publish();
    const { rows } = await testDb.database.query<{ blob_name: string }>(
      'SELECT blob_name FROM artefact WHERE artefact_id = $1',
      [doomed],
    );
    const blobName = rows[0]?.blob_name ?? '';
    expect(await publications.getBlobClient(blobName).exists()).toBe(true);

    expect((await del(doomed)).status).toBe(401);
    expect((await del(doomed, 'media')).status).toBe(403);
    const deleted = await del(doomed, 'admin');
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ artefactId: doomed, message: `Publication ${doomed} has been deleted` });
    expect((await testDb.database.query('SELECT 1 FROM artefact WHERE artefact_id = $1', [doomed])).rowCount).toBe(0);
    expect(await publications.getBlobClient(blobName).exists()).toBe(false);
    expect((await get(`/api/publication/${doomed}`)).status).toBe(404);
    expect((await del(doomed, 'admin')).status).toBe(404);

    const audits = await testDb.database.query<{ outcome: string; user_id: string }>(
      `SELECT outcome, user_id FROM audit_log WHERE action = 'PUBLICATION_DELETE' AND object_id = $1 ORDER BY audit_id`,
      [doomed],
    );
    expect(audits.rows).toEqual([
      { outcome: 'DENIED', user_id: '0b6f7a3e-1c2d-4e5f-8a9b-000000000001' },
      { outcome: 'SUCCESS', user_id: '0b6f7a3e-1c2d-4e5f-8a9b-000000000002' },
      { outcome: 'FAILURE', user_id: '0b6f7a3e-1c2d-4e5f-8a9b-000000000002' },
    ]);
  });
});
