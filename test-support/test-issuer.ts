/**
 * A minimal OpenID issuer for attack tests: serves a real discovery document and JWKS over loopback HTTP and signs
 * tokens with its own RSA key, so a test can craft expired, future, tampered or mis-addressed tokens.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey, type JWK } from 'jose';

export interface TestIssuer {
  issuer: string;
  publicJwk: JWK;
  sign(
    payload: JWTPayload,
    options?: { kid?: string; expiresIn?: string | number; notBefore?: string | number; issuedAt?: number },
  ): Promise<string>;
  privateKey: CryptoKey;
  /** How many times the discovery document was read. */
  discoveryReads(): number;
  /** The kid tokens are signed with now. */
  currentKid(): string;
  /** A key rotation: a new key (and kid) signs from now on, and the JWKS publishes only it. */
  rotateKey(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const { publicKey, privateKey: firstPrivateKey } = await generateKeyPair('RS256', { extractable: true });
  const firstJwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  let publicJwk: JWK = firstJwk;
  let privateKey = firstPrivateKey;
  let rotations = 1;
  let discoveryReads = 0;
  let issuer = '';
  const server = createServer((request, response) => {
    if (request.url === '/.well-known/openid-configuration') {
      discoveryReads += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (request.url === '/jwks') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    publicJwk: firstJwk,
    privateKey: firstPrivateKey,
    currentKid: () => String(publicJwk.kid),
    discoveryReads: () => discoveryReads,
    async rotateKey() {
      const next = await generateKeyPair('RS256', { extractable: true });
      rotations += 1;
      publicJwk = { ...(await exportJWK(next.publicKey)), kid: `test-key-${rotations}`, alg: 'RS256', use: 'sig' };
      privateKey = next.privateKey;
    },
    async sign(payload, options = {}) {
      const jwt = new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? String(publicJwk.kid) })
        .setIssuedAt(options.issuedAt)
        .setExpirationTime(options.expiresIn ?? '5m');
      if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
      return jwt.sign(privateKey);
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
