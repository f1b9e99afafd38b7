/**
 * A stand-in for the Microsoft Graph endpoints of an Azure B2C tenant that scripts/b2c-setup uses, over real HTTP,
 * for tests: v1.0 `applications` (list with `$filter` `displayName eq '…'` or `startswith(displayName,'…')`,
 * create, update), `servicePrincipals` (list with `appId eq '…'`, create), `applications/{id}/extensionProperties`
 * (list, create: named `extension_<appId without dashes>_<name>`, as Graph does) and beta `identity/b2cUserFlows`
 * (list, create: `B2C_1_` added to the id); and for the account directory
 * (shared/media-accounts/graph-media-account-directory.ts) v1.0 `users`: create (a local account: an `emailAddress`
 * identity and a password are required, an extension attribute must be a declared extension property of the right
 * type, and a second account with the same identity is refused as Graph refuses it: 400 Request_BadRequest, "Another
 * object with the same value for property identities already exists.", detail ObjectConflict), list with `$filter`
 * `identities/any(c:c/issuerAssignedId eq '…' and c/issuer eq '…')`, get and delete by id (404 when there is none).
 * Every request needs the bearer token it was given; errors are Graph's shape. It holds the tenant's state, records
 * each request, and can be told to fail the next matching one (with headers such as Retry-After). Test code only.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInApplication {
  id: string;
  appId: string;
  displayName: string;
  signInAudience?: string;
  web?: { redirectUris?: string[] };
  requiredResourceAccess?: unknown[];
}

/** A user as Graph holds it: what was posted (the password too, so tests can check it), and its id. */
export type StandInUser = Record<string, unknown> & {
  id: string;
  identities: { signInType: string; issuer: string; issuerAssignedId: string }[];
};

export interface GraphStandIn {
  url: string;
  token: string;
  users: StandInUser[];
  /** The appId of the tenant's b2c-extensions-app (undefined when started without it). */
  extensionsAppId(): string | undefined;
  /** Declares an extension attribute on the b2c-extensions-app, as `npm run b2c:setup` does; its Graph name. */
  declareExtensionProperty(name: string, dataType: 'String' | 'Boolean'): string;
  applications: StandInApplication[];
  servicePrincipals: { id: string; appId: string }[];
  extensionProperties: Map<string, { id: string; name: string; dataType: string; targetObjects: string[] }[]>;
  userFlows: { id: string; userFlowType: string; userFlowTypeVersion: number }[];
  /** Every request, as `METHOD /path` (no query). */
  requests: string[];
  /** Requests that would change the tenant. */
  writes(): string[];
  /** Answers the next request whose `METHOD /path` starts with `prefix` with this Graph error. */
  failNext(prefix: string, status: number, code: string, message: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

function graphError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  details?: unknown[],
): void {
  const requestId = randomUUID();
  json(
    response,
    status,
    {
      error: {
        code,
        message,
        ...(details === undefined ? {} : { details }),
        innerError: { 'request-id': requestId, date: new Date().toISOString() },
      },
    },
    { 'request-id': requestId, ...headers },
  );
}

/** A user as Graph answers it: never the password. */
function withoutPassword(user: StandInUser): Record<string, unknown> {
  return Object.fromEntries(Object.entries(user).filter(([name]) => name !== 'passwordProfile'));
}

/** The one users filter the directory sends: an email sign-in identity at an issuer. */
const identityFilter =
  /^identities\/any\(c:c\/issuerAssignedId eq '((?:[^']|'')*)' and c\/issuer eq '((?:[^']|'')*)'\)$/;

const sameIdentity = (
  a: { issuer: string; issuerAssignedId: string },
  b: { issuer: string; issuerAssignedId: string },
): boolean =>
  a.issuer.toLowerCase() === b.issuer.toLowerCase() &&
  a.issuerAssignedId.toLowerCase() === b.issuerAssignedId.toLowerCase();

/** The two filters the script sends, and the one on service principals. */
function matchesFilter(filter: string | null, item: Record<string, unknown>): boolean {
  if (filter === null) return true;
  const equals = /^(\w+) eq '((?:[^']|'')*)'$/.exec(filter);
  if (equals?.[1] !== undefined) return item[equals[1]] === (equals[2] ?? '').replace(/''/g, "'");
  const startsWith = /^startswith\((\w+),'((?:[^']|'')*)'\)$/.exec(filter);
  if (startsWith?.[1] !== undefined) {
    const value = item[startsWith[1]];
    return typeof value === 'string' && value.startsWith((startsWith[2] ?? '').replace(/''/g, "'"));
  }
  throw new Error(`The stand-in does not know the filter ${filter}`);
}

