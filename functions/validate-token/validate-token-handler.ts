import type { HttpResponseInit } from '@azure/functions';
import { recordAuditEvent, type Queryable } from '../../shared/audit/audit-log.js';
import type { TokenVerification } from '../../shared/auth/token-verifier.js';

export interface ValidateTokenDependencies {
  verify(authorizationHeader: string | null): Promise<TokenVerification>;
  audit: Queryable;
}

/**
 * POST /api/validate-token: 200 with the normalised principal, or 401 with a stable reason code.
 * Every rejection is audit-logged: a stream of them is what an attack looks like.
 */
export async function handleValidateToken(
  deps: ValidateTokenDependencies,
  authorizationHeader: string | null,
): Promise<HttpResponseInit> {
  const result = await deps.verify(authorizationHeader);
  if (result.ok) {
    return {
      status: 200,
      jsonBody: { ...result.principal, issuer: result.issuer, expiresAt: result.expiresAt.toISOString() },
    };
  }
  await recordAuditEvent(deps.audit, {
    action: 'TOKEN_VALIDATION',
    outcome: 'FAILURE',
    actor: null,
    details: { reason: result.reason },
  });
  return {
    status: 401,
    headers: { 'www-authenticate': `Bearer error="invalid_token", error_description="${result.message}"` },
    jsonBody: {
      code: result.reason,
      message: result.message,
      details: [{ field: 'Authorization', problem: result.message }],
    },
  };
}
