import { describe, expect, it } from 'vitest';
import { fakeDependencies, publication, request } from '../../testing/web-test-kit.js';

const list = publication();
const welshList = publication({
  artefactId: '11111111-2222-4333-8444-555555555555',
  language: 'WELSH',
  contentDate: '2026-12-01T00:00:00',
});
const pdf = publication({
  artefactId: '22222222-2222-4333-8444-555555555555',
  isFlatFile: true,
  contentType: 'application/pdf',
  fileName: 'list.pdf',
  listType: 'CROWN_FIRM_LIST',
});
const privateList = publication({
  artefactId: '33333333-2222-4333-8444-555555555555',
  sensitivity: 'PRIVATE',
  listType: 'FAMILY_DAILY_CAUSE_LIST',
});
const expired = publication({
  artefactId: '44444444-2222-4333-8444-555555555555',
  displayTo: new Date('2026-11-01T00:00:00Z'),
});

describe("a court's summary of publications", () => {
  const deps = fakeDependencies({ publications: [list, welshList, pdf, privateList, expired] });

  it('lists what is on display: friendly name, content date, language; flat files link to the file', async () => {
    const page = await request(deps, '/courts/1');
    expect(page.body).toContain('What do you want to view from Oxford Combined Court Centre?');
    expect(page.body).toContain(`href="/list/${list.artefactId}"`);
    expect(page.body).toContain('Civil Daily Cause List 30 November 2026 - English (Saesneg)');
    expect(page.body).toContain('1 December 2026 - Welsh (Cymraeg)');
    expect(page.body).toContain(`href="/list/${pdf.artefactId}/file"`);
    expect(page.body).not.toContain(privateList.artefactId);
    expect(page.body).not.toContain(expired.artefactId);
  });

  it('uses the Welsh court and list names in Welsh', async () => {
    const page = await request(deps, '/courts/1?lng=cy');
    expect(page.body).toContain('Canolfan Llysoedd Cyfun Rhydychen');
    expect(page.body).toContain('30 Tachwedd 2026');
  });

  it('says when there are no lists; 404 for an unknown court', async () => {
    expect((await request(deps, '/courts/3')).body).toContain('Sorry, no lists found for this court');
    expect((await request(deps, '/courts/404')).status).toBe(404);
    expect((await request(deps, '/courts/abc')).status).toBe(404);
  });
});
