/**
 * /subscriptions/add: a signed-in subscriber adds an email subscription.
 *
 *   how (radios) ─┬─ court (select) → which lists (list type and language checkboxes, none ticked: all) ─┐
 *                 ├─ case number, URN, case name, party name: search → results (radios) ───────────────┼→ check → confirmation
 *                 └─ list type (radios) ────────────────────────────────────────────────────────────────┘
 *
 * The steps before Check your answers change nothing, so they are GET forms that carry the answers so far as hidden
 * fields (the query string), each answering itself (`submitted=1`) with the GOV.UK error summary or a redirect to the
 * next step: no state is held on a server between requests, the browser's Back button and the Change links work,
 * and no JavaScript is needed. The one step that changes something, Confirm on Check your answers, is a POST carrying
 * the answers as hidden fields with the session's CSRF token (checked by web-handler.ts); it goes through
 * `requestSubscription` (shared/subscriptions/own-subscriptions.ts), the same checks and creation as
 * POST /api/subscriptions, so a forged answer is refused by the API's rules, and the creation is audited there.
 * The searches look only at the search terms extracted at ingestion from PUBLIC lists on display now
 * (shared/publications/store/search-term-lookup.ts), so a subscriber picks a value the digest will match.
 */
import { listTypes as catalogue } from '../../../../shared/publications/catalogue/list-types.js';
import { languages as publicationLanguages } from '../../../../shared/publications/publication.js';
import {
  MAX_SEARCH_TERM_HITS,
  searchTermKeys,
  type CaseSearchType,
} from '../../../../shared/publications/store/search-term-lookup.js';
import { logEvent } from '../../../../shared/logging/log-event.js';
import { subscriptionAuditActions } from '../../../../shared/subscriptions/own-subscriptions.js';
import { searchTypes, type SearchType } from '../../../../shared/subscriptions/subscription-matching.js';
import {
  checkSubscriptionRequest,
  MAX_SEARCH_VALUE_LENGTH,
  type SubscriptionRequest,
} from '../../../../shared/subscriptions/subscription.js';
import { compareNames, courtName } from '../../data/court-view.js';
import type { Language } from '../../i18n/language.js';
import type { PageResult, PageRoute } from '../../router.js';
import type { WebDependencies } from '../../web-dependencies.js';
import { describe, strings, subscriberRoute, type Strings, type SubscriberRequest } from './subscriptions-page.js';

export const ADD_PATH = '/subscriptions/add';
export const addPaths = {
  how: ADD_PATH,
  court: `${ADD_PATH}/court`,
  courtLists: `${ADD_PATH}/court/lists`,
  search: `${ADD_PATH}/case`,
  results: `${ADD_PATH}/case/results`,
  listType: `${ADD_PATH}/list-type`,
  check: `${ADD_PATH}/check`,
  confirmation: `${ADD_PATH}/confirmation`,
} as const;

type Params = Record<string, string | readonly string[] | undefined>;

/** A path with its query: arrays repeat their name, undefined is left out. */
function href(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const one of typeof value === 'string' ? [value] : value) query.append(name, one);
  }
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

const isCaseSearchType = (value: string | null): value is CaseSearchType =>
  value !== null && Object.hasOwn(searchTermKeys, value);

const isSearchType = (value: string | null): value is SearchType =>
  value !== null && (searchTypes as readonly string[]).includes(value);

/** The list types still published, by name in the page's language. */
function publishedListTypes(language: Language) {
  return catalogue
    .filter((listType) => !listType.deprecated)
    .map((listType) => ({ id: listType.id, name: listType.friendlyName[language] }))
    .sort((a, b) => a.name.localeCompare(b.name, language === 'cy' ? 'cy' : 'en-GB'));
}

/** The step after "how": where each kind of subscription is chosen. */
function firstStepOf(searchType: SearchType): string {
  if (searchType === 'LOCATION_ID') return addPaths.court;
  if (searchType === 'LIST_TYPE') return addPaths.listType;
  return href(addPaths.search, { searchType });
}

/** The answers as Check your answers receives them (query or form), in the API's body shape. */
function answersFrom(params: URLSearchParams) {
  return {
    searchType: params.get('searchType') ?? undefined,
    searchValue: params.get('searchValue') ?? undefined,
    listTypes: params.getAll('listTypes'),
    languages: params.getAll('languages'),
  };
}

