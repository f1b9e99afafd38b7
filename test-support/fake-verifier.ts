/** A token verifier for handler tests: whoever `principal()` names is signed in; null is a request without a token. */
import type { Principal } from '../shared/auth/principal.js';
import type { TokenVerification } from '../shared/auth/token-verifier.js';
import type { RequestVerifier } from '../functions/http-kit/authenticate.js';

export function verifierFor(principal: () => Principal | null): RequestVerifier {
  return {
    verifyAuthorizationHeader: (): Promise<TokenVerification> => {
      const current = principal();
      return Promise.resolve(
        current === null
          ? { ok: false, reason: 'TOKEN_MISSING', message: 'An Authorization: Bearer token is required' }
          : { ok: true, principal: current, issuer: 'aad', expiresAt: new Date(Date.now() + 3_600_000) },
      );
    },
  };
}
