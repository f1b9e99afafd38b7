/**
 * /subscriptions: a signed-in subscriber's email subscriptions in one table, newest first, each with a link to remove
 * it after confirming (/subscriptions/{id}/remove: GET asks, POST removes, audited in shared/subscriptions). Who may:
 * the people and third parties who may subscribe (shared/subscriptions/subscriber.ts); an anonymous visitor is sent
 * to sign in and brought back; anyone else gets the 403 page, the refusal audited. Adding subscriptions is the API's
 * for now (POST /api/subscriptions).
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

const strings = localeStrings(en, cy);

type SubscriberRequest = PageRequest & { principal: Principal };

/** The guard: a subscriber's request, or what to answer instead. */
async function subscriberOnly(deps: WebDependencies, request: PageRequest): Promise<SubscriberRequest | PageResult> {
  const principal = request.principal;
  if (principal === null) return signInRedirect(request.url);
  if (hasAnyRole(principal, subscriberRoles)) return { ...request, principal };
  const action = request.method === 'POST' ? subscriptionAuditActions.delete : subscriptionAuditActions.list;
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

function subscriberRoute(
  path: string,
  methods: PageRoute['methods'],
  handle: (deps: WebDependencies, request: SubscriberRequest) => Promise<PageResult>,
): PageRoute {
  return {
    path,
    methods,
    async handle(deps, request) {
      const guarded = await subscriberOnly(deps, request);
      return 'kind' in guarded ? guarded : handle(deps, guarded);
    },
  };
}

/** What a subscription follows, in the page's language: the court's or list type's name, else the value. */
async function describe(deps: WebDependencies, subscription: Subscription, language: Language) {
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
    dateAdded: formatDate(subscription.createdAt.toISOString(), language),
  };
}

async function subscriptionsPage(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const subscriptions = await deps.subscriptions.list(request.principal);
  const rows = [];
  for (const subscription of subscriptions) {
    rows.push({
      ...(await describe(deps, subscription, request.language)),
      removeHref: `/subscriptions/${subscription.subscriptionId}/remove`,
    });
  }
  return {
    kind: 'page',
    template: 'pages/subscriptions/subscriptions.njk',
    title: t.title,
    context: { t, rows, removed: request.url.searchParams.get('removed') === '1' },
  };
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
  subscriberRoute('/subscriptions', ['GET'], subscriptionsPage),
  subscriberRoute('/subscriptions/:subscriptionId/remove', ['GET'], confirmRemovalPage),
  subscriberRoute('/subscriptions/:subscriptionId/remove', ['POST'], removeSubscription),
];
