/** The locations read API, deletion and glossary, with their dependencies passed in. */
import functions from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.js';
import type { GlossaryState } from '../../shared/glossary/glossary.js';
import type { Location } from '../../shared/reference-data/location-queries.js';
import { importCourtFile } from '../../shared/reference-data/court-import.js';
import { verifierFor } from '../../test-support/fake-verifier.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.js';
import {
  handleDeleteLocation,
  handleGetGlossary,
  handleGetLocation,
  handleListLocations,
  type LocationsDependencies,
} from './locations-handler.js';
import { insertPublicationRow } from '../../test-support/publication-rows.js';

const sysadmin: Principal = {
  userId: 'admin-1',
  provenance: 'PI_AAD',
  roles: ['SYSTEM_ADMIN'],
  email: 'admin@example.gov.uk',
  name: null,
};
const media: Principal = {
  userId: 'media-1',
  provenance: 'PI_AAD',
  roles: ['VERIFIED'],
  email: 'reporter@example.com',
  name: null,
};

let testDb: TestDatabase;
let caller: Principal | null = null;
let glossaryState: GlossaryState = { status: 'MISSING' };
let deps: LocationsDependencies;

beforeAll(async () => {
  testDb = await createTestDatabase();
  deps = {
    database: testDb.database,
    glossary: { current: () => Promise.resolve(glossaryState) },
    verifier: verifierFor(() => caller),
  };
  const result = await importCourtFile(
    testDb.database,
    [
      'P&I ID,Court Desc,Region,Jurisdiction,Jurisdiction Type,Provenance,Provenance Location ID,Provenance Location Type,Welsh Court Desc,Welsh Region,Welsh Jurisdiction,Welsh Jurisdiction Type',
      '101,Cardiff Crown Court,Wales,Crime,Crown Court,LIST_ASSIST,1,venue,Llys y Goron Caerdydd,Cymru,Trosedd,Llys y Goron',
      '102,Bristol Civil Justice Centre,South West,Civil;Family,County Court;Family Court,LIST_ASSIST,2,venue,,,,',
      '103,Aberystwyth Justice Centre,Wales,Civil;Crime,Magistrates Court,LIST_ASSIST,3,venue,Canolfan Gyfiawnder Aberystwyth,Cymru,Sifil;Trosedd,Llys Ynadon',
    ].join('\n'),
  );
  expect(result.ok).toBe(true);
});
afterAll(async () => {
  await testDb.drop();
});

const request = (url: string, params: Record<string, string> = {}, method = 'GET') =>
  new functions.HttpRequest({ method, url: `http://localhost${url}`, params });
const context = () => new functions.InvocationContext({ invocationId: 'inv-1', functionName: 'test' });
const names = (body: unknown) => (body as Location[]).map((l) => l.name);

describe('GET /api/locations', () => {
  it('lists every location by name with its Welsh fields and date updated', async () => {
    const response = await handleListLocations(deps, request('/api/locations'));
    expect(response.status).toBe(200);
    expect(names(response.jsonBody)).toEqual([
      'Aberystwyth Justice Centre',
      'Bristol Civil Justice Centre',
      'Cardiff Crown Court',
      'Single Justice Procedure',
    ]);
    expect((response.jsonBody as Location[])[2]).toEqual({
      locationId: 101,
      name: 'Cardiff Crown Court',
      welshName: 'Llys y Goron Caerdydd',
      region: ['Wales'],
      welshRegion: ['Cymru'],
      jurisdiction: ['Crime'],
      welshJurisdiction: ['Trosedd'],
      jurisdictionType: ['Crown Court'],
      welshJurisdictionType: ['Llys y Goron'],
      dateUpdated: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    });
  });

  it('filters by region and by jurisdiction or jurisdiction type, case-insensitively, repeated or comma-separated', async () => {
    expect(names((await handleListLocations(deps, request('/api/locations?region=wales'))).jsonBody)).toEqual([
      'Aberystwyth Justice Centre',
      'Cardiff Crown Court',
    ]);
    expect(
      names((await handleListLocations(deps, request('/api/locations?region=Wales&jurisdiction=Civil'))).jsonBody),
    ).toEqual(['Aberystwyth Justice Centre']);
    expect(
      names(
        (await handleListLocations(deps, request('/api/locations?jurisdiction=Family%20Court,Crown%20Court'))).jsonBody,
      ),
    ).toEqual(['Bristol Civil Justice Centre', 'Cardiff Crown Court']);
    expect(names((await handleListLocations(deps, request('/api/locations?region=Scotland'))).jsonBody)).toEqual([]);
  });

  it('filters by the Welsh fields and orders by Welsh name with language=cy', async () => {
    const response = await handleListLocations(
      deps,
      request('/api/locations?language=cy&region=Cymru&jurisdiction=Trosedd'),
    );
    expect((response.jsonBody as Location[]).map((l) => l.welshName)).toEqual([
      'Canolfan Gyfiawnder Aberystwyth',
      'Llys y Goron Caerdydd',
    ]);
  });
});

