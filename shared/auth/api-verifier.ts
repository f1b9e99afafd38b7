/**
 * The verifier API routes authenticate with: the token verifier, plus the two things a token alone cannot say.
 *
 * - Roles held in our database (shared/auth/role-sources.ts): a B2C person's admin roles are the ones a system admin
 *   assigned at /system-admin/users, read from pip_user on each call; a token's admin role claim gains nothing.
 * - Every rejection is audited (TOKEN_VALIDATION, FAILURE, with the reason and the route), through the anonymous
 *   audit aggregator so that a flood of bad tokens writes a bounded number of rows (shared/audit/anonymous-audit.ts).
 */
import type { AnonymousAudit } from '../audit/anonymous-audit.js';
import type { Database } from '../db/database.js';
import { findUserByProvenance } from '../users/user-store.js';
import { effectiveRoles } from './role-sources.js';
import type { TokenRejectionReason, TokenVerification, TokenVerifier } from './token-verifier.js';

export const TOKEN_REJECTED_ACTION = 'TOKEN_VALIDATION';

export interface ApiVerifier extends TokenVerifier {
  /** Audits a 401: the verifier's reason and the route (ids in the path replaced by `:id`). */
  recordRejection(rejection: { reason: TokenRejectionReason }, path: string): Promise<void>;
}

/** The path with its id-like segments (numbers, UUIDs, long tokens) replaced, so one route is one audit kind. */
export function routeOf(path: string): string {
  return (
    path
      .split('?')[0]
      ?.split('/')
      .map((segment) =>
        /^\d+$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^.{33,}$/i.test(segment)
          ? ':id'
          : segment,
      )
      .join('/')
      .slice(0, 200) ?? ''
  );
}

export function createApiVerifier(options: {
  verifier: TokenVerifier;
  database: Database;
  anonymousAudit: AnonymousAudit;
}): ApiVerifier {
  const withStoredRoles = async (verification: TokenVerification): Promise<TokenVerification> => {
    if (!verification.ok || verification.principal.provenance !== 'PI_AAD') return verification;
    const stored = await findUserByProvenance(options.database, 'PI_AAD', verification.principal.userId);
    return {
      ...verification,
      principal: { ...verification.principal, roles: effectiveRoles(verification.principal.roles, stored) },
    };
  };
  return {
    verifyToken: async (token) => withStoredRoles(await options.verifier.verifyToken(token)),
    verifyAuthorizationHeader: async (header) =>
      withStoredRoles(await options.verifier.verifyAuthorizationHeader(header)),
    recordRejection: (rejection, path) =>
      options.anonymousAudit.record({
        action: TOKEN_REJECTED_ACTION,
        outcome: 'FAILURE',
        actor: null,
        objectType: 'route',
        objectId: routeOf(path),
        details: { reason: rejection.reason },
      }),
  };
}
