/**
 * Publication ingestion end to end: real tokens from the local identity provider, the ingest-publication and
 * blob-uploaded registrations hosted by the local runtime over real Azurite and PostgreSQL.
 */
import { readFile } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { containers } from '../../shared/storage/names.js';
import { fixtureDirectory, fixtureUrl } from '../../test-support/fixtures.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { CIVIL_LIST_HEADERS } from '../../test-support/publication-requests.js';
import { OXFORD, startPublishingWorld, type PublishingWorld } from '../../test-support/publishing-world.js';
import { listTypes } from '../../shared/publications/catalogue/list-types.js';
import { localPublisherProvenances, publishersMayUse } from '../../test-support/publisher-provenances.js';

const examples = fixtureDirectory('lists');
let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;
let publications: ContainerClient;
let hmiToken: string;
let civilList: Buffer;
/** What the ingest function is given as PUBLISHER_PROVENANCES; one test narrows it. */
let publisherProvenances = localPublisherProvenances;

let world: PublishingWorld;

beforeAll(async () => {
  world = await startPublishingWorld({
    poolSize: 10,
    issuers: ['aad', 'b2c'],
    container: { name: containers.publications },
    ingest: { publisherProvenances: () => publisherProvenances },
    // A court the reference data knows under HMI's own id 1234.
    courts: [OXFORD],
  });
  ({ idp, testDb, host, publications } = world);
  hmiToken = await idp.issueToken('hmi');
  civilList = await readFile(new URL('civilDailyCauseList.json', examples));
});

afterAll(() => world.stop());

const listHeaders = (overrides: Record<string, string> = {}): Record<string, string> => ({
  authorization: `Bearer ${hmiToken}`,
  ...CIVIL_LIST_HEADERS,
  ...overrides,
});

const post = (headers: Record<string, string>, body: string | Buffer | FormData) =>
  fetch(`${host.url}/api/publication`, { method: 'POST', headers, body });

async function published(
  submissionLocation: string,
): Promise<{ status: string; artefactId: string; locationId: string; supersededCount: number }> {
  await host.drain();
  const response = await fetch(`${host.url}${submissionLocation}`, {
    headers: { authorization: `Bearer ${hmiToken}` },
  });
  const body = (await response.json()) as {
    status: string;
    artefactId: string;
    locationId: string;
    supersededCount: number;
  };
  expect(body.status).toBe('published');
  return body;
}

async function counts(): Promise<{ submissions: number; blobs: number }> {
  const { rows } = await testDb.database.query<{ count: string }>('SELECT count(*) FROM submission');
  let blobs = 0;
  for await (const blob of publications.listBlobsFlat()) if (blob.name) blobs += 1;
  return { submissions: Number(rows[0]?.count), blobs };
}

describe('POST /api/publication: who may publish', () => {
  it('needs a token (401) with the publisher role (403)', async () => {
    const withoutToken = listHeaders();
    delete withoutToken.authorization;
    const anonymous = await post(withoutToken, civilList);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'TOKEN_MISSING' });
    const courtel = await post(listHeaders({ authorization: `Bearer ${await idp.issueToken('courtel')}` }), civilList);
    expect(courtel.status).toBe(403);
    const admin = await post(listHeaders({ authorization: `Bearer ${await idp.issueToken('admin')}` }), civilList);
    expect(admin.status).toBe(403);
    expect(await admin.json()).toMatchObject({ code: 'PROVENANCE_NOT_ALLOWED', details: [{ field: 'x-provenance' }] });
  });
});