describe('GET /api/locations/{locationId}', () => {
  it('answers the location, or 404', async () => {
    expect(await handleGetLocation(deps, request('/api/locations/9', { locationId: '9' }))).toMatchObject({
      status: 200,
      jsonBody: { locationId: 9, name: 'Single Justice Procedure' },
    });
    expect(await handleGetLocation(deps, request('/api/locations/4242', { locationId: '4242' }))).toMatchObject({
      status: 404,
      jsonBody: { code: 'LOCATION_NOT_FOUND' },
    });
  });
});

describe('DELETE /api/locations/{locationId}', () => {
  const del = (id: string) =>
    handleDeleteLocation(deps, request(`/api/locations/${id}`, { locationId: id }, 'DELETE'), context());
  const auditsFor = async (id: string) =>
    (
      await testDb.database.query<Record<string, unknown>>(
        'SELECT outcome, user_id, details FROM audit_log WHERE action = $1 AND object_id = $2 ORDER BY audit_id',
        ['LOCATION_DELETE', id],
      )
    ).rows;

  it('answers 401 without a principal and 403 (audited) to a non system administrator', async () => {
    caller = null;
    expect(await del('102')).toMatchObject({
      status: 401,
      jsonBody: { code: 'TOKEN_MISSING', details: [{ field: 'Authorization' }] },
    });
    caller = media;
    expect(await del('102')).toMatchObject({ status: 403, jsonBody: { code: 'FORBIDDEN' } });
    expect(await auditsFor('102')).toEqual([{ outcome: 'DENIED', user_id: 'media-1', details: {} }]);
  });

  it('deletes the location and its references for a system administrator, and audits it', async () => {
    caller = sysadmin;
    expect(await del('102')).toMatchObject({
      status: 200,
      jsonBody: { locationId: 102, name: 'Bristol Civil Justice Centre' },
    });
    expect((await handleGetLocation(deps, request('/api/locations/102', { locationId: '102' }))).status).toBe(404);
    const refs = await testDb.database.query('SELECT 1 FROM court_reference WHERE location_id = 102');
    expect(refs.rowCount).toBe(0);
    expect((await auditsFor('102')).at(-1)).toEqual({
      outcome: 'SUCCESS',
      user_id: 'admin-1',
      details: { name: 'Bristol Civil Justice Centre', referencesDeleted: 1 },
    });
  });

  it('answers 404 for an unknown location and 409 for the Single Justice Procedure location', async () => {
    caller = sysadmin;
    expect(await del('4242')).toMatchObject({ status: 404, jsonBody: { code: 'LOCATION_NOT_FOUND' } });
    expect(await del('9')).toMatchObject({ status: 409, jsonBody: { code: 'LOCATION_PROTECTED' } });
    expect((await handleGetLocation(deps, request('/api/locations/9', { locationId: '9' }))).status).toBe(200);
  });
});

describe('DELETE /api/locations/{locationId} with live publications', () => {
  it('answers 409 naming how many live publications the court has, audits the refusal, and keeps the court', async () => {
    caller = sysadmin;
    for (const day of ['2026-11-30', '2026-12-01']) {
      await insertPublicationRow(testDb.database, {
        provenance: 'LIST_ASSIST',
        type: 'GENERAL_PUBLICATION',
        locationId: '103',
        contentDate: `${day}T00:00:00`,
        displayFrom: new Date(),
        displayTo: null,
        isFlatFile: true,
        contentType: 'application/pdf',
        payloadSize: 1,
      });
    }
    const response = await handleDeleteLocation(
      deps,
      request('/api/locations/103', { locationId: '103' }, 'DELETE'),
      context(),
    );
    expect(response).toMatchObject({
      status: 409,
      jsonBody: {
        code: 'LOCATION_HAS_LIVE_PUBLICATIONS',
        message: expect.stringContaining('2 live publications') as string,
        details: [{ field: 'locationId', problem: 'has 2 live publications' }],
      },
    });
    expect((await handleGetLocation(deps, request('/api/locations/103', { locationId: '103' }))).status).toBe(200);
    const audit = await testDb.database.query<{ outcome: string; details: unknown }>(
      `SELECT outcome, details FROM audit_log WHERE action = 'LOCATION_DELETE' AND object_id = '103' ORDER BY audit_id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toEqual({
      outcome: 'FAILURE',
      details: { reason: 'HAS_LIVE_PUBLICATIONS', livePublications: 2 },
    });
  });
});

describe('GET /api/glossary', () => {
  it('answers the loaded glossary', async () => {
    glossaryState = {
      status: 'LOADED',
      blobName: 'g.json',
      entries: [{ name: 'Adjourned', description: 'The case has been adjourned.' }],
    };
    expect(await handleGetGlossary(deps, context())).toMatchObject({
      status: 200,
      jsonBody: [{ name: 'Adjourned', description: 'The case has been adjourned.' }],
    });
  });

  it('answers 503 when no usable glossary has been dropped', async () => {
    glossaryState = { status: 'INVALID', blobName: 'g.json', problems: ['0.name: must not be empty'] };
    expect(await handleGetGlossary(deps, context())).toMatchObject({
      status: 503,
      jsonBody: { code: 'GLOSSARY_UNAVAILABLE' },
    });
  });
});
