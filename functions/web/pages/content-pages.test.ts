import { describe, expect, it } from 'vitest';
import { fakeDependencies, request } from '../testing/web-test-kit.js';

describe('content pages', () => {
  it.each([
    ['/privacy', 'Privacy notice', 'Hysbysiad preifatrwydd'],
    [
      '/accessibility-statement',
      'Accessibility statement for Court and tribunal hearings',
      'Datganiad hygyrchedd ar gyfer',
    ],
    ['/help', 'Help using Court and tribunal hearings', 'Help i ddefnyddio'],
    ['/contact', 'Contact us', 'Cysylltu â ni'],
  ])('%s in English and Welsh', async (path, english, welsh) => {
    expect((await request(fakeDependencies(), path)).body).toContain(english);
    expect((await request(fakeDependencies(), `${path}?lng=cy`)).body).toContain(welsh);
  });
});
