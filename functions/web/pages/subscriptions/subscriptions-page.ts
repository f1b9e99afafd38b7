/**
 * /subscriptions: a signed-in subscriber's email subscriptions in one table, newest first, each with a link to remove
 * it after confirming (/subscriptions/{id}/remove: GET asks, POST removes, audited in shared/subscriptions). Who may:
 * the people and third parties who may subscribe (shared/subscriptions/subscriber.ts); an anonymous visitor is sent
 * to sign in and brought back; anyone else gets the 403 page, the refusal audited. Several are removed at once by
 * ticking them in the table (/subscriptions/remove: GET asks, POST removes each, all or none). Adding them:
 * ./add-subscription-page.ts.
 */
import { hasAnyRole, type Principal } from '../../../../shared/auth/principal.js';
import { logEvent } from '../../../../shared/logging/log-event.js';
import { findListType } from '../../../../shared/publications/catalogue/list-types.js';
import { subscriptionAuditActions } from '../../../../shared/subscriptions/own-subscriptions.js';
import { subscriberRoles } from '../../../../shared/subscriptions/subscriber.js';
import type { Subscription } from '../../../../shared/subscriptions/subscription.js';
import { signInRedirect } from '../../http/admin-guard.js';
import type { Language } from '../../i18n/language.js';
import { formatDate, localeStrings } from '../../i18n/locale-strings.js';
import type { PageRequest, PageResult, PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { forbiddenPage } from '../forbidden/forbidden-page.js';
import cy from './cy.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

export const strings = localeStrings(en, cy);
export type Strings = (typeof strings)['en'];

export type SubscriberRequest = PageRequest & { principal: Principal };

/** The most subscriptions removed at once: more than anyone holds is a forged form. */
const MAX_REMOVED_AT_ONCE = 500;

/** The guard: a subscriber's request, or what to answer instead. */
async function subscriberOnly(
  deps: WebDependencies,
  request: PageRequest,
  postAction: string,
): Promise<SubscriberRequest | PageResult> {
  const principal = request.principal;
  if (principal === null) return signInRedirect(request.url);
  if (hasAnyRole(principal, subscriberRoles)) return { ...request, principal };
  const action = request.method === 'POST' ? postAction : subscriptionAuditActions.list;
  await deps.audit({
    action,
    outcome: 'DENIED',
    actor: principal,
    objectType: 'page',
    objectId: request.url.pathname,
  });
  logEvent(request.logger, 'warn', 'SUBSCRIPTION_DENIED', { userId: principal.userId, action });
  return { kind: 'page', status: 403, ...forbiddenPage(request.language, 'permission') };
}

/** A page for subscribers only; a refused POST is audited as `postAction` (a delete unless said). */
export function subscriberRoute(
  path: string,
  methods: PageRoute['methods'],
  handle: (deps: WebDependencies, request: SubscriberRequest) => Promise<PageResult>,
  postAction: string = subscriptionAuditActions.delete,
): PageRoute {
  return {
    path,
    methods,
    async handle(deps, request) {
      const guarded = await subscriberOnly(deps, request, postAction);
      return 'kind' in guarded ? guarded : handle(deps, guarded);
    },
  };
}

/** What a subscription follows, in the page's language: the court's or list type's name, else the value. */
export async function describe(
  deps: WebDependencies,
  subscription: Pick<Subscription, 'searchType' | 'searchValue' | 'listTypes' | 'languages'> & { createdAt?: Date },
  language: Language,
) {
  const t = strings[language];
  const listTypeName = (id: string) => {
    const found = findListType(id);
    return found.kind === 'unknown' ? id : found.listType.friendlyName[language];
  };
  let value = subscription.searchValue;
  if (subscription.searchType === 'LOCATION_ID') {
    const court = await deps.courts.find(Number(subscription.searchValue));
    value =
      court === null
        ? t.unknownCourt.replace('{id}', subscription.searchValue)
        : ((language === 'cy' ? court.welshName : null) ?? court.name);
  } else if (subscription.searchType === 'LIST_TYPE') {
    value = listTypeName(subscription.searchValue);
  }
  const lists = subscription.listTypes.length > 0 ? subscription.listTypes.map(listTypeName).join(', ') : t.everyList;
  const languages =
    subscription.languages.length > 0
      ? subscription.languages.map((code) => t.languages[code]).join(', ')
      : t.everyLanguage;
  return {
    type: t.searchTypes[subscription.searchType],
    value,
    narrowing: subscription.searchType === 'LOCATION_ID' ? `${lists} (${languages})` : t.everyList,
    dateAdded: subscription.createdAt === undefined ? '' : formatDate(subscription.createdAt.toISOString(), language),
  };
}

async function subscriptionsPage(
  deps: WebDependencies,
  request: SubscriberRequest,
  selectionError = false,
): Promise<PageResult> {
  const t = strings[request.language];
  const subscriptions = await deps.subscriptions.list(request.principal);
  const rows = [];
  for (const subscription of subscriptions) {
    rows.push({
      ...(await describe(deps, subscription, request.language)),
      id: subscription.subscriptionId,
      removeHref: `/subscriptions/${subscription.subscriptionId}/remove`,
    });
  }
  const removedCount = Number(request.url.searchParams.get('removed') ?? '0');
  const removed =
    Number.isSafeInteger(removedCount) && removedCount > 0
      ? removedCount === 1
        ? t.removed
        : t.removedMany.replace('{count}', String(removedCount))
      : null;
  return {
    kind: 'page',
    template: 'pages/subscriptions/subscriptions.njk',
    title: t.title,
    hasError: selectionError,
    context: {
      t,
      rows,
      removed,
      errorList: selectionError ? [{ text: t.bulkError, href: `#subscription-${rows[0]?.id ?? ''}` }] : [],
    },
  };
}

/** The ids ticked, if every one is the subscriber's own; null when any is not (nothing is done then). */
async function ownSelection(
  deps: WebDependencies,
  request: SubscriberRequest,
  ids: string[],
): Promise<Subscription[] | null> {
  if (ids.length > MAX_REMOVED_AT_ONCE) return null;
  const own = await deps.subscriptions.list(request.principal);
  const wanted = new Set(ids);
  const selected = own.filter((subscription) => wanted.has(subscription.subscriptionId));
  return selected.length === wanted.size ? selected : null;
}

/** GET /subscriptions/remove?subscription=…: the ticked subscriptions, and Remove (POST, with their ids and CSRF). */
async function confirmBulkRemovalPage(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const ids = request.url.searchParams.getAll('subscription');
  if (ids.length === 0) return subscriptionsPage(deps, request, true);
  const selected = await ownSelection(deps, request, ids);
  if (selected === null) return { kind: 'not-found' };
  const summary = [];
  for (const subscription of selected) {
    const described = await describe(deps, subscription, request.language);
    summary.push({ key: { text: described.type }, value: { text: `${described.value}: ${described.narrowing}` } });
  }
  return {
    kind: 'page',
    template: 'pages/subscriptions/remove-subscriptions.njk',
    title: t.bulkConfirmTitle,
    context: { t, summary, ids: selected.map((subscription) => subscription.subscriptionId) },
  };
}

/** POST /subscriptions/remove: every ticked subscription removed (each audited), or none when any is not theirs. */
async function removeSubscriptions(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const ids = request.form.getAll('subscription');
  if (ids.length === 0) return subscriptionsPage(deps, request, true);
  const selected = await ownSelection(deps, request, ids);
  if (selected === null) {
    logEvent(request.logger, 'warn', 'SUBSCRIPTION_DELETE_NOT_FOUND', { userId: request.principal.userId });
    return { kind: 'not-found' };
  }
  let removed = 0;
  for (const subscription of selected) {
    if ((await deps.subscriptions.remove(request.principal, subscription.subscriptionId)) === null) continue;
    removed += 1;
    logEvent(request.logger, 'info', 'SUBSCRIPTION_DELETED', {
      userId: request.principal.userId,
      subscriptionId: subscription.subscriptionId,
    });
  }
  return { kind: 'redirect', location: `/subscriptions?removed=${removed}` };
}

async function confirmRemovalPage(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const id = request.params.subscriptionId ?? '';
  const subscription = (await deps.subscriptions.list(request.principal)).find((s) => s.subscriptionId === id);
  if (subscription === undefined) return { kind: 'not-found' };
  const described = await describe(deps, subscription, request.language);
  return {
    kind: 'page',
    template: 'pages/subscriptions/remove-subscription.njk',
    title: t.confirmTitle,
    context: {
      t,
      action: `/subscriptions/${subscription.subscriptionId}/remove`,
      summary: [
        [described.type, described.value],
        [t.narrowedTo, described.narrowing],
        [t.dateAdded, described.dateAdded],
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
    },
  };
}

async function removeSubscription(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const id = request.params.subscriptionId ?? '';
  const removed = await deps.subscriptions.remove(request.principal, id);
  if (removed === null) {
    logEvent(request.logger, 'warn', 'SUBSCRIPTION_DELETE_NOT_FOUND', { userId: request.principal.userId });
    return { kind: 'not-found' };
  }
  logEvent(request.logger, 'info', 'SUBSCRIPTION_DELETED', {
    userId: request.principal.userId,
    subscriptionId: removed.subscriptionId,
  });
  return { kind: 'redirect', location: '/subscriptions?removed=1' };
}

export const subscriptionsRoutes: PageRoute[] = [
  subscriberRoute('/subscriptions', ['GET'], (deps, request) => subscriptionsPage(deps, request)),
  subscriberRoute('/subscriptions/remove', ['GET'], confirmBulkRemovalPage),
  subscriberRoute('/subscriptions/remove', ['POST'], removeSubscriptions),
  subscriberRoute('/subscriptions/:subscriptionId/remove', ['GET'], confirmRemovalPage),
  subscriberRoute('/subscriptions/:subscriptionId/remove', ['POST'], removeSubscription),
];
