/** validate-token end to end: the real registration, hosted by the local runtime, real tokens, real database. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import type { TestDatabase } from '../../test-support/test-database.js';
import { startSettingsWorld, type SettingsWorld } from '../../test-support/publishing-world.js';

let idp: LocalIdentityProvider;
let testDb: TestDatabase;
let host: LocalFunctionsHost;

let world: SettingsWorld;

beforeAll(async () => {
  world = await startSettingsWorld({ loadIndex: () => import('./index.js') });
  ({ idp, testDb, host } = world);
});

afterAll(() => world.stop());

const validate = (authorization?: string) =>
  fetch(`${host.url}/api/validate-token`, { method: 'POST', headers: authorization ? { authorization } : {} });

describe('POST /api/validate-token', () => {
  it('answers the normalised principal for a valid token', async () => {
    const response = await validate(`Bearer ${await idp.issueToken('cft')}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      provenance: 'CFT_IDAM',
      roles: ['VERIFIED'],
      email: 'caseworker@example.com',
      issuer: 'cftIdam',
    });
  });

  it('answers 401 with a reason code, and audits the rejection', async () => {
    const response = await validate('Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
    expect(await response.json()).toMatchObject({ code: 'TOKEN_ALGORITHM_NOT_ALLOWED' });
    const missing = await validate();
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: 'TOKEN_MISSING', details: [{ field: 'Authorization' }] });
    const { rows } = await testDb.database.query<{ action: string; outcome: string; details: { reason: string } }>(
      'SELECT action, outcome, details FROM audit_log ORDER BY audit_id',
    );
    expect(rows).toEqual([
      { action: 'TOKEN_VALIDATION', outcome: 'FAILURE', details: { reason: 'TOKEN_ALGORITHM_NOT_ALLOWED' } },
      { action: 'TOKEN_VALIDATION', outcome: 'FAILURE', details: { reason: 'TOKEN_MISSING' } },
    ]);
  });
});
