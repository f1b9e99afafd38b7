/**
 * /api/third-parties: system admins register third parties (Courtel and the like), change them (status, role, read
 * client id, push settings and subscribed list types) and test their push connection; operators see the pushes that
 * failed on every attempt (parked) and put them back in line. Every change, and every refusal, is audited; the
 * registration and its audit record commit together.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { z } from 'zod';
import type { Principal } from '../../shared/auth/principal.js';
import type { Database } from '../../shared/db/database.js';
import { logEvent } from '../../shared/logging/log-event.js';
import type { PushClient } from '../../shared/third-parties/push-client.js';
import { runConnectionTest, saveThirdParty } from '../../shared/third-parties/third-party-admin.js';
import {
  thirdPartyInputSchema,
  thirdPartyJson,
  type ThirdParty,
  type ThirdPartyInput,
} from '../../shared/third-parties/third-party.js';
import { findThirdParty, listThirdParties } from '../../shared/third-parties/third-party-store.js';
import { parkedPushes, unparkPush } from '../../shared/third-parties/push-store.js';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import { authorize, type RequestVerifier } from '../http-kit/authenticate.js';
import { readJsonBody } from '../http-kit/json-body.js';
import { problem, type ProblemDetail } from '../http-kit/problem.js';

export interface ThirdPartiesDependencies {
  database: Database;
  verifier: RequestVerifier;
  pushClient: PushClient;
}

const noStore = { 'cache-control': 'no-store' };

function bodyProblems(error: z.ZodError): ProblemDetail[] {
  return error.issues.map((issue) => {
    const field = issue.path.length === 0 ? 'body' : issue.path.map(String).join('.');
    const isMissing = issue.code === 'invalid_type' && issue.input === undefined;
    const problemText =
      issue.code === 'unrecognized_keys'
        ? `has unknown fields ${issue.keys.join(', ')}`
        : isMissing
          ? 'is required'
          : issue.message;
    return { field, problem: problemText };
  });
}

const notFound = (thirdPartyId: string) =>
  problem(404, 'THIRD_PARTY_NOT_FOUND', `No third party has the id ${thirdPartyId}`, [
    { field: 'thirdPartyId', problem: 'no such third party' },
  ]);

async function admin(deps: ThirdPartiesDependencies, request: HttpRequest, action: string, objectId?: string) {
  return authorize(request, deps.verifier, {
    roles: ['SYSTEM_ADMIN'],
    audit: deps.database,
    action,
    objectType: 'third_party',
    ...(objectId === undefined ? {} : { objectId }),
    message: 'Only a system administrator can manage third parties',
  });
}

/**
 * A system administrator acting on the third party the route names: the caller and the registration, or the 401,
 * the audited 403, or the 404 to answer.
 */
async function adminOnThirdParty(
  deps: ThirdPartiesDependencies,
  request: HttpRequest,
  action: string,
): Promise<{ ok: true; principal: Principal; thirdParty: ThirdParty } | { ok: false; response: HttpResponseInit }> {
  const thirdPartyId = request.params.thirdPartyId ?? '';
  const caller = await admin(deps, request, action, thirdPartyId);
  if (!caller.ok) return caller;
  const thirdParty = await findThirdParty(deps.database, thirdPartyId);
  if (!thirdParty) return { ok: false, response: notFound(thirdPartyId) };
  return { ok: true, principal: caller.principal, thirdParty };
}

function writeRefused(reason: 'NAME_TAKEN' | 'CLIENT_ID_TAKEN' | 'NOT_FOUND', thirdPartyId: string) {
  if (reason === 'NOT_FOUND') return notFound(thirdPartyId);
  return reason === 'NAME_TAKEN'
    ? problem(409, 'THIRD_PARTY_NAME_TAKEN', 'A third party with this name is already registered', [
        { field: 'name', problem: 'is already registered' },
      ])
    : problem(409, 'THIRD_PARTY_CLIENT_ID_TAKEN', 'Another third party already reads with this client id', [
        { field: 'oauthClientId', problem: 'is already registered' },
      ]);
}

async function readInput(
  request: HttpRequest,
): Promise<{ ok: true; input: ThirdPartyInput } | { ok: false; response: HttpResponseInit }> {
  const body = await readJsonBody(request);
  if (!body.ok) return body;
  const parsed = thirdPartyInputSchema.safeParse(body.value);
  if (!parsed.success) {
    const details = bodyProblems(parsed.error);
    return {
      ok: false,
      response: problem(
        400,
        'INVALID_THIRD_PARTY',
        `The third party is invalid: ${[...new Set(details.map((d) => d.field))].join(', ')}`,
        details,
      ),
    };
  }
  return { ok: true, input: parsed.data };
}

/** GET api/third-parties */
export async function handleListThirdParties(
  deps: ThirdPartiesDependencies,
  request: HttpRequest,
): Promise<HttpResponseInit> {
  const caller = await admin(deps, request, 'THIRD_PARTY_LIST');
  if (!caller.ok) return caller.response;
  const all = await listThirdParties(deps.database);
  return { status: 200, jsonBody: all.map(thirdPartyJson), headers: noStore };
}

/** GET api/third-parties/{thirdPartyId} */
export async function handleGetThirdParty(
  deps: ThirdPartiesDependencies,
  request: HttpRequest,
): Promise<HttpResponseInit> {
  const caller = await adminOnThirdParty(deps, request, 'THIRD_PARTY_VIEW');
  if (!caller.ok) return caller.response;
  return { status: 200, jsonBody: thirdPartyJson(caller.thirdParty), headers: noStore };
}