export async function startGraphStandIn(options: { b2cExtensionsApp?: boolean } = {}): Promise<GraphStandIn> {
  const token = `stand-in-${randomUUID()}`;
  const applications: StandInApplication[] = [];
  const extensionProperties = new Map<
    string,
    { id: string; name: string; dataType: string; targetObjects: string[] }[]
  >();
  if (options.b2cExtensionsApp !== false) {
    const extensionsApp = {
      id: randomUUID(),
      appId: randomUUID(),
      displayName: 'b2c-extensions-app. Do not modify. Used by AADB2C for storing user data.',
    };
    applications.push(extensionsApp);
    extensionProperties.set(extensionsApp.id, []);
  }
  const servicePrincipals: { id: string; appId: string }[] = [];
  const userFlows: { id: string; userFlowType: string; userFlowTypeVersion: number }[] = [];
  const requests: string[] = [];
  const failures: {
    prefix: string;
    status: number;
    code: string;
    message: string;
    headers: Record<string, string>;
  }[] = [];
  const users: StandInUser[] = [];
  const extensionsApp = (): StandInApplication | undefined =>
    applications.find((app) => app.displayName.startsWith('b2c-extensions-app'));
  const declaredProperties = () => [...extensionProperties.values()].flat();

  /** POST /v1.0/users: Graph's checks of a local account, or null when it may be made. */
  function userRefusal(body: Record<string, unknown>): { code: string; message: string; details?: unknown[] } | null {
    const identities = Array.isArray(body.identities)
      ? (body.identities as { signInType?: unknown; issuer?: unknown; issuerAssignedId?: unknown }[])
      : [];
    const email = identities.find((identity) => identity.signInType === 'emailAddress');
    if (typeof email?.issuer !== 'string' || typeof email.issuerAssignedId !== 'string') {
      return { code: 'Request_BadRequest', message: 'A local account needs an emailAddress identity with an issuer.' };
    }
    const password = (body.passwordProfile as { password?: unknown } | undefined)?.password;
    if (typeof password !== 'string' || password.length < 8) {
      return { code: 'Request_BadRequest', message: 'Invalid value specified for property passwordProfile.' };
    }
    if (typeof body.displayName !== 'string' || body.displayName === '') {
      return { code: 'Request_BadRequest', message: 'Invalid value specified for property displayName.' };
    }
    for (const [name, value] of Object.entries(body)) {
      if (!name.startsWith('extension_')) continue;
      const property = declaredProperties().find((candidate) => candidate.name === name);
      if (property === undefined) {
        return {
          code: 'Request_BadRequest',
          message: `Property '${name}' does not exist as a declared property or extension property.`,
        };
      }
      if (typeof value !== (property.dataType === 'Boolean' ? 'boolean' : 'string')) {
        return { code: 'Request_BadRequest', message: `Invalid value specified for property '${name}'.` };
      }
    }
    const wanted = { issuer: email.issuer, issuerAssignedId: email.issuerAssignedId };
    if (users.some((user) => user.identities.some((identity) => sameIdentity(identity, wanted)))) {
      return {
        code: 'Request_BadRequest',
        message: 'Another object with the same value for property identities already exists.',
        details: [{ code: 'ObjectConflict', target: 'identities' }],
      };
    }
    return null;
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const method = request.method ?? 'GET';
      const line = `${method} ${url.pathname}`;
      requests.push(line);
      if (request.headers.authorization !== `Bearer ${token}`) {
        graphError(response, 401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
        return;
      }
      const failureIndex = failures.findIndex((failure) => line.startsWith(failure.prefix));
      const failure = failures[failureIndex];
      if (failure !== undefined) {
        failures.splice(failureIndex, 1);
        graphError(response, failure.status, failure.code, failure.message, failure.headers);
        return;
      }
      const body =
        chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      const filter = url.searchParams.get('$filter');
      const segments = url.pathname.split('/').filter((segment) => segment !== '');
      const [version, ...path] = segments;
      const route = `${version ?? ''} ${path.map((segment, index) => (index === 1 && (path[0] === 'applications' || path[0] === 'users') ? '{id}' : segment)).join('/')}`;

      switch (`${method} ${route}`) {
        case 'GET v1.0 applications':
          json(response, 200, { value: applications.filter((app) => matchesFilter(filter, { ...app })) });
          return;
        case 'POST v1.0 applications': {
          const created: StandInApplication = {
            ...(body as Partial<StandInApplication>),
            id: randomUUID(),
            appId: randomUUID(),
            displayName: String(body.displayName),
          };
          applications.push(created);
          extensionProperties.set(created.id, []);
          json(response, 201, created);
          return;
        }
        case 'PATCH v1.0 applications/{id}': {
          const app = applications.find((candidate) => candidate.id === path[1]);
          if (app === undefined) break;
          Object.assign(app, body);
          response.writeHead(204).end();
          return;
        }
        case 'GET v1.0 servicePrincipals':
          json(response, 200, { value: servicePrincipals.filter((principal) => matchesFilter(filter, principal)) });
          return;
        case 'POST v1.0 servicePrincipals': {
          const appId = String(body.appId);
          if (!applications.some((app) => app.appId === appId)) break;
          const created = { id: randomUUID(), appId };
          servicePrincipals.push(created);
          json(response, 201, created);
          return;
        }
        case 'GET v1.0 applications/{id}/extensionProperties':
        case 'POST v1.0 applications/{id}/extensionProperties': {
          const app = applications.find((candidate) => candidate.id === path[1]);
          const properties = extensionProperties.get(path[1] ?? '');
          if (app === undefined || properties === undefined) break;
          if (method === 'GET') {
            json(response, 200, { value: properties });
            return;
          }
          const name = `extension_${app.appId.replace(/-/g, '')}_${String(body.name)}`;
          if (properties.some((property) => property.name === name)) {
            graphError(response, 400, 'Request_BadRequest', `Property ${name} already exists.`);
            return;
          }
          const created = {
            id: randomUUID(),
            name,
            dataType: String(body.dataType),
            targetObjects: body.targetObjects as string[],
          };
          properties.push(created);
          json(response, 201, created);
          return;
        }
        case 'GET beta identity/b2cUserFlows':
          json(response, 200, { value: userFlows });
          return;
        case 'POST beta identity/b2cUserFlows': {
          const id = `B2C_1_${String(body.id)}`;
          if (userFlows.some((flow) => flow.id === id)) {
            graphError(response, 409, 'AADB2C', `A user flow ${id} already exists.`);
            return;
          }
          const created = {
            id,
            userFlowType: String(body.userFlowType),
            userFlowTypeVersion: Number(body.userFlowTypeVersion),
          };
          userFlows.push(created);
          json(response, 201, created);
          return;
        }
        case 'POST v1.0 users': {
          const refusal = userRefusal(body);
          if (refusal !== null) {
            graphError(response, 400, refusal.code, refusal.message, {}, refusal.details);
            return;
          }
          const created = { ...body, id: randomUUID() } as StandInUser;
          users.push(created);
          json(response, 201, withoutPassword(created));
          return;
        }
        case 'GET v1.0 users': {
          const match = filter === null ? null : identityFilter.exec(filter);
          if (filter !== null && match === null) throw new Error(`The stand-in does not know the filter ${filter}`);
          const wanted =
            match === null
              ? null
              : {
                  issuerAssignedId: (match[1] ?? '').replace(/''/g, "'"),
                  issuer: (match[2] ?? '').replace(/''/g, "'"),
                };
          const found = users.filter(
            (user) => wanted === null || user.identities.some((identity) => sameIdentity(identity, wanted)),
          );
          json(response, 200, { value: found.map((user) => ({ id: user.id, displayName: user.displayName ?? null })) });
          return;
        }
        case 'GET v1.0 users/{id}':
        case 'DELETE v1.0 users/{id}': {
          const index = users.findIndex((user) => user.id === decodeURIComponent(path[1] ?? ''));
          const user = users[index];
          if (user === undefined) {
            graphError(
              response,
              404,
              'Request_ResourceNotFound',
              `Resource '${path[1] ?? ''}' does not exist or one of its queried reference-property objects are not present.`,
            );
            return;
          }
          if (method === 'GET') {
            json(response, 200, withoutPassword(user));
            return;
          }
          users.splice(index, 1);
          response.writeHead(204).end();
          return;
        }
        default:
          break;
      }
      graphError(response, 404, 'Request_ResourceNotFound', `The stand-in has no ${line}.`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    users,
    extensionsAppId: () => extensionsApp()?.appId,
    declareExtensionProperty(name, dataType) {
      const app = extensionsApp();
      const properties = app === undefined ? undefined : extensionProperties.get(app.id);
      if (app === undefined || properties === undefined) throw new Error('The stand-in has no b2c-extensions-app');
      const graphName = `extension_${app.appId.replace(/-/g, '')}_${name}`;
      properties.push({ id: randomUUID(), name: graphName, dataType, targetObjects: ['User'] });
      return graphName;
    },
    applications,
    servicePrincipals,
    extensionProperties,
    userFlows,
    requests,
    writes: () => requests.filter((request) => !request.startsWith('GET ')),
    failNext: (prefix, status, code, message, headers = {}) => {
      failures.push({ prefix, status, code, message, headers });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