/** Check your answers' address for a checked request. */
function checkHref(request: SubscriptionRequest): string {
  return href(addPaths.check, {
    searchType: request.searchType,
    searchValue: request.searchValue,
    listTypes: request.listTypes,
    languages: request.languages,
  });
}

function page(
  template: string,
  title: string,
  context: Record<string, unknown>,
  errorList: { text: string; href: string }[] = [],
): PageResult {
  return {
    kind: 'page',
    template: `pages/subscriptions/${template}`,
    title,
    hasError: errorList.length > 0,
    context: { ...context, errorList },
  };
}

const submitted = (request: SubscriberRequest) => request.url.searchParams.get('submitted') === '1';

/** Step 1: how to subscribe. */
function howPage(_deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const chosen = request.url.searchParams.get('searchType');
  if (submitted(request) && isSearchType(chosen)) {
    return Promise.resolve({ kind: 'redirect', location: firstStepOf(chosen) });
  }
  const error = submitted(request) ? t.howError : null;
  return Promise.resolve(
    page(
      'add-how.njk',
      t.howTitle,
      {
        t,
        error,
        action: addPaths.how,
        back: '/subscriptions',
        items: searchTypes.map((searchType) => ({
          value: searchType,
          text: t.howOptions[searchType],
          checked: searchType === chosen,
        })),
      },
      error === null ? [] : [{ text: error, href: '#searchType' }],
    ),
  );
}

/** Step 2 for a court: which one. */
async function courtPage(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const chosen = request.url.searchParams.get('court') ?? '';
  const courts = (await deps.courts.all()).sort(compareNames(request.language));
  const court = courts.find((candidate) => String(candidate.locationId) === chosen);
  if (submitted(request) && court !== undefined) {
    return { kind: 'redirect', location: href(addPaths.courtLists, { court: chosen }) };
  }
  const error = submitted(request) ? t.courtError : null;
  return page(
    'add-court.njk',
    t.courtTitle,
    {
      t,
      error,
      action: addPaths.court,
      back: href(addPaths.how, { searchType: 'LOCATION_ID' }),
      items: [
        { value: '', text: t.courtChoose },
        ...courts.map((candidate) => ({
          value: String(candidate.locationId),
          text: courtName(candidate, request.language),
          selected: candidate === court,
        })),
      ],
    },
    error === null ? [] : [{ text: error, href: '#court' }],
  );
}

/** Step 3 for a court: narrowed to list types and languages, or not. */
async function courtListsPage(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const query = request.url.searchParams;
  const chosen = query.get('court') ?? '';
  const court = /^\d{1,10}$/.test(chosen) ? await deps.courts.find(Number(chosen)) : null;
  if (court === null) return { kind: 'redirect', location: addPaths.court };
  const listTypes = query.getAll('listTypes');
  const languages = query.getAll('languages');
  let error: string | null = null;
  if (submitted(request)) {
    const checked = checkSubscriptionRequest({ searchType: 'LOCATION_ID', searchValue: chosen, listTypes, languages });
    if (checked.ok) return { kind: 'redirect', location: checkHref(checked.request) };
    error = t.narrowError;
  }
  const heading = t.narrowTitle.replace('{court}', courtName(court, request.language));
  return page(
    'add-court-lists.njk',
    heading,
    {
      t,
      error,
      heading,
      action: addPaths.courtLists,
      court: chosen,
      back: href(addPaths.court, { court: chosen }),
      listTypeItems: publishedListTypes(request.language).map((listType) => ({
        value: listType.id,
        text: listType.name,
        checked: listTypes.includes(listType.id),
      })),
      languageItems: publicationLanguages.map((language) => ({
        value: language,
        text: t.languages[language],
        checked: languages.includes(language),
      })),
    },
    error === null ? [] : [{ text: error, href: '#listTypes' }],
  );
}

/** What is wrong with a search, or null (the value's rules are the subscription's own). */
function searchProblem(t: Strings, searchType: CaseSearchType, query: string): string | null {
  const checked = checkSubscriptionRequest({ searchType, searchValue: query });
  if (checked.ok) return null;
  if (query.trim() === '') return t.searchEmpty;
  if (query.trim().length > MAX_SEARCH_VALUE_LENGTH) return t.searchTooLong;
  return t.searchInvalid;
}

