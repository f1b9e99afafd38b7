import { describe, expect, it, vi } from 'vitest';
import { fakeDependencies, publication, request } from '../../testing/web-test-kit.js';
import type { ListPageView } from '../../web-dependencies.js';

const list = publication();

describe('a list page', () => {
  it('renders the list fragment inside the layout, with the list type, payload, court and dates', async () => {
    const listPageView = vi.fn<ListPageView>(() => ({
      template: 'pages/list/testing/fake-list.njk',
      context: { heading: 'Fake list', rows: [1, 2] },
    }));
    const deps = fakeDependencies({
      publications: [list],
      payloads: { 'payload.json': '{"hello":"world"}' },
      overrides: { listPageView },
    });
    const page = await request(deps, `/list/${list.artefactId}?lng=cy`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l" id="fake-list">Fake list</h1>');
    expect(page.body).toContain('2 rows');
    expect(page.body).toContain('href="/courts/1" class="govuk-back-link"');
    expect(listPageView).toHaveBeenCalledWith(
      expect.objectContaining({
        payload: { hello: 'world' },
        language: 'cy',
        contentDate: '2026-11-30T09:00:00',
        lastUpdated: '2026-11-29T16:30:00.000Z',
        court: { name: 'Oxford Combined Court Centre', welshName: 'Canolfan Llysoedd Cyfun Rhydychen' },
        listType: expect.objectContaining({ id: 'CIVIL_DAILY_CAUSE_LIST' }) as unknown,
      }),
    );
  });

  it('answers 404 for what the reader may not see, or what does not exist, without saying which', async () => {
    const privateList = publication({ artefactId: '33333333-2222-4333-8444-555555555555', sensitivity: 'CLASSIFIED' });
    const deps = fakeDependencies({ publications: [list, privateList], payloads: { 'payload.json': '{}' } });
    const hidden = await request(deps, `/list/${privateList.artefactId}`);
    const missing = await request(deps, '/list/99999999-2222-4333-8444-555555555555');
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    // The pages differ only in the nonce and the requested path (which the sign-in link returns to).
    const withoutNonce = (body: string): string =>
      body
        .replace(/nonce="[^"]+"/g, '')
        .replace(/\/list\/[0-9a-f-]+/g, '/list/id')
        .replace(/%2Flist%2F[0-9a-f-]+/g, '%2Flist%2Fid');
    expect(withoutNonce(hidden.body)).toBe(withoutNonce(missing.body));
    expect((await request(deps, '/list/not-a-uuid')).status).toBe(404);
  });

  it('sends flat files to the portal’s file route', async () => {
    const flat = publication({ isFlatFile: true, contentType: 'application/pdf', fileName: 'list.pdf' });
    const page = await request(fakeDependencies({ publications: [flat] }), `/list/${flat.artefactId}`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(`/list/${flat.artefactId}/file`);
  });

  it('answers 404 "no longer available" in English and Welsh when the stored payload is gone, logging it', async () => {
    const deps = fakeDependencies({ publications: [list], payloads: {} });
    const english = await request(deps, `/list/${list.artefactId}`);
    expect(english.status).toBe(404);
    expect(english.body).toContain('This list is no longer available');
    expect(english.body).toContain('href="/courts/1"');
    expect(english.body).not.toContain('Sorry, there is a problem with the service');
    expect(english.logged).toContainEqual(
      expect.objectContaining({ event: 'LIST_PAYLOAD_MISSING', artefactId: list.artefactId }),
    );
    const welsh = await request(deps, `/list/${list.artefactId}?lng=cy`);
    expect(welsh.status).toBe(404);
    expect(welsh.body).toContain('Nid yw’r rhestr hon ar gael mwyach');
  });

  it('renders the 500 page when storage fails otherwise', async () => {
    const deps = fakeDependencies({ publications: [list] });
    deps.publications.readPayload = () => Promise.reject(new Error('storage is down'));
    const page = await request(deps, `/list/${list.artefactId}`);
    expect(page.status).toBe(500);
  });
});