describe('POST /api/publication: a publisher publishes only as its own sources (PUBLISHER_PROVENANCES)', () => {
  it('refuses hmi as another source (403, audited, nothing stored) and accepts it as its own', async () => {
    publisherProvenances = publishersMayUse({ hmi: ['HMI'], 'list-assist-client': ['LIST_ASSIST'] });
    try {
      const before = await counts();
      const asListAssist = await post(listHeaders({ 'x-provenance': 'list_assist' }), civilList);
      expect(asListAssist.status).toBe(403);
      expect(await asListAssist.json()).toMatchObject({
        code: 'PROVENANCE_NOT_ALLOWED',
        details: [{ field: 'x-provenance', problem: 'is not allowed for this caller' }],
      });
      const validated = await fetch(`${host.url}/api/publication/validate`, {
        method: 'POST',
        headers: listHeaders({ 'x-provenance': 'LIST_ASSIST' }),
        body: civilList,
      });
      expect(validated.status).toBe(403);
      expect(await validated.json()).toMatchObject({ code: 'PROVENANCE_NOT_ALLOWED' });
      expect(await counts()).toEqual(before);
      const { rows } = await testDb.database.query<{
        action: string;
        user_id: string;
        object_id: string;
        details: unknown;
      }>(
        `SELECT action, user_id, object_id, details FROM audit_log
          WHERE outcome = 'DENIED' AND object_type = 'provenance' AND user_id = 'hmi' ORDER BY audit_id`,
      );
      expect(rows).toEqual([
        {
          action: 'PUBLICATION_UPLOAD',
          user_id: 'hmi',
          object_id: 'LIST_ASSIST',
          details: { reason: 'NOT_A_SOURCE_OF_THIS_CLIENT', courtId: '1234' },
        },
        {
          action: 'PUBLICATION_VALIDATE',
          user_id: 'hmi',
          object_id: 'LIST_ASSIST',
          details: { reason: 'NOT_A_SOURCE_OF_THIS_CLIENT', courtId: '1234' },
        },
      ]);
      const asItself = await post(listHeaders({ 'x-provenance': 'hmi', 'x-court-id': '1234' }), civilList);
      expect(asItself.status).toBe(202);
      const { location } = (await asItself.json()) as { location: string };
      expect((await published(location)).locationId).toBe('1501');
    } finally {
      publisherProvenances = localPublisherProvenances;
    }
  });

  it('lets no publisher publish when the setting is absent (fails closed)', async () => {
    publisherProvenances = publishersMayUse({});
    try {
      const before = await counts();
      const response = await post(listHeaders(), civilList);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'PROVENANCE_NOT_ALLOWED' });
      expect(await counts()).toEqual(before);
    } finally {
      publisherProvenances = localPublisherProvenances;
    }
  });
});