/** Step 2 for a case or party: what to search for. */
async function searchPage(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const searchType = request.url.searchParams.get('searchType');
  if (!isCaseSearchType(searchType)) return { kind: 'redirect', location: addPaths.how };
  const query = request.url.searchParams.get('q') ?? '';
  let error: string | null = null;
  if (submitted(request)) {
    error = searchProblem(t, searchType, query);
    if (error === null) {
      const hits = await deps.subscriptions.searchTerms(searchType, query, request.now);
      if (hits.length > 0) return { kind: 'redirect', location: href(addPaths.results, { searchType, q: query }) };
      error = t.searchNone.replace('{query}', query.trim());
    }
  }
  return page(
    'add-search.njk',
    t.searchTitles[searchType],
    {
      t,
      error,
      searchType,
      query,
      title: t.searchTitles[searchType],
      action: addPaths.search,
      back: href(addPaths.how, { searchType }),
    },
    error === null ? [] : [{ text: error, href: '#q' }],
  );
}

/** Step 3 for a case or party: the values found, one to choose. */
async function resultsPage(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const params = request.url.searchParams;
  const searchType = params.get('searchType');
  const query = params.get('q') ?? '';
  if (!isCaseSearchType(searchType)) return { kind: 'redirect', location: addPaths.how };
  const again = href(addPaths.search, { searchType, q: query, submitted: '1' });
  if (searchProblem(t, searchType, query) !== null) return { kind: 'redirect', location: again };
  const hits = await deps.subscriptions.searchTerms(searchType, query, request.now);
  if (hits.length === 0) return { kind: 'redirect', location: again };
  const chosen = params.get('searchValue');
  const hit = hits.find((candidate) => candidate.value === chosen);
  if (submitted(request) && hit !== undefined) {
    const checked = checkSubscriptionRequest({ searchType, searchValue: hit.value });
    if (checked.ok) return { kind: 'redirect', location: checkHref(checked.request) };
  }
  const error = submitted(request) ? t.resultsError : null;
  return page(
    'add-results.njk',
    t.resultsTitle,
    {
      t,
      error,
      searchType,
      query,
      action: addPaths.results,
      hint: t.resultsHint.replace('{query}', query.trim()),
      more: hits.length >= MAX_SEARCH_TERM_HITS ? t.resultsMore.replace('{count}', String(hits.length)) : null,
      back: href(addPaths.search, { searchType, q: query }),
      items: hits.map((candidate) => ({
        value: candidate.value,
        text: candidate.value,
        hint: { text: t.resultsLists.replace('{count}', String(candidate.lists)) },
        checked: candidate === hit,
      })),
    },
    error === null ? [] : [{ text: error, href: '#searchValue' }],
  );
}

/** Step 2 for a list type: which one. */
function listTypePage(_deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const chosen = request.url.searchParams.get('listType') ?? '';
  if (submitted(request)) {
    const checked = checkSubscriptionRequest({ searchType: 'LIST_TYPE', searchValue: chosen });
    if (checked.ok) return Promise.resolve({ kind: 'redirect', location: checkHref(checked.request) });
  }
  const error = submitted(request) ? t.listTypeError : null;
  return Promise.resolve(
    page(
      'add-list-type.njk',
      t.listTypeTitle,
      {
        t,
        error,
        action: addPaths.listType,
        back: href(addPaths.how, { searchType: 'LIST_TYPE' }),
        items: publishedListTypes(request.language).map((listType) => ({
          value: listType.id,
          text: listType.name,
          checked: listType.id === chosen,
        })),
      },
      error === null ? [] : [{ text: error, href: '#listType' }],
    ),
  );
}

/** Where each answer of a checked request is changed. */
function changeLinks(request: SubscriptionRequest): { value: string; lists: string } {
  switch (request.searchType) {
    case 'LOCATION_ID': {
      const lists = href(addPaths.courtLists, {
        court: request.searchValue,
        listTypes: request.listTypes,
        languages: request.languages,
      });
      return { value: href(addPaths.court, { court: request.searchValue }), lists };
    }
    case 'LIST_TYPE':
      return { value: href(addPaths.listType, { listType: request.searchValue }), lists: '' };
    default:
      return { value: href(addPaths.search, { searchType: request.searchType, q: request.searchValue }), lists: '' };
  }
}

