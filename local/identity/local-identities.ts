/**
 * Who exists in the local identity provider: its four issuers, the API audience, the registered clients and the
 * seeded test users. Both sides read this file: the provider that serves the protocol and the headless flows
 * (tests, `npm run token`) that drive it, so the two cannot drift apart.
 *
 * Everything here is local test data. Every seeded user signs in with the password `password`; the client secrets
 * below are only ever accepted by the local provider.
 */
import { DEFAULT_B2C_FLOWS } from '../../shared/auth/b2c-flows.js';

/** The roles `npm run token -- ROLE` and `issueToken(role)` understand. */
export const LOCAL_ROLES = ['hmi', 'courtel', 'media', 'cft', 'crime', 'admin', 'sysadmin'] as const;
export type LocalRole = (typeof LOCAL_ROLES)[number];

export function isLocalRole(value: string): value is LocalRole {
  return (LOCAL_ROLES as readonly string[]).includes(value);
}

/** Where `npm start` runs the provider, and where the token CLI looks for it unless LOCAL_IDP_URL says otherwise. */
export const DEFAULT_LOCAL_IDP_URL = 'http://127.0.0.1:7072';

/** The audience our API expects in every access token, whichever issuer signed it. */
export const API_AUDIENCE = 'api://pip-service';

/** The one scope the API resource server defines; access tokens for people carry it. */
export const API_SCOPE = 'api.access';

/** Scopes a signing-in client asks for. Issuers silently drop the ones they do not define. */
export const SIGN_IN_SCOPE = `openid profile email roles ${API_SCOPE}`;

export type IssuerKey = 'aad' | 'b2c' | 'cftIdam' | 'crimeIdam';
export type PeopleIssuerKey = Exclude<IssuerKey, 'aad'>;

/** Each identity service is one issuer, mounted under its own path of the one local server. */
export const ISSUER_PATHS: Readonly<Record<IssuerKey, string>> = {
  aad: '/aad',
  b2c: '/b2c',
  cftIdam: '/cft-idam',
  crimeIdam: '/crime-idam',
};

export const ISSUER_NAMES: Readonly<Record<IssuerKey, string>> = {
  aad: 'Azure AD',
  b2c: 'Azure B2C',
  cftIdam: 'CFT IDAM',
  crimeIdam: 'Crime IDAM',
};

export const PEOPLE_ISSUERS: readonly PeopleIssuerKey[] = ['b2c', 'cftIdam', 'crimeIdam'];

export function issuerUrl(baseUrl: string, issuer: IssuerKey): string {
  return `${baseUrl.replace(/\/+$/, '')}${ISSUER_PATHS[issuer]}`;
}

/** Client-credentials clients on the Azure AD issuer, with the app roles their access tokens carry. */
export interface ApiClient {
  clientId: string;
  clientSecret: string;
  name: string;
  /** The service principal's stable object id (Azure AD's `oid`). */
  objectId: string;
  roles: readonly string[];
}

export const API_CLIENTS: Readonly<Record<'hmi' | 'courtel', ApiClient>> = {
  hmi: {
    clientId: 'hmi',
    clientSecret: 'hmi-local-secret',
    name: 'HMI (publisher)',
    objectId: '6a1f4c2e-5b0d-4e3a-9c71-1f2a3b4c5d01',
    roles: ['PUBLISHER'],
  },
  courtel: {
    clientId: 'courtel',
    clientSecret: 'courtel-local-secret',
    name: 'Courtel (third party)',
    objectId: '6a1f4c2e-5b0d-4e3a-9c71-1f2a3b4c5d02',
    roles: ['VERIFIED_THIRD_PARTY_PRESS'],
  },
};

/**
 * The P&I Service's own client at a third party's token server, for pushing publications to them (issue 15). Locally
 * the Azure AD issuer stands in for that token server: the client-credentials grant gives a JWT for the receiver's
 * audience with the receiver's scope, which the local receiver (test-support/third-party-receiver.ts) checks.
 */
export const THIRD_PARTY_PUSH_CLIENT = {
  clientId: 'pip-push-courtel',
  clientSecret: 'pip-push-courtel-local-secret',
  name: 'P&I Service pushing to Courtel',
  /** The receiver's audience (resource indicator). */
  audience: 'api://courtel-receiver',
  scope: 'publications.push',
} as const;

/** The confidential web client the server-rendered sign-in uses (authorization code + PKCE, client_secret_post). */
export const WEB_CLIENT_ID = 'pip-web';
export const WEB_CLIENT_SECRET = 'pip-web-local-secret';
export const DEFAULT_WEB_REDIRECT_URIS: readonly string[] = ['http://127.0.0.1:7071/login/return'];

/**
 * The public client the headless flows use (a native app: PKCE, no secret). Its loopback redirect URI is never
 * served: the flow reads the code from the redirect's Location header, as a native app's loopback listener would.
 */
export const CLI_CLIENT_ID = 'pip-local-cli';
export const CLI_REDIRECT_URI = 'http://127.0.0.1/local-cli/callback';

export const SEEDED_PASSWORD = 'password';

