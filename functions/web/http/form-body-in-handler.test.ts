/**
 * Forms with a file (multipart/form-data) in the web handler: parsed into text fields and files; a signed-in
 * person's still needs the session's CSRF token; too large is refused before any page runs for a signed-in person
 * (and passed on to the page as `bodyTooLarge` for an anonymous one: create-media-account-page.test.ts); a body that
 * is not multipart is a 400.
 */
import { describe, expect, it } from 'vitest';
import { fakeDependencies, fakeSignIn, request, testPrincipals } from '../testing/web-test-kit.js';

const sameSite = { 'sec-fetch-site': 'same-origin' };

describe('multipart forms in the web handler', () => {
  it("a signed-in person's multipart form without the CSRF token is refused; with it, it reaches the routes", async () => {
    const signIn = fakeSignIn();
    const deps = fakeDependencies({ signIn });
    const { sessionId, session } = await signIn.signInAs(testPrincipals.media);
    const without = new FormData();
    without.append('anything', 'x');
    const refused = await request(deps, '/no-such-page', {
      cookie: `pip-session=${sessionId}`,
      multipart: without,
      headers: sameSite,
    });
    expect(refused.status).toBe(403);
    expect(refused.logged).toEqual([expect.objectContaining({ event: 'WEB_CSRF_TOKEN_REFUSED' })]);
    const withToken = new FormData();
    withToken.append('_csrf', session.csrfToken);
    const passed = await request(deps, '/no-such-page', {
      cookie: `pip-session=${sessionId}`,
      multipart: withToken,
      headers: sameSite,
    });
    expect(passed.status).toBe(404);
  });

  it("a signed-in person's multipart form over the cap is refused (413) before any page runs", async () => {
    const signIn = fakeSignIn();
    const deps = fakeDependencies({ signIn });
    const { sessionId } = await signIn.signInAs(testPrincipals.media);
    const data = new FormData();
    data.append('file', new Blob([Buffer.alloc(4 * 1024 * 1024)]), 'big.bin');
    const answer = await request(deps, '/create-media-account', {
      cookie: `pip-session=${sessionId}`,
      multipart: data,
      headers: sameSite,
    });
    expect(answer.status).toBe(413);
  });

  it('a multipart body that does not parse is a 400', async () => {
    const answer = await request(fakeDependencies(), '/create-media-account', {
      method: 'POST',
      form: { a: 'b' },
      headers: { ...sameSite, 'content-type': 'multipart/form-data; boundary=nothing-here' },
    });
    expect(answer.status).toBe(400);
  });
});