describe('POST /api/publication: what is refused, with nothing stored', () => {
  it('names every missing or invalid header', async () => {
    const before = await counts();
    const response = await post(
      listHeaders({
        'x-type': 'LISTING',
        'x-court-id': ' ',
        'x-content-date': 'tomorrow',
        'x-display-to': '2026-11-01T00:00:00',
      }),
      civilList,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; details: { field: string; problem: string }[] };
    expect(body.code).toBe('INVALID_HEADERS');
    expect(body.details.map((d) => d.field).sort()).toEqual(['x-content-date', 'x-court-id', 'x-type']);
    const withoutListType = await post(listHeaders({ 'x-list-type': '' }), civilList);
    expect(((await withoutListType.json()) as { details: { field: string; problem: string }[] }).details).toEqual([
      { field: 'x-list-type', problem: 'x-list-type is required when x-type is LIST' },
    ]);
    const reversed = await post(listHeaders({ 'x-display-to': '2026-11-01T00:00:00' }), civilList);
    expect(((await reversed.json()) as { details: { field: string }[] }).details).toEqual([
      { field: 'x-display-to', problem: 'x-display-to must not be before x-display-from' },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses the invalid example with the schema paths that fail', async () => {
    const before = await counts();
    const response = await post(listHeaders(), await readFile(new URL('civilDailyCauseListInvalid.json', examples)));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; details: { field: string }[] };
    expect(body.code).toBe('INVALID_PAYLOAD');
    expect(body.details.length).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });

  it('refuses malformed JSON, HTML in a string, and more than 2 MB (413)', async () => {
    const before = await counts();
    expect((await post(listHeaders(), '{"document": ')).status).toBe(400);
    const withHtml = JSON.parse(civilList.toString()) as { venue: { venueName: string } };
    withHtml.venue.venueName = '<script>alert(1)</script>';
    const html = await post(listHeaders(), JSON.stringify(withHtml));
    expect(html.status).toBe(400);
    expect(JSON.stringify(await html.json())).toContain('venue.venueName');
    const tooLarge = await post(listHeaders(), Buffer.alloc(2 * 1024 * 1024 + 100_000, 0x20));
    expect(tooLarge.status).toBe(413);
    expect(await counts()).toEqual(before);
  });
});

describe('POST /api/publication: publishing', () => {
  it('answers 202, stores the body byte for byte, and publishes it against the mapped court', async () => {
    const response = await post(listHeaders(), civilList);
    expect(response.status).toBe(202);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/publication\/submissions\/[0-9a-f-]{36}$/);
    const status = await published(location);
    expect(status).toMatchObject({ locationId: '1501', supersededCount: 0 });
    const { rows } = await testDb.database.query<{
      blob_name: string;
      list_type: string;
      search: { caseNumbers: string[] };
    }>('SELECT blob_name, list_type, search FROM artefact WHERE artefact_id = $1', [status.artefactId]);
    expect(rows[0]?.list_type).toBe('CIVIL_DAILY_CAUSE_LIST');
    expect(rows[0]?.search.caseNumbers.length).toBeGreaterThan(0);
    const stored = await publications.getBlobClient(rows[0]?.blob_name ?? '').downloadToBuffer();
    expect(stored.equals(civilList)).toBe(true);
  });

  it('updates a re-sent list in place and deletes the old blob', async () => {
    const headers = listHeaders({ 'x-content-date': '2026-12-02T09:00:00', 'x-display-to': '2026-12-03T00:00:00' });
    const first = await published((await post(headers, civilList)).headers.get('location') ?? '');
    const firstBlob =
      (
        await testDb.database.query<{ blob_name: string }>('SELECT blob_name FROM artefact WHERE artefact_id = $1', [
          first.artefactId,
        ])
      ).rows[0]?.blob_name ?? '';
    const second = await published((await post(headers, civilList)).headers.get('location') ?? '');
    expect(second.artefactId).toBe(first.artefactId);
    expect(second.supersededCount).toBe(1);
    expect(await publications.getBlobClient(firstBlob).exists()).toBe(false);
  });

  it('stores a court the reference data does not know against NoMatch<id>', async () => {
    const status = await published(
      (await post(listHeaders({ 'x-court-id': '999999' }), civilList)).headers.get('location') ?? '',
    );
    expect(status.locationId).toBe('NoMatch999999');
  });

  it('converges 20 concurrent identical uploads on one artefact with no orphan blob', async () => {
    const headers = listHeaders({ 'x-content-date': '2026-12-05T09:00:00', 'x-display-to': '2026-12-06T00:00:00' });
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(headers, civilList)));
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 20 }, () => 202));
    const statuses = await Promise.all(responses.map((r) => published(r.headers.get('location') ?? '')));
    expect(new Set(statuses.map((s) => s.artefactId)).size).toBe(1);
    const { rows } = await testDb.database.query<{ blob_name: string; superseded_count: number }>(
      `SELECT blob_name, superseded_count FROM artefact WHERE content_day = '2026-12-05'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.superseded_count).toBeGreaterThan(0);
    const artefactBlobs = new Set(
      (await testDb.database.query<{ blob_name: string }>('SELECT blob_name FROM artefact')).rows.map(
        (r) => r.blob_name,
      ),
    );
    const orphans: string[] = [];
    for await (const blob of publications.listBlobsFlat()) if (!artefactBlobs.has(blob.name)) orphans.push(blob.name);
    expect(orphans).toEqual([]);
  });

  it('publishes a flat file from a multipart upload, and a redelivered blob changes nothing', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF')]), 'Oxford list.pdf');
    const headers = listHeaders({ 'x-type': 'GENERAL_PUBLICATION', 'x-list-type': '' });
    delete headers['content-type'];
    const status = await published((await post(headers, form)).headers.get('location') ?? '');
    const before = (await testDb.database.query('SELECT * FROM artefact WHERE artefact_id = $1', [status.artefactId]))
      .rows[0] as {
      blob_name: string;
      is_flat_file: boolean;
      content_type: string;
      file_name: string;
      superseded_count: number;
    };
    expect(before).toMatchObject({ is_flat_file: true, content_type: 'application/pdf', file_name: 'Oxford list.pdf' });
    await host.runOnDemand('blobUploaded', `${containers.publications}/${before.blob_name}`);
    const after: unknown = (
      await testDb.database.query('SELECT * FROM artefact WHERE artefact_id = $1', [status.artefactId])
    ).rows[0];
    expect(after).toEqual(before);
  });

  it('accepts a live case status update and refuses a malformed one, naming the field', async () => {
    const sample = JSON.parse(await readFile(fixtureUrl('live', 'liveCaseStatusUpdates.json'), 'utf8')) as {
      results: unknown[];
    };
    const headers = listHeaders({ 'x-type': 'LCSU', 'x-list-type': '' });
    const accepted = await post(headers, JSON.stringify(sample.results[0]));
    expect(accepted.status).toBe(202);
    const refused = await post(
      headers,
      JSON.stringify({
        locationName: 'Oxford',
        lastUpdated: '2026-11-30T10:00:00',
        locationUpdates: [
          {
            courtRoom: 1,
            caseNumber: 'T1',
            caseName: 'R v X',
            event: { eventId: 1, eventStatus: '', eventName: '', eventTime: 'noon' },
          },
        ],
      }),
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      code: 'INVALID_PAYLOAD',
      details: [{ field: 'locationUpdates[0].event.eventTime' }],
    });
  });

  it('refuses a file whose bytes are not a publishable kind', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('MZ\u0090\u0000binary')]), 'list.pdf');
    const headers = listHeaders({ 'x-type': 'GENERAL_PUBLICATION', 'x-list-type': '' });
    delete headers['content-type'];
    const response = await post(headers, form);
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', details: [{ field: 'file' }] });
  });
});

interface ErrorBody {
  code: string;
  message: string;
  details: { field: string; problem: string }[];
  omittedDetails?: number;
}

/** Posts, expects `status`, and answers the error body; nothing may have been stored. */
async function refused(headers: Record<string, string>, body: string | Buffer | FormData, status = 400) {
  const before = await counts();
  const response = await post(headers, body);
  expect(response.status).toBe(status);
  expect(await counts()).toEqual(before);
  return (await response.json()) as ErrorBody;
}

const civilPayload = () =>
  JSON.parse(civilList.toString()) as {
    venue: { venueAddress: { line: string[] } };
    courtLists: {
      courtHouse: {
        courtRoom: {
          session: {
            sittings: {
              hearing: { party?: { individualDetails?: Record<string, string> }[]; case: { caseNumber: string }[] }[];
            }[];
          }[];
        }[];
      };
    }[];
  };
const firstHearing = (payload: ReturnType<typeof civilPayload>) => {
  const hearing = payload.courtLists[0]?.courtHouse.courtRoom[0]?.session[0]?.sittings[0]?.hearing[0];
  if (hearing === undefined) throw new Error('the civil example has no hearing');
  return hearing;
};
const hearingPath = 'courtLists[0].courtHouse.courtRoom[0].session[0].sittings[0].hearing[0]';

describe('POST /api/publication: issue 17, accepted then never finished', () => {
  it('refuses impossible header dates at once, naming the header', async () => {
    expect((await refused(listHeaders({ 'x-content-date': '2026-02-30' }), civilList)).details).toEqual([
      { field: 'x-content-date', problem: expect.stringContaining('is not a real date') as unknown },
    ]);
    expect((await refused(listHeaders({ 'x-display-from': '0000-01-01' }), civilList)).details).toEqual([
      { field: 'x-display-from', problem: expect.stringContaining('is not a real date') as unknown },
    ]);
  });

  it('refuses a NUL in caseNumber and a lone surrogate in a party forename, with the path', async () => {
    const withNul = civilPayload();
    const hearing = firstHearing(withNul);
    const firstCase = hearing.case[0];
    if (firstCase === undefined) throw new Error('the civil example has no case');
    firstCase.caseNumber = 'T1\u0000';
    expect(await refused(listHeaders(), JSON.stringify(withNul))).toMatchObject({
      code: 'INVALID_PAYLOAD',
      details: [{ field: `${hearingPath}.case[0].caseNumber`, problem: 'must not contain NUL (U+0000)' }],
    });
    const withSurrogate = civilPayload();
    const party = firstHearing(withSurrogate).party?.[0];
    if (party?.individualDetails === undefined) throw new Error('the civil example has no individual party');
    party.individualDetails.individualForenames = 'PLACEHOLDER';
    // `\ud800` as a JSON escape, exactly as a client would send it.
    const body = JSON.stringify(withSurrogate).replace('PLACEHOLDER', 'A\\ud800');
    expect(body).toContain('"A\\ud800"');
    expect(await refused(listHeaders(), body)).toMatchObject({
      code: 'INVALID_PAYLOAD',
      details: [
        {
          field: `${hearingPath}.party[0].individualDetails.individualForenames`,
          problem: 'must be valid Unicode (it holds a lone surrogate)',
        },
      ],
    });
  });

  it('accepts and publishes a body with a UTF-8 BOM', async () => {
    const headers = listHeaders({ 'x-content-date': '2026-12-10T09:00:00', 'x-display-to': '2026-12-11T00:00:00' });
    const response = await post(headers, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), civilList]));
    expect(response.status).toBe(202);
    await published(response.headers.get('location') ?? '');
  });

  it('accepts and publishes a valid 800 kB body with 200,000 strings in one array', async () => {
    const payload = civilPayload();
    payload.venue.venueAddress.line = Array.from({ length: 200_000 }, () => 'a');
    const body = JSON.stringify(payload);
    expect(body.length).toBeGreaterThan(800_000);
    const headers = listHeaders({ 'x-content-date': '2026-12-11T09:00:00', 'x-display-to': '2026-12-12T00:00:00' });
    const response = await post(headers, body);
    expect(response.status).toBe(202);
    await published(response.headers.get('location') ?? '');
  });
});

describe('POST /api/publication: issue 17, bounded work on hostile bodies', () => {
  it('refuses JSON nested 5,000 levels deep', async () => {
    expect(await refused(listHeaders(), `${'['.repeat(5_000)}${']'.repeat(5_000)}`)).toEqual({
      code: 'PAYLOAD_TOO_DEEP',
      message: 'The body nests arrays and objects more than 64 levels deep',
      details: [{ field: 'body', problem: 'nests more than 64 levels deep' }],
    });
  });

  it('refuses 200,000 wrong-typed items with the first 50 problems and the count of the rest', async () => {
    const body = await refused(
      listHeaders({ 'x-list-type': 'CST_WEEKLY_HEARING_LIST' }),
      JSON.stringify(Array.from({ length: 200_000 }, () => 1)),
    );
    expect(body.code).toBe('INVALID_PAYLOAD');
    expect(body.details).toHaveLength(50);
    expect(body.details[0]?.field).toBe('[0]');
    expect(body.omittedDetails).toBe(199_950);
    expect(body.message).toContain('200000 problems; the first 50 are listed');
  });
});

describe('POST /api/publication: issue 17, values refused rather than stored', () => {
  it('refuses an LCSU with a list type, and a multipart LCSU', async () => {
    const lcsu = listHeaders({ 'x-type': 'LCSU', 'x-list-type': 'CIVIL_DAILY_CAUSE_LIST' });
    expect((await refused(lcsu, civilList)).details).toEqual([
      { field: 'x-list-type', problem: 'x-list-type must not be sent when x-type is LCSU' },
    ]);
    const form = new FormData();
    form.append('file', new Blob(['{"locationName":"x"}']), 'status.json');
    const multipart = listHeaders({ 'x-type': 'LCSU', 'x-list-type': '' });
    delete multipart['content-type'];
    expect(await refused(multipart, form)).toMatchObject({
      code: 'INVALID_HEADERS',
      details: [{ field: 'content-type' }],
    });
  });

  it('holds x-provenance and x-court-id to a strict pattern, naming the header', async () => {
    for (const provenance of ['<script>alert(1)</script>', '../../etc/passwd']) {
      expect((await refused(listHeaders({ 'x-provenance': provenance }), civilList)).details).toEqual([
        { field: 'x-provenance', problem: 'x-provenance must be 1 to 64 letters, digits, _ or -' },
      ]);
    }
    expect((await refused(listHeaders({ 'x-court-id': 'NoMatch<img onerror=alert(1)>' }), civilList)).details).toEqual([
      { field: 'x-court-id', problem: 'x-court-id must be 1 to 64 letters, digits, _ or -' },
    ]);
  });

  it('requires exactly application/json, still taking a UTF-8 charset', async () => {
    expect(await refused(listHeaders({ 'content-type': 'application/jsonx' }), civilList, 415)).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      details: [{ field: 'content-type' }],
    });
    const headers = listHeaders({
      'content-type': 'application/json; charset=utf-8',
      'x-content-date': '2026-12-12T09:00:00',
      'x-display-to': '2026-12-13T00:00:00',
    });
    expect((await post(headers, civilList)).status).toBe(202);
  });

  it('refuses an empty or missing sensitivity where the catalogue default is not PUBLIC', async () => {
    const withoutSensitivity = listHeaders();
    delete withoutSensitivity['x-sensitivity'];
    for (const headers of [listHeaders({ 'x-sensitivity': '' }), withoutSensitivity]) {
      expect((await refused(headers, civilList)).details).toEqual([
        {
          field: 'x-sensitivity',
          problem: 'x-sensitivity is required for CIVIL_DAILY_CAUSE_LIST (its default is not PUBLIC)',
        },
      ]);
    }
  });

  it('refuses HTML in an object key, with the path', async () => {
    const general = listHeaders({ 'x-type': 'GENERAL_PUBLICATION', 'x-list-type': '' });
    expect(await refused(general, '{"<script>alert(1)</script>": "x"}')).toMatchObject({
      code: 'INVALID_PAYLOAD',
      details: [{ field: '["<script>alert(1)</script>"]', problem: 'is a key that contains HTML tags' }],
    });
    const list = JSON.parse(civilList.toString()) as Record<string, unknown>;
    list['<img src=x onerror=alert(1)>'] = 'x';
    expect(await refused(listHeaders(), JSON.stringify(list))).toMatchObject({
      details: [{ field: '["<img src=x onerror=alert(1)>"]' }],
    });
  });
});

describe('POST /api/publication: issue 11, list types published as files only', () => {
  const fileOnly = listTypes.filter((t) => t.fileOnly).map((t) => t.id);

  it('are the eight the live service has no JSON schema for', () => {
    expect(fileOnly.sort()).toEqual(
      [
        'BUSINESS_AND_PROPERTY_DAILY_CAUSE_LIST',
        'CIRCUIT_COMMERCIAL_COURT_DAILY_CAUSE_LIST',
        'HIGH_COURT_CIVIL_DAILY_CAUSE_LIST',
        'HIGH_COURT_FAMILY_DAILY_CAUSE_LIST',
        'MENTAL_HEALTH_TRIBUNAL_HEARING_LIST',
        'PCOL_DAILY_CAUSE_LIST',
        'SJP_PRESS_REGISTER',
        'TECHNOLOGY_AND_CONSTRUCTION_COURT_DAILY_CAUSE_LIST',
      ].sort(),
    );
  });

  it.each(fileOnly)('refuses a JSON body for %s with LIST_TYPE_FILE_ONLY naming x-list-type', async (listType) => {
    // A payload the master schema accepts: the list type, not the payload, is what is refused.
    const body = await refused(listHeaders({ 'x-list-type': listType.toLowerCase() }), civilList);
    expect(body).toMatchObject({
      code: 'LIST_TYPE_FILE_ONLY',
      details: [{ field: 'x-list-type', problem: expect.stringContaining('file') as unknown }],
    });
  });

  it('publishes a PDF or Word file of a file-only list type', async () => {
    const files: [name: string, bytes: Buffer, contentType: string][] = [
      ['PCOL list.pdf', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF'), 'application/pdf'],
      ['Press register.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'application/msword'],
    ];
    for (const [index, [name, bytes, contentType]] of files.entries()) {
      const form = new FormData();
      form.append('file', new Blob([bytes]), name);
      const headers = listHeaders({
        'x-list-type': index === 0 ? 'PCOL_DAILY_CAUSE_LIST' : 'SJP_PRESS_REGISTER',
        'x-sensitivity': 'PUBLIC',
      });
      delete headers['content-type'];
      const response = await post(headers, form);
      expect(response.status, name).toBe(202);
      const status = await published(response.headers.get('location') ?? '');
      const { rows } = await testDb.database.query<{ is_flat_file: boolean; content_type: string }>(
        'SELECT is_flat_file, content_type FROM artefact WHERE artefact_id = $1',
        [status.artefactId],
      );
      expect(rows[0], name).toEqual({ is_flat_file: true, content_type: contentType });
    }
  });
});
