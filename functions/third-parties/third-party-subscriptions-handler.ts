/**
 * /api/third-party/subscriptions: a registered, ACTIVE third party reads and sets the list types pushed to it, with
 * its own token (the client id a system admin registered). PUT replaces the whole set; list types are named by id
 * (or name) and must be known. Push settings (endpoint, token server) stay a system admin's to register: subscribing
 * without them is refused (409). Which of those lists it receives is still decided by its registered role. Every
 * change and every refusal is audited (THIRD_PARTY_SUBSCRIPTIONS_UPDATE), and so is every read
 * (THIRD_PARTY_SUBSCRIPTIONS_VIEW).
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { recordAuditEvent } from '../../shared/audit/audit-log.js';
import { saveOwnSubscriptions } from '../../shared/third-parties/third-party-admin.js';
import { ownSubscriptionsSchema, type ThirdParty } from '../../shared/third-parties/third-party.js';
import { readJsonBody } from '../http-kit/json-body.js';
import { problem } from '../http-kit/problem.js';
import { callingThirdParty, type ThirdPartyPublicationsDependencies } from './third-party-publications-handler.js';

export const subscriptionsAction = 'THIRD_PARTY_SUBSCRIPTIONS_UPDATE';
/** Reading them is audited too (every call a third party makes is). */
export const subscriptionsViewAction = 'THIRD_PARTY_SUBSCRIPTIONS_VIEW';
const denied = 'Only a registered third party can manage its subscriptions';

const subscriptionsJson = (thirdParty: ThirdParty) => ({
  thirdPartyId: thirdParty.thirdPartyId,
  listTypes: thirdParty.pushListTypes,
  pushConfigured: thirdParty.push !== null,
});

/** GET api/third-party/subscriptions */
export async function handleGetOwnSubscriptions(
  deps: ThirdPartyPublicationsDependencies,
  request: HttpRequest,
): Promise<HttpResponseInit> {
  const calling = await callingThirdParty(deps, request, subscriptionsViewAction, denied);
  if (!calling.ok) return calling.response;
  await recordAuditEvent(deps.database, {
    action: subscriptionsViewAction,
    outcome: 'SUCCESS',
    actor: calling.principal,
    objectType: 'third_party',
    objectId: calling.thirdParty.thirdPartyId,
    details: { via: 'THIRD_PARTY_API', listTypes: calling.thirdParty.pushListTypes },
  });
  return { status: 200, jsonBody: subscriptionsJson(calling.thirdParty), headers: { 'cache-control': 'no-store' } };
}

/** PUT api/third-party/subscriptions `{ "listTypes": ["SJP_PRESS_LIST", …] }` */
export async function handleSetOwnSubscriptions(
  deps: ThirdPartyPublicationsDependencies,
  request: HttpRequest,
): Promise<HttpResponseInit> {
  const calling = await callingThirdParty(deps, request, subscriptionsAction, denied);
  if (!calling.ok) return calling.response;
  const { principal, thirdParty } = calling;
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const parsed = ownSubscriptionsSchema.safeParse(body.value);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      field: issue.path.length === 0 ? 'body' : issue.path.map(String).join('.'),
      problem:
        issue.code === 'unrecognized_keys'
          ? `has unknown fields ${issue.keys.join(', ')}`
          : issue.code === 'invalid_type' && issue.input === undefined
            ? 'is required'
            : issue.message,
    }));
    await recordAuditEvent(deps.database, {
      action: subscriptionsAction,
      outcome: 'FAILURE',
      actor: principal,
      objectType: 'third_party',
      objectId: thirdParty.thirdPartyId,
      details: { via: 'THIRD_PARTY_API', reason: 'INVALID', fields: details.map((d) => d.field) },
    });
    return problem(400, 'INVALID_SUBSCRIPTIONS', 'The subscriptions are invalid', details);
  }
  const saved = await saveOwnSubscriptions(deps.database, principal, thirdParty, parsed.data.listTypes);
  if (!saved.ok) {
    return saved.reason === 'NO_PUSH_SETTINGS'
      ? problem(409, 'PUSH_NOT_CONFIGURED', 'No push endpoint is registered for this third party yet', [
          { field: 'listTypes', problem: 'a system administrator must register the push settings first' },
        ])
      : problem(403, 'THIRD_PARTY_NOT_REGISTERED', 'This client is not registered as a third party', [
          { field: 'Authorization', problem: 'This client is not registered as a third party' },
        ]);
  }
  return { status: 200, jsonBody: subscriptionsJson(saved.thirdParty), headers: { 'cache-control': 'no-store' } };
}
