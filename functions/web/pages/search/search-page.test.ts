import { describe, expect, it } from 'vitest';
import { fakeDependencies, request, testCourts } from '../../testing/web-test-kit.js';
import { searchCourts } from './search-page.js';

describe('search by name', () => {
  it('offers every court name as a suggestion (a datalist, no JavaScript needed)', async () => {
    const page = await request(fakeDependencies(), '/search');
    expect(page.body).toContain('<datalist id="court-suggestions">');
    expect(page.body).toContain('<option value="Oxford Combined Court Centre">');
    const welsh = await request(fakeDependencies(), '/search?lng=cy');
    expect(welsh.body).toContain('<option value="Llys Ynadon Caerdydd">');
  });

  it('opens the court for an exact name, English or Welsh, whatever the case', async () => {
    expect((await request(fakeDependencies(), '/search?name=oxford+combined+court+centre')).headers.location).toBe(
      '/courts/1',
    );
    expect((await request(fakeDependencies(), '/search?name=Llys%20Ynadon%20Caerdydd')).headers.location).toBe(
      '/courts/2',
    );
  });

  it('lists the courts containing a partial name', async () => {
    const page = await request(fakeDependencies(), '/search?name=court');
    expect(page.body).toContain('href="/courts/1"');
    expect(page.body).toContain('href="/courts/2"');
    expect(page.body).not.toContain('href="/courts/3"');
  });

  it('says when nothing matches or nothing was entered', async () => {
    const none = await request(fakeDependencies(), '/search?name=zzz');
    expect(none.status).toBe(400);
    expect(none.body).toContain('There is nothing matching your criteria');
    const empty = await request(fakeDependencies(), '/search?name=+');
    expect(empty.body).toContain('Enter the name of a court or tribunal');
    expect(searchCourts(testCourts, null, 'en')).toEqual({ kind: 'form' });
  });

  it('escapes what was typed', async () => {
    const page = await request(fakeDependencies(), '/search?name=%3Cscript%3Ex%3C%2Fscript%3E');
    expect(page.body).not.toContain('<script>x</script>');
    expect(page.body).toContain('&lt;script&gt;');
  });
});
