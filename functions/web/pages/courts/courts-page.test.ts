import { describe, expect, it } from 'vitest';
import { fakeDependencies, request, testCourts } from '../../testing/web-test-kit.js';
import { applyFilters, filterOptions, parseFilters } from './courts-page.js';

describe('A to Z list with filters', () => {
  it('lists every court by letter, SJP under national lists, with the filters', async () => {
    const page = await request(fakeDependencies(), '/courts');
    expect(page.body).toContain('id="letter-A"');
    expect(page.body).toContain('id="letter-O"');
    expect(page.body).toContain('href="#letter-C"');
    expect(page.body).toContain('National lists');
    expect(page.body).toContain('href="/courts/9"');
    expect(page.body).toMatch(/name="jurisdiction" type="checkbox" value="Crime"/);
    expect(page.body).toMatch(/name="region" type="checkbox" value="Wales"/);
    expect(page.body).toContain('Apply filters');
  });

  it('applies the selected filters, shows them with remove links and Clear filters', async () => {
    const page = await request(fakeDependencies(), '/courts?jurisdiction=Crime&region=Wales');
    expect(page.body).toContain('href="/courts/2"');
    expect(page.body).not.toContain('href="/courts/1"');
    expect(page.body).toContain('Selected filters');
    expect(page.body).toContain('href="/courts?region=Wales&amp;lng=en"');
    expect(page.body).toContain('Clear filters');
    expect(page.body).toMatch(/value="Crime" checked/);
  });

  it('shows Welsh labels but keeps English values, and ignores unknown values', async () => {
    const page = await request(fakeDependencies(), '/courts?lng=cy&region=Wales&region=Atlantis');
    expect(page.body).toContain('Cymru');
    expect(page.body).toContain('Llys Ynadon Caerdydd');
    const options = filterOptions(testCourts, 'cy');
    expect(parseFilters(new URLSearchParams('region=wales&region=Atlantis'), options)).toEqual({
      jurisdictions: [],
      regions: ['Wales'],
    });
    expect(applyFilters(testCourts, { jurisdictions: ['Tribunal'], regions: [] }).map((c) => c.locationId)).toEqual([
      3,
    ]);
  });
});
