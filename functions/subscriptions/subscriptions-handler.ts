/**
 * A subscriber's own email subscriptions: create (POST), list (GET), delete (DELETE /{subscriptionId}). Only callers
 * who may subscribe (shared/subscriptions/subscriber.ts: verified people and third parties) get past `authorize`; the
 * subscriber is whoever the verified token says, never anything in the body. Every create and delete is audited;
 * a delete of a subscription that is not the caller's is answered exactly as one that does not exist.
 */
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Database } from '../../shared/db/database.js';
import { logEvent } from '../../shared/logging/log-event.js';
import {
  ownSubscriptions,
  removeOwnSubscription,
  requestSubscription,
  subscriptionAuditActions,
} from '../../shared/subscriptions/own-subscriptions.js';
import { subscriberRoles } from '../../shared/subscriptions/subscriber.js';
import { subscriptionJson } from '../../shared/subscriptions/subscription.js';
import { authorize, type Authorization, type RequestVerifier } from '../http-kit/authenticate.js';
import { readJsonBody } from '../http-kit/json-body.js';
import { problem, type ProblemDetail } from '../http-kit/problem.js';

export interface SubscriptionsDependencies {
  database: Database;
  verifier: RequestVerifier;
}

const privateAnswer = { 'cache-control': 'private, no-store' };

async function subscriberCaller(
  deps: SubscriptionsDependencies,
  request: HttpRequest,
  context: InvocationContext,
  action: string,
  objectId?: string,
): Promise<Authorization> {
  return authorize(
    request,
    deps.verifier,
    {
      roles: subscriberRoles,
      audit: deps.database,
      action,
      objectType: 'subscription',
      ...(objectId === undefined ? {} : { objectId }),
      message: 'Only verified users and third parties can hold subscriptions',
    },
    { logger: context, denied: 'SUBSCRIPTION_DENIED', fields: { action } },
  );
}

function invalidSubscription(details: readonly ProblemDetail[]): HttpResponseInit {
  const fields = [...new Set(details.map((d) => d.field))].join(', ');
  return problem(400, 'INVALID_SUBSCRIPTION', `The subscription is not valid: ${fields}`, details);
}

/** POST /api/subscriptions */
export async function handleCreateSubscription(
  deps: SubscriptionsDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const caller = await subscriberCaller(deps, request, context, subscriptionAuditActions.create);
  if (!caller.ok) return caller.response;
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const outcome = await requestSubscription(deps.database, caller.principal, body.value);
  if (!outcome.ok) return invalidSubscription(outcome.problems);
  const principal = caller.principal;
  const log = {
    userId: principal.userId,
    subscriptionId: outcome.subscription.subscriptionId,
    searchType: outcome.subscription.searchType,
  };
  if (outcome.created) logEvent(context, 'info', 'SUBSCRIPTION_CREATED', log);
  else logEvent(context, 'info', 'SUBSCRIPTION_ALREADY_HELD', log);
  return {
    status: outcome.created ? 201 : 200,
    jsonBody: subscriptionJson(outcome.subscription),
    headers: privateAnswer,
  };
}

/** GET /api/subscriptions: the caller's own, newest first. */
export async function handleListSubscriptions(
  deps: SubscriptionsDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const caller = await subscriberCaller(deps, request, context, subscriptionAuditActions.list);
  if (!caller.ok) return caller.response;
  const subscriptions = await ownSubscriptions(deps.database, caller.principal);
  return { status: 200, jsonBody: subscriptions.map(subscriptionJson), headers: privateAnswer };
}

/** DELETE /api/subscriptions/{subscriptionId}: only the caller's own; any other id is 404, whoever holds it. */
export async function handleDeleteSubscription(
  deps: SubscriptionsDependencies,
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const subscriptionId = request.params.subscriptionId ?? '';
  // The id as the audit records it: whatever was asked for, within reason.
  const objectId = subscriptionId.slice(0, 100);
  const caller = await subscriberCaller(deps, request, context, subscriptionAuditActions.delete, objectId);
  if (!caller.ok) return caller.response;
  const principal = caller.principal;
  const deleted = await removeOwnSubscription(deps.database, principal, subscriptionId);
  if (!deleted) {
    logEvent(context, 'warn', 'SUBSCRIPTION_DELETE_NOT_FOUND', { userId: principal.userId });
    return problem(404, 'SUBSCRIPTION_NOT_FOUND', 'You have no subscription with this id', [
      { field: 'subscriptionId', problem: 'is not one of your subscriptions' },
    ]);
  }
  logEvent(context, 'info', 'SUBSCRIPTION_DELETED', { userId: principal.userId, subscriptionId });
  return {
    status: 200,
    jsonBody: { ...subscriptionJson(deleted), message: 'The subscription has been deleted' },
    headers: privateAnswer,
  };
}
