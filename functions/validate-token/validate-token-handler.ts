import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { recordAuditEvent, type Queryable } from '../../shared/audit/audit-log.js';
import { unauthenticated, type RequestVerifier } from '../http-kit/authenticate.js';

export interface ValidateTokenDependencies {
  verifier: RequestVerifier;
  audit: Queryable;
}

/**
 * POST /api/validate-token: 200 with the normalised principal, or the kit's 401 with the verifier's reason code.
 * Every rejection is audit-logged (aggregated per reason by the API verifier): a stream of them is what an attack
 * looks like.
 */
export async function handleValidateToken(
  deps: ValidateTokenDependencies,
  request: HttpRequest,
): Promise<HttpResponseInit> {
  const result = await deps.verifier.verifyAuthorizationHeader(request.headers.get('authorization'));
  if (result.ok) {
    return {
      status: 200,
      jsonBody: { ...result.principal, issuer: result.issuer, expiresAt: result.expiresAt.toISOString() },
      headers: { 'cache-control': 'no-store' },
    };
  }
  if (deps.verifier.recordRejection) await deps.verifier.recordRejection(result, new URL(request.url).pathname);
  else
    await recordAuditEvent(deps.audit, {
      action: 'TOKEN_VALIDATION',
      outcome: 'FAILURE',
      actor: null,
      details: { reason: result.reason },
    });
  return unauthenticated(result.reason, result.message);
}
