/**
 * Getting tokens from a running local identity provider through its real protocol, knowing only its base URL:
 * the client-credentials grant for API clients, and a headless authorization-code + PKCE sign-in for people
 * (authorize, the provider's own sign-in form, consent, the redirect with the code, the token exchange).
 * Used by `issueToken` in the tests and by `npm run token`.
 */
import * as oidc from 'openid-client';

import {
  API_AUDIENCE,
  API_CLIENTS,
  CLI_CLIENT_ID,
  CLI_REDIRECT_URI,
  SEEDED_USERS,
  SIGN_IN_SCOPE,
  isLocalRole,
  issuerUrl,
  LOCAL_ROLES,
  type LocalRole,
} from './local-identities.js';

/** Discovery against the provider; plain HTTP is allowed because it only ever runs on loopback. */
export function discover(
  issuer: string,
  clientId: string,
  clientAuthentication: oidc.ClientAuth = oidc.None(),
): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), clientId, undefined, clientAuthentication, {
    // Deprecated only as a warning sign; plain HTTP is right for a provider that exists only on loopback.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    execute: [oidc.allowInsecureRequests],
  });
}

/** The client-credentials grant on the Azure AD issuer, as a publisher or third party would call it. */
export async function requestClientCredentialsToken(
  baseUrl: string,
  client: { clientId: string; clientSecret: string },
): Promise<oidc.TokenEndpointResponse> {
  const config = await discover(issuerUrl(baseUrl, 'aad'), client.clientId, oidc.ClientSecretPost(client.clientSecret));
  return oidc.clientCredentialsGrant(config, { resource: API_AUDIENCE });
}

export interface HeadlessSignIn {
  issuer: string;
  clientId: string;
  /** Defaults to no client authentication (a public client). */
  clientAuthentication?: oidc.ClientAuth;
  redirectUri: string;
  username: string;
  password: string;
  scope?: string;
}

/** Cookies by name and path, enough for one sign-in against one host. */
class CookieJar {
  readonly #cookies = new Map<string, { name: string; value: string; path: string }>();

  store(response: Response, requestUrl: URL): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      let path = requestUrl.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key = '', attributeValue = ''] = attribute.split('=').map((part) => part.trim());
        if (key.toLowerCase() === 'path' && attributeValue.startsWith('/')) path = attributeValue;
        if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
        if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) expired = true;
      }
      const key = `${name};${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  headerFor(url: URL): string {
    return [...this.#cookies.values()]
      .filter(({ path }) => url.pathname === path || url.pathname.startsWith(path.endsWith('/') ? path : `${path}/`))
      .sort((a, b) => b.path.length - a.path.length)
      .map(({ name, value }) => `${name}=${value}`)
      .join('; ');
  }
}

function decodeHtmlAttribute(value: string): string {
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function signInFormAction(html: string): string | undefined {
  if (!/name="username"/.test(html) || !/name="password"/.test(html)) return undefined;
  const action = /<form\b[^>]*\baction="([^"]*)"/i.exec(html)?.[1];
  return action === undefined ? undefined : decodeHtmlAttribute(action);
}

function signInError(html: string): string {
  // The B2C pages' GOV.UK error summary, or the other issuers' alert paragraph.
  const message =
    /govuk-error-summary__list"><li><a[^>]*>([^<]*)</i.exec(html)?.[1] ?? /role="alert"[^>]*>([^<]*)</i.exec(html)?.[1];
  return message === undefined ? 'the sign-in form was shown again' : decodeHtmlAttribute(message);
}

const MAX_STEPS = 12;

/**
 * Signs a person in the way a browser would, without one: follows the provider's redirects by hand, keeps its
 * cookies, fills in its sign-in form, and exchanges the code (with the PKCE verifier) for tokens.
 */
export async function signInHeadlessly(options: HeadlessSignIn): Promise<oidc.TokenEndpointResponse> {
  const config = await discover(options.issuer, options.clientId, options.clientAuthentication);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const authorizationUrl = oidc.buildAuthorizationUrl(config, {
    redirect_uri: options.redirectUri,
    scope: options.scope ?? SIGN_IN_SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    resource: API_AUDIENCE,
  });

  const redirect = new URL(options.redirectUri);
  const jar = new CookieJar();
  let url = authorizationUrl;
  let request: RequestInit = { method: 'GET' };
  let submitted = false;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    const headers = new Headers(request.headers);
    const cookie = jar.headerFor(url);
    if (cookie !== '') headers.set('cookie', cookie);
    const response = await fetch(url, { ...request, headers, redirect: 'manual' });
    jar.store(response, url);

    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (`${next.origin}${next.pathname}` === `${redirect.origin}${redirect.pathname}`) {
        return oidc.authorizationCodeGrant(config, next, {
          pkceCodeVerifier: codeVerifier,
          expectedState: state,
          expectedNonce: nonce,
          idTokenExpected: true,
        });
      }
      url = next;
      request = { method: 'GET' };
      continue;
    }

    const body = await response.text();
    const action = response.ok ? signInFormAction(body) : undefined;
    if (action === undefined) {
      throw new Error(`sign-in at ${options.issuer} stopped at ${url.pathname} with HTTP ${response.status}`);
    }
    if (submitted) {
      throw new Error(`sign-in at ${options.issuer} as ${options.username} was refused: ${signInError(body)}`);
    }
    submitted = true;
    url = new URL(action, url);
    request = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: options.username, password: options.password }).toString(),
    };
  }
  throw new Error(`sign-in at ${options.issuer} did not reach ${options.redirectUri} within ${MAX_STEPS} steps`);
}

/** A signed JWT access token for the API, for the seeded client or person that stands for the role. */
export async function fetchTokenForRole(baseUrl: string, role: LocalRole): Promise<string> {
  if (!isLocalRole(role)) throw new Error(`unknown role "${String(role)}"; known roles: ${LOCAL_ROLES.join(', ')}`);
  if (role === 'hmi' || role === 'courtel') {
    const tokens = await requestClientCredentialsToken(baseUrl, API_CLIENTS[role]);
    return tokens.access_token;
  }
  const user = SEEDED_USERS[role];
  const tokens = await signInHeadlessly({
    issuer: issuerUrl(baseUrl, user.issuer),
    clientId: CLI_CLIENT_ID,
    redirectUri: CLI_REDIRECT_URI,
    username: user.username,
    password: user.password,
  });
  return tokens.access_token;
}