async function checkContext(deps: WebDependencies, request: SubscriberRequest, wanted: SubscriptionRequest) {
  const t = strings[request.language];
  const described = await describe(deps, wanted, request.language);
  const change = changeLinks(wanted);
  const row = (key: string, value: string, changeHref: string, hidden: string) => ({
    key: { text: key },
    value: { text: value },
    actions: { items: [{ href: changeHref, text: t.change, visuallyHiddenText: hidden }] },
  });
  const rows = [
    row(
      t.subscribeTo,
      t.howOptions[wanted.searchType],
      href(addPaths.how, { searchType: wanted.searchType }),
      t.subscribeTo,
    ),
    row(described.type, described.value, change.value, described.type),
  ];
  if (wanted.searchType === 'LOCATION_ID')
    rows.push(row(t.narrowedTo, described.narrowing, change.lists, t.narrowedTo));
  return {
    t,
    rows,
    hidden: [
      { name: 'searchType', value: wanted.searchType },
      { name: 'searchValue', value: wanted.searchValue },
      ...wanted.listTypes.map((value) => ({ name: 'listTypes', value })),
      ...wanted.languages.map((value) => ({ name: 'languages', value })),
    ],
  };
}

/** Check your answers (GET): the answers checked by the API's rules; anything else starts again. */
async function checkPage(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const checked = checkSubscriptionRequest(answersFrom(request.url.searchParams));
  if (!checked.ok) return { kind: 'redirect', location: addPaths.how };
  const wanted = checked.request;
  if (wanted.searchType === 'LOCATION_ID' && (await deps.courts.find(Number(wanted.searchValue))) === null) {
    return { kind: 'redirect', location: addPaths.court };
  }
  return page('add-check.njk', t.checkTitle, await checkContext(deps, request, wanted));
}

/** Confirm (POST, CSRF-checked): made through the API's own path, then the confirmation. */
async function confirmSubscription(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const outcome = await deps.subscriptions.add(request.principal, answersFrom(request.form), request.language);
  if (!outcome.ok) {
    return page(
      'add-check.njk',
      t.checkTitle,
      { t, rows: [], hidden: [] },
      outcome.problems.map((problem) => ({ text: `${problem.field} ${problem.problem}`, href: '#confirm' })),
    );
  }
  const log = {
    userId: request.principal.userId,
    subscriptionId: outcome.subscription.subscriptionId,
    searchType: outcome.subscription.searchType,
  };
  logEvent(request.logger, 'info', outcome.created ? 'SUBSCRIPTION_CREATED' : 'SUBSCRIPTION_ALREADY_HELD', log);
  return {
    kind: 'redirect',
    location: href(addPaths.confirmation, {
      id: outcome.subscription.subscriptionId,
      held: outcome.created ? undefined : '1',
    }),
  };
}

/** The confirmation: what was added (or was already held), and what next. */
async function confirmationPage(deps: WebDependencies, request: SubscriberRequest): Promise<PageResult> {
  const t = strings[request.language];
  const id = request.url.searchParams.get('id') ?? '';
  const subscription = (await deps.subscriptions.list(request.principal)).find((s) => s.subscriptionId === id);
  if (subscription === undefined) return { kind: 'not-found' };
  const described = await describe(deps, subscription, request.language);
  const title = request.url.searchParams.get('held') === '1' ? t.confirmationHeld : t.confirmationTitle;
  return page('add-confirmation.njk', title, {
    t,
    title,
    summary: [
      [described.type, described.value],
      [t.narrowedTo, described.narrowing],
    ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
  });
}

export const addSubscriptionRoutes: PageRoute[] = [
  subscriberRoute(addPaths.how, ['GET'], howPage),
  subscriberRoute(addPaths.court, ['GET'], courtPage),
  subscriberRoute(addPaths.courtLists, ['GET'], courtListsPage),
  subscriberRoute(addPaths.search, ['GET'], searchPage),
  subscriberRoute(addPaths.results, ['GET'], resultsPage),
  subscriberRoute(addPaths.listType, ['GET'], listTypePage),
  subscriberRoute(addPaths.check, ['GET'], checkPage),
  subscriberRoute(addPaths.check, ['POST'], confirmSubscription, subscriptionAuditActions.create),
  subscriberRoute(addPaths.confirmation, ['GET'], confirmationPage),
];
