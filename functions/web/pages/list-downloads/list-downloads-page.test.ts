/**
 * A list's PDF and workbook on the portal (issue 13): downloads for signed-in readers under the access rule, audited
 * as data exports, and the list page's links and "changes since" summary in English and Welsh.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../shared/audit/audit-log.js';
import { listChanges } from '../../../../shared/publications/renditions/list-changes.js';
import type { ListRenditions } from '../../../../shared/publications/renditions/list-renditions.js';
import { fakeDependencies, fakeSignIn, publication, request, testPrincipals } from '../../testing/web-test-kit.js';

const list = publication();
const classified = publication({ artefactId: '33333333-2222-4333-8444-555555555555', sensitivity: 'CLASSIFIED' });
const pdf = Buffer.from('%PDF-1.7 a rendered list');

/** A list rendered twice: a case moved, one was added and one removed since the version before. */
const renditions: ListRenditions = {
  summary: () =>
    Promise.resolve({
      pdf: true,
      workbook: false,
      changes: listChanges(
        [
          { reference: 'CN-1', name: 'A v B', time: '10:00', courtroom: '1' },
          { reference: 'CN-2', name: 'C v D', time: '11:00', courtroom: '2' },
        ],
        [
          { reference: 'CN-1', name: 'A v B', time: '14:00', courtroom: '3' },
          { reference: 'CN-4', name: 'G v H', time: '15:00', courtroom: '1' },
        ],
      ),
    }),
  read: (_publication, format) => Promise.resolve(format === 'pdf' ? pdf : null),
};

async function setUp() {
  const signIn = fakeSignIn();
  const audited: AuditEvent[] = [];
  const { sessionId } = await signIn.signInAs(testPrincipals.media);
  const deps = fakeDependencies({
    signIn,
    audited,
    publications: [list, classified],
    payloads: { 'payload.json': '{}' },
    overrides: { renditions },
  });
  return { deps, audited, cookie: `pip-session=${sessionId}` };
}

describe("a list's downloads", () => {
  it('gives a signed-in reader the PDF as an attachment, audited as a data export', async () => {
    const { deps, audited, cookie } = await setUp();
    const response = await request(deps, `/list/${list.artefactId}/pdf`, { cookie });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="Civil Daily Cause List 2026-11-30.pdf"/,
    );
    expect(response.bytes?.equals(pdf)).toBe(true);
    expect(audited).toContainEqual(
      expect.objectContaining({
        action: 'LIST_DATA_EXPORT',
        outcome: 'SUCCESS',
        objectId: list.artefactId,
        details: { format: 'pdf', sensitivity: 'PUBLIC', listType: 'CIVIL_DAILY_CAUSE_LIST' },
      }),
    );
  });

  it('sends an anonymous visitor to sign in and back', async () => {
    const { deps } = await setUp();
    const response = await request(deps, `/list/${list.artefactId}/pdf`);
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(`/list/${list.artefactId}/pdf`)}`);
  });

  it('answers 404 for a list the reader may not see (audited as refused), and for a file there is not', async () => {
    const { deps, audited, cookie } = await setUp();
    expect((await request(deps, `/list/${classified.artefactId}/pdf`, { cookie })).status).toBe(404);
    expect(audited).toContainEqual(
      expect.objectContaining({ action: 'LIST_DATA_EXPORT', outcome: 'DENIED', objectId: classified.artefactId }),
    );
    expect((await request(deps, `/list/${list.artefactId}/xlsx`, { cookie })).status).toBe(404);
  });
});

describe('the list page', () => {
  it('offers the PDF to a signed-in reader, and names what changed since the previous version', async () => {
    const { deps, cookie } = await setUp();
    const page = await request(deps, `/list/${list.artefactId}`, { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain(
      `<a class="govuk-link" href="/list/${list.artefactId}/pdf">Download this list (PDF)</a>`,
    );
    expect(page.body).not.toContain(`/list/${list.artefactId}/xlsx`);
    expect(page.body).toContain('Changes since the previous version');
    expect(page.body).toContain('<li>Added: CN-4 G v H (15:00, courtroom 1)</li>');
    expect(page.body).toContain('<li>Removed: CN-2 C v D (11:00, courtroom 2)</li>');
    expect(page.body).toContain('<li>Moved: CN-1 A v B, 10:00, courtroom 1 to 14:00, courtroom 3</li>');
  });

  it('shows an anonymous reader the changes in Welsh, without the download', async () => {
    const { deps } = await setUp();
    const page = await request(deps, `/list/${list.artefactId}?lng=cy`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(`/list/${list.artefactId}/pdf`);
    expect(page.body).toContain('Newidiadau ers y fersiwn flaenorol');
    expect(page.body).toContain('<li>Ychwanegwyd: CN-4 G v H (15:00, ystafell llys 1)</li>');
  });
});
