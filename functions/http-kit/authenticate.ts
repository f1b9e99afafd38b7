/**
 * Who is calling, and may they: one `authenticate` for every API route (a principal, or a 401 giving the verifier's
 * reason, the same body whatever the route), one `authenticateOptional` for routes anonymous callers may read too (no
 * Authorization header is anonymous; a header that does not verify is still a 401, never a fall-back to anonymous),
 * and one `requireRole` that records a refusal in the audit log before answering 403.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { recordAuditEvent, type Queryable } from '../../shared/audit/audit-log.js';
import { hasAnyRole, type Principal, type Role } from '../../shared/auth/principal.js';
import type { ApiVerifier } from '../../shared/auth/api-verifier.js';
import type { TokenRejectionReason, TokenVerifier } from '../../shared/auth/token-verifier.js';
import { logEvent, type EventLogger, type LogFields } from '../../shared/logging/log-event.js';
import type { LogEventCode, LogLevelOf } from '../../shared/logging/log-events.js';
import { problem } from './problem.js';

/**
 * What the kit needs of the token verifier (shared/auth/token-verifier.ts; in production the API verifier of
 * shared/auth/api-verifier.ts, which also audits every rejection); tests pass a fake.
 */
export type RequestVerifier = Pick<TokenVerifier, 'verifyAuthorizationHeader'> &
  Partial<Pick<ApiVerifier, 'recordRejection'>>;

export type Authentication = { ok: true; principal: Principal } | { ok: false; response: HttpResponseInit };
export type OptionalAuthentication =
  { ok: true; principal: Principal | null } | { ok: false; response: HttpResponseInit };

/** A quoted-string safe to put in a header: printable ASCII without quotes or backslashes. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]|["\\]/g, '');
}

/**
 * The 401 every route answers: the verifier's reason as the code, its message, and an RFC 6750 challenge. The
 * challenge carries only our own fixed messages, never anything read from the token.
 */
export function unauthenticated(reason: TokenRejectionReason, message: string): HttpResponseInit {
  const challenge =
    reason === 'TOKEN_MISSING' ? 'Bearer' : `Bearer error="invalid_token", error_description="${headerSafe(message)}"`;
  return problem(401, reason, message, [{ field: 'Authorization', problem: message }], {
    headers: { 'www-authenticate': challenge },
  });
}

export async function authenticate(request: HttpRequest, verifier: RequestVerifier): Promise<Authentication> {
  const verification = await verifier.verifyAuthorizationHeader(request.headers.get('authorization'));
  if (!verification.ok) {
    await verifier.recordRejection?.(verification, new URL(request.url).pathname);
    return { ok: false, response: unauthenticated(verification.reason, verification.message) };
  }
  return { ok: true, principal: verification.principal };
}

export async function authenticateOptional(
  request: HttpRequest,
  verifier: RequestVerifier,
): Promise<OptionalAuthentication> {
  if (request.headers.get('authorization') === null) return { ok: true, principal: null };
  return authenticate(request, verifier);
}

export interface RoleRequirement {
  /** Any one of these roles is enough. */
  roles: readonly Role[];
  /** Where a refusal is recorded. */
  audit: Queryable;
  /** The audit action refused, e.g. LOCATION_DELETE. */
  action: string;
  objectType?: string;
  objectId?: string;
  details?: Record<string, unknown>;
  /** The 403's message, e.g. "Only a system administrator can delete a location". */
  message: string;
}

/** null when the principal holds one of the roles; otherwise the refusal is audited (DENIED) and answered 403. */
export async function requireRole(
  principal: Principal,
  requirement: RoleRequirement,
): Promise<HttpResponseInit | null> {
  if (hasAnyRole(principal, requirement.roles)) return null;
  await recordAuditEvent(requirement.audit, {
    action: requirement.action,
    outcome: 'DENIED',
    actor: principal,
    ...(requirement.objectType === undefined ? {} : { objectType: requirement.objectType }),
    ...(requirement.objectId === undefined ? {} : { objectId: requirement.objectId }),
    ...(requirement.details === undefined ? {} : { details: requirement.details }),
  });
  return problem(403, 'FORBIDDEN', requirement.message, [
    { field: 'Authorization', problem: `needs one of the roles ${requirement.roles.join(', ')}` },
  ]);
}

export type Authorization =
  | { ok: true; principal: Principal }
  | {
      ok: false;
      response: HttpResponseInit;
      /** The caller refused for want of a role (403); null when the caller did not authenticate (401). */
      refused: Principal | null;
    };

/** The warn-level event codes: what a refused call may be logged as. */
type WarnEventCode = { [C in LogEventCode]: LogLevelOf<C> extends 'warn' ? C : never }[LogEventCode];

/** What `authorize` logs of a refusal, beside the audit record: for the routes whose refusals operators watch. */
export interface RefusalLog {
  logger: EventLogger;
  /** Logged with the refused caller's user id, then `fields`, when a role is missing (403). */
  denied: WarnEventCode;
  /** Logged with `fields` when the caller did not authenticate (401); nothing is logged without it. */
  unauthenticated?: WarnEventCode;
  fields?: LogFields;
}

/**
 * `authenticate`, then `requireRole`: the principal, or the 401 or audited 403 to answer. With `log`, the refusal is
 * also logged as an event.
 */
export async function authorize(
  request: HttpRequest,
  verifier: RequestVerifier,
  requirement: RoleRequirement,
  log?: RefusalLog,
): Promise<Authorization> {
  const caller = await authenticate(request, verifier);
  if (!caller.ok) {
    if (log?.unauthenticated !== undefined) logEvent(log.logger, 'warn', log.unauthenticated, log.fields);
    return { ok: false, response: caller.response, refused: null };
  }
  const refused = await requireRole(caller.principal, requirement);
  if (refused) {
    if (log !== undefined) logEvent(log.logger, 'warn', log.denied, { userId: caller.principal.userId, ...log.fields });
    return { ok: false, response: refused, refused: caller.principal };
  }
  return caller;
}
