/**
 * A third party's receiver, as Courtel would run one, for tests: `POST /publications` takes a pushed publication and
 * `GET /health` answers 200, each only with a bearer token the local identity provider signed (its Azure AD issuer's
 * JWKS) for the receiver's audience and scope; anything else is 401. It keeps what it received, in order, and can be
 * taken down (503, like a receiver behind a load balancer whose backend is down) and brought up again. Test code only.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { LocalIdentityProvider } from '../local/identity/local-identity-provider.js';
import { THIRD_PARTY_PUSH_CLIENT } from '../local/identity/local-identities.js';

export interface ReceivedPush {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ThirdPartyReceiver {
  url: string;
  endpoint: string;
  healthUrl: string;
  /** The identity provider's token endpoint for the push client (client credentials). */
  tokenUrl: string;
  received: ReceivedPush[];
  /** Requests refused for their token (401). */
  refusedTokens: number;
  /** Requests answered 503 while down. */
  refusedWhileDown: number;
  down(): void;
  up(): void;
  stop(): Promise<void>;
}

export async function startThirdPartyReceiver(idp: LocalIdentityProvider): Promise<ThirdPartyReceiver> {
  const jwks = createRemoteJWKSet(new URL(`${idp.issuers.aad}/jwks`));
  const state = { isDown: false, refusedTokens: 0, refusedWhileDown: 0 };
  const received: ReceivedPush[] = [];

  const authorised = async (header: string | undefined): Promise<boolean> => {
    const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    if (token === undefined) return false;
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer: idp.issuers.aad,
        audience: THIRD_PARTY_PUSH_CLIENT.audience,
        algorithms: ['RS256'],
      });
      const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      return scopes.includes(THIRD_PARTY_PUSH_CLIENT.scope) && payload.client_id === THIRD_PARTY_PUSH_CLIENT.clientId;
    } catch {
      return false;
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
      if (state.isDown) {
        state.refusedWhileDown += 1;
        res.writeHead(503).end();
        return;
      }
      if (!(await authorised(req.headers.authorization))) {
        state.refusedTokens += 1;
        res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end();
        return;
      }
      if (req.method === 'GET' && req.url === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"UP"}');
        return;
      }
      if (req.method === 'POST' && req.url === '/publications') {
        received.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(204).end();
        return;
      }
      res.writeHead(404).end();
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    endpoint: `${url}/publications`,
    healthUrl: `${url}/health`,
    tokenUrl: `${idp.issuers.aad}/token`,
    received,
    get refusedTokens() {
      return state.refusedTokens;
    },
    get refusedWhileDown() {
      return state.refusedWhileDown;
    },
    down: () => {
      state.isDown = true;
    },
    up: () => {
      state.isDown = false;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
