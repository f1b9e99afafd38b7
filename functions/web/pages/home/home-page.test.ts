import { describe, expect, it } from 'vitest';
import { fakeDependencies, request } from '../../testing/web-test-kit.js';
import { parseViewOption } from './home-page.js';

describe('home', () => {
  it('asks what you want to do', async () => {
    const page = await request(fakeDependencies(), '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('What do you want to do?');
    expect(page.body).toContain('value="court"');
    expect(page.body).toContain('value="sjp"');
  });

  it('sends a court search to /search and an SJP case to the national SJP location', async () => {
    expect((await request(fakeDependencies(), '/', { form: { 'view-option': 'court' } })).headers.location).toBe(
      '/search',
    );
    expect((await request(fakeDependencies(), '/', { form: { 'view-option': 'sjp' } })).headers.location).toBe(
      '/courts/9',
    );
  });

  it('shows an error when nothing is chosen', async () => {
    const page = await request(fakeDependencies(), '/?lng=cy', { form: {} });
    expect(page.status).toBe(400);
    expect(page.body).toContain('<title>Gwall: Beth ydych chi eisiau ei wneud?');
    expect(page.body).toContain('Dewiswch beth rydych eisiau ei wneud');
    expect(parseViewOption(new URLSearchParams('view-option=other'))).toBeNull();
  });
});
