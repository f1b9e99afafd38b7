/**
 * `/list/{id}/file`: flat files for the session's reader under the one access rule; restricted ones audited (a
 * refusal before the 404, a success once read) and never cached; a PDF inline, other kinds downloaded.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../shared/audit/audit-log.js';
import { sharedReadAccess } from '../../data/read-access.js';
import { fakeDependencies, fakeSignIn, publication, request, testPrincipals } from '../../testing/web-test-kit.js';

const pdfBytes = '%PDF-1.7 a restricted list';
const privatePdf = publication({
  artefactId: '0b7e1a52-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
  sensitivity: 'PRIVATE',
  isFlatFile: true,
  contentType: 'application/pdf',
  fileName: 'Civil list – Oxford.pdf',
  blobName: 'private.pdf',
});
const classifiedWord = publication({
  artefactId: '1c8f2b63-4d5e-4f60-9b7c-8d9e0f1a2b3c',
  sensitivity: 'CLASSIFIED',
  listType: 'SJP_PRESS_LIST',
  isFlatFile: true,
  contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  fileName: 'press.docx',
  blobName: 'press.docx',
});
const publicPdf = publication({
  artefactId: '2d903c74-5e6f-4071-8c8d-9e0f1a2b3c4d',
  isFlatFile: true,
  contentType: 'application/pdf',
  fileName: 'public.pdf',
  blobName: 'public.pdf',
});
const jsonList = publication({ artefactId: '3ea14d85-6f70-4182-9d9e-0f1a2b3c4d5e', sensitivity: 'PRIVATE' });
const payloads = {
  'private.pdf': pdfBytes,
  'press.docx': 'PK word',
  'public.pdf': '%PDF public',
  'payload.json': '{}',
};

async function signedIn(principal: (typeof testPrincipals)[keyof typeof testPrincipals], audited: AuditEvent[]) {
  const signIn = fakeSignIn();
  const { sessionId } = await signIn.signInAs(principal);
  const deps = fakeDependencies({
    publications: [privatePdf, classifiedWord, publicPdf, jsonList],
    payloads,
    signIn,
    audited,
    overrides: { canRead: sharedReadAccess },
  });
  return { deps, cookie: `pip-session=${sessionId}` };
}

describe('a restricted flat file through the portal', () => {
  it('a verified reader gets the PDF inline, uncached, audited as a successful restricted read', async () => {
    const audited: AuditEvent[] = [];
    const { deps, cookie } = await signedIn(testPrincipals.media, audited);
    const file = await request(deps, `/list/${privatePdf.artefactId}/file`, { cookie });
    expect(file.status).toBe(200);
    expect(file.bytes?.toString('utf8')).toBe(pdfBytes);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(
      `inline; filename="Civil list _ Oxford.pdf"; filename*=UTF-8''Civil%20list%20%E2%80%93%20Oxford.pdf`,
    );
    expect(file.headers['cache-control']).toBe('private, no-store');
    expect(Object.keys(file.headers).filter((name) => name.toLowerCase() === 'cache-control')).toHaveLength(1);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(audited).toEqual([
      expect.objectContaining({
        action: 'RESTRICTED_LIST_ACCESS',
        outcome: 'SUCCESS',
        objectId: privatePdf.artefactId,
        actor: testPrincipals.media,
        details: expect.objectContaining({ part: 'file', sensitivity: 'PRIVATE' }) as unknown,
      }),
    ]);
  });

  it('a CLASSIFIED Word file: downloaded by the provenance its list type allows, 404 and DENIED for another', async () => {
    const audited: AuditEvent[] = [];
    const media = await signedIn(testPrincipals.media, audited);
    const file = await request(media.deps, `/list/${classifiedWord.artefactId}/file`, { cookie: media.cookie });
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="press.docx"/);
    const cft = await signedIn(testPrincipals.cft, audited);
    const refused = await request(cft.deps, `/list/${classifiedWord.artefactId}/file`, { cookie: cft.cookie });
    expect(refused.status).toBe(404);
    expect(refused.body).not.toContain('PK word');
    expect(audited.map((event) => [event.outcome, event.actor?.userId])).toEqual([
      ['SUCCESS', testPrincipals.media.userId],
      ['DENIED', testPrincipals.cft.userId],
    ]);
  });

  it('anonymous: a restricted file is the 404 page (DENIED audited); a public one is served, cacheable with revalidation, unaudited', async () => {
    const audited: AuditEvent[] = [];
    const deps = fakeDependencies({
      publications: [privatePdf, publicPdf],
      payloads,
      audited,
      overrides: { canRead: sharedReadAccess },
    });
    const hidden = await request(deps, `/list/${privatePdf.artefactId}/file`);
    const missing = await request(deps, '/list/99999999-2222-4333-8444-555555555555/file');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    const open = await request(deps, `/list/${publicPdf.artefactId}/file`);
    expect(open.status).toBe(200);
    expect(open.headers['cache-control']).toBe('no-cache');
    expect(audited).toEqual([
      expect.objectContaining({ outcome: 'DENIED', actor: null, objectId: privatePdf.artefactId }),
    ]);
  });

  it('a JSON list has no file (404), and a file whose blob is gone is "no longer available", never audited as sent', async () => {
    const audited: AuditEvent[] = [];
    const signIn = fakeSignIn();
    const { sessionId } = await signIn.signInAs(testPrincipals.media);
    const deps = fakeDependencies({
      publications: [privatePdf, jsonList],
      payloads: { 'payload.json': '{}' },
      signIn,
      audited,
      overrides: { canRead: sharedReadAccess },
    });
    const cookie = `pip-session=${sessionId}`;
    expect((await request(deps, `/list/${jsonList.artefactId}/file`, { cookie })).status).toBe(404);
    const gone = await request(deps, `/list/${privatePdf.artefactId}/file?lng=cy`, { cookie });
    expect(gone.status).toBe(404);
    expect(gone.logged).toEqual([expect.objectContaining({ event: 'LIST_PAYLOAD_MISSING' })]);
    expect(audited.filter((event) => event.outcome === 'SUCCESS')).toEqual([]);
  });
});