/** POST api/third-parties */
export async function handleCreateThirdParty(
  deps: ThirdPartiesDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const caller = await admin(deps, request, 'THIRD_PARTY_CREATE');
  if (!caller.ok) return caller.response;
  const input = await readInput(request);
  if (!input.ok) return input.response;
  const saved = await saveThirdParty(deps.database, caller.principal, null, input.input, 'API');
  if (!saved.ok) return writeRefused(saved.reason, '');
  logEvent(context, 'info', 'THIRD_PARTY_SAVED', {
    thirdPartyId: saved.thirdParty.thirdPartyId,
    userId: caller.principal.userId,
    created: true,
  });
  return {
    status: 201,
    jsonBody: thirdPartyJson(saved.thirdParty),
    headers: { ...noStore, location: `/api/third-parties/${saved.thirdParty.thirdPartyId}` },
  };
}

/** PUT api/third-parties/{thirdPartyId}: the whole registration, replaced. */
export async function handleUpdateThirdParty(
  deps: ThirdPartiesDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const caller = await adminOnThirdParty(deps, request, 'THIRD_PARTY_UPDATE');
  if (!caller.ok) return caller.response;
  const { thirdPartyId } = caller.thirdParty;
  const input = await readInput(request);
  if (!input.ok) return input.response;
  const saved = await saveThirdParty(deps.database, caller.principal, thirdPartyId, input.input, 'API');
  if (!saved.ok) return writeRefused(saved.reason, thirdPartyId);
  logEvent(context, 'info', 'THIRD_PARTY_SAVED', {
    thirdPartyId,
    userId: caller.principal.userId,
    created: false,
  });
  return { status: 200, jsonBody: thirdPartyJson(saved.thirdParty), headers: noStore };
}

/** POST api/third-parties/{thirdPartyId}/test-connection: a token from their token server, then their health endpoint. */
export async function handleTestConnection(
  deps: ThirdPartiesDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const caller = await adminOnThirdParty(deps, request, 'THIRD_PARTY_CONNECTION_TEST');
  if (!caller.ok) return caller.response;
  const { thirdPartyId } = caller.thirdParty;
  const result = await runConnectionTest(deps, caller.principal, caller.thirdParty, 'API');
  if (result.ok)
    logEvent(context, 'info', 'THIRD_PARTY_CONNECTION_OK', { thirdPartyId, healthStatus: result.healthStatus });
  else
    logEvent(context, 'warn', 'THIRD_PARTY_CONNECTION_FAILED', {
      thirdPartyId,
      stage: result.stage,
      status: result.status,
    });
  return {
    status: 200,
    jsonBody: result.ok
      ? { ok: true, healthStatus: result.healthStatus }
      : { ok: false, stage: result.stage, status: result.status, message: result.message },
    headers: noStore,
  };
}

/** GET api/third-parties/{thirdPartyId}/pushes: the parked pushes (every attempt failed), newest first. */
export async function handleParkedPushes(
  deps: ThirdPartiesDependencies,
  request: HttpRequest,
): Promise<HttpResponseInit> {
  const caller = await adminOnThirdParty(deps, request, 'THIRD_PARTY_VIEW');
  if (!caller.ok) return caller.response;
  const parked = await parkedPushes(deps.database, caller.thirdParty.thirdPartyId);
  return {
    status: 200,
    jsonBody: {
      parked: parked.map((push) => ({
        pushId: push.pushId,
        artefactId: push.artefactId,
        version: push.version,
        event: push.event,
        listType: push.listType,
        locationId: push.locationId,
        contentDate: push.contentDate,
        attempts: push.attempts,
        lastError: push.lastError,
        failedAt: push.settledAt?.toISOString() ?? null,
      })),
    },
    headers: noStore,
  };
}

/** POST api/third-parties/{thirdPartyId}/pushes/{pushId}/retry: a parked push back in line (the sweeper queues it). */
export async function handleRetryParkedPush(
  deps: ThirdPartiesDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const thirdPartyId = request.params.thirdPartyId ?? '';
  const pushId = request.params.pushId ?? '';
  const caller = await admin(deps, request, 'THIRD_PARTY_PUSH_UNPARK', thirdPartyId);
  if (!caller.ok) return caller.response;
  const unparked = await unparkPush(deps.database, thirdPartyId, pushId);
  await recordAuditEvent(deps.database, {
    action: 'THIRD_PARTY_PUSH_UNPARK',
    outcome: unparked ? 'SUCCESS' : 'FAILURE',
    actor: caller.principal,
    objectType: 'third_party',
    objectId: thirdPartyId,
    details: { pushId: pushId.slice(0, 20), ...(unparked ? {} : { reason: 'NOT_PARKED' }) },
  });
  if (!unparked)
    return problem(404, 'PUSH_NOT_PARKED', `No parked push ${pushId.slice(0, 20)} for this third party`, [
      { field: 'pushId', problem: 'is not a parked push of this third party' },
    ]);
  logEvent(context, 'info', 'THIRD_PARTY_PUSH_UNPARKED', { thirdPartyId, pushId, userId: caller.principal.userId });
  return { status: 202, jsonBody: { pushId, status: 'PENDING' }, headers: noStore };
}