export interface SeededUser {
  issuer: PeopleIssuerKey;
  /** What to type into the sign-in form's username field. */
  username: string;
  password: string;
  /** The subject (`sub`) the issuer gives this user. */
  accountId: string;
  /** Profile claims; access tokens carry all of them, ID tokens those of the scopes granted. */
  claims: Readonly<Record<string, unknown>>;
}

/**
 * B2C's user flows, as the local B2C issuer knows them: the names shared/auth/oidc-sign-in.ts uses by default
 * (B2C_SIGN_IN_FLOW, B2C_PASSWORD_RESET_FLOW, B2C_SIGN_UP_FLOW unset; shared/auth/b2c-flows.ts).
 */
export const LOCAL_B2C_FLOWS = DEFAULT_B2C_FLOWS;

/** B2C's custom attributes as its user flows return them (seed 3.3.2.2): `extension_` and the attribute's name. */
export const B2C_ROLE_ATTRIBUTE = 'extension_UserRole';
export const B2C_STATUS_ATTRIBUTE = 'extension_AccountStatus';

/**
 * A person at the B2C issuer (also how the local provider adds an approved media account). As B2C sends them: the
 * role and status in extension attributes, never a `roles` claim.
 */
export function b2cUser(
  objectId: string,
  email: string,
  givenName: string,
  familyName: string,
  role: string,
): SeededUser {
  return {
    issuer: 'b2c',
    username: email,
    password: SEEDED_PASSWORD,
    accountId: objectId,
    claims: {
      oid: objectId,
      email,
      emails: [email],
      name: `${givenName} ${familyName}`,
      given_name: givenName,
      family_name: familyName,
      [B2C_ROLE_ATTRIBUTE]: role,
      [B2C_STATUS_ATTRIBUTE]: 'ACTIVE',
    },
  };
}

/** Seeded people, keyed by the role that stands for them. Ids are fixed so that tests and data can refer to them. */
export const SEEDED_USERS: Readonly<Record<'media' | 'admin' | 'sysadmin' | 'cft' | 'crime', SeededUser>> = {
  media: b2cUser('0b6f7a3e-1c2d-4e5f-8a9b-000000000001', 'media.user@example.com', 'Media', 'User', 'VERIFIED'),
  admin: b2cUser(
    '0b6f7a3e-1c2d-4e5f-8a9b-000000000002',
    'ctsc.admin@example.com',
    'CTSC',
    'Admin',
    'INTERNAL_ADMIN_CTSC',
  ),
  sysadmin: b2cUser(
    '0b6f7a3e-1c2d-4e5f-8a9b-000000000003',
    'system.admin@example.com',
    'System',
    'Admin',
    'SYSTEM_ADMIN',
  ),
  // As in the CFT IDAM sample: the subject is the email address, `uid` the stable id, `roles` the IDAM roles.
  cft: {
    issuer: 'cftIdam',
    username: 'caseworker@example.com',
    password: SEEDED_PASSWORD,
    accountId: 'caseworker@example.com',
    claims: {
      uid: 'be7d1fff-0566-43cc-841f-000000000004',
      email: 'caseworker@example.com',
      name: 'Case Worker',
      given_name: 'Case',
      family_name: 'Worker',
      roles: ['caseworker'],
    },
  },
  // As in the Crime IDAM sample: `uid`, `name` and `email_address` (not `email`), and no roles.
  crime: {
    issuer: 'crimeIdam',
    username: 'crime.user@example.com',
    password: SEEDED_PASSWORD,
    accountId: 'be7d1fff-0566-43cc-841f-000000000005',
    claims: {
      uid: 'be7d1fff-0566-43cc-841f-000000000005',
      name: 'Crime User',
      email_address: 'crime.user@example.com',
    },
  },
};

/** Which claims each scope releases into ID tokens and userinfo, per issuer. */
export const ISSUER_SCOPE_CLAIMS: Readonly<Record<PeopleIssuerKey, Record<string, string[]>>> = {
  // B2C releases the user flow's application claims whatever the scopes: all of them come with `openid`, `tfp` the
  // flow's name. A `roles` claim a person may carry (a test's) is released too, to show it gains nothing.
  b2c: {
    openid: [
      'sub',
      'tfp',
      'oid',
      'name',
      'given_name',
      'family_name',
      'email',
      'emails',
      B2C_ROLE_ATTRIBUTE,
      B2C_STATUS_ATTRIBUTE,
      'roles',
    ],
  },
  // CFT IDAM: the profile and roles come from UserInfo (ID tokens carry only the subject, as the seed's flow reads).
  cftIdam: {
    profile: ['uid', 'name', 'given_name', 'family_name'],
    email: ['email'],
    roles: ['roles'],
  },
  crimeIdam: {
    profile: ['uid', 'name'],
    email: ['email_address'],
  },
};

export function usersOf(issuer: PeopleIssuerKey): SeededUser[] {
  return Object.values(SEEDED_USERS).filter((user) => user.issuer === issuer);
}

/**
 * PUBLISHER_PROVENANCES for a local run: the local `hmi` client may publish as any source but MANUAL_UPLOAD (`*`), so
 * one client can stand in for HMI, List Assist and Common Platform in local trials.
 */
export const LOCAL_PUBLISHER_PROVENANCES: string = JSON.stringify({ [API_CLIENTS.hmi.clientId]: ['*'] });
