/**
 * A subscription as its subscriber manages it (the `subscription` table, owned by ./subscription-store.ts): the one
 * type, its one JSON projection (which the API answers and the OpenAPI document describes), and the request that
 * creates one, checked here so that the API and the portal's pages refuse the same things with the same words.
 */
import { z } from 'zod';
import { findListType } from '../publications/catalogue/list-types.js';
import { formatPath } from '../publications/catalogue/validate-payload.js';
import { languages, type Language } from '../publications/publication.js';
import { searchTypes, type SearchType } from './subscription-matching.js';

export interface Subscription {
  subscriptionId: string;
  searchType: SearchType;
  /** As stored: trimmed; a court's id as digits; a list type's catalogue id. */
  searchValue: string;
  /** A court subscription narrowed to these list types (catalogue ids, sorted); empty for every list type. */
  listTypes: string[];
  /** A court subscription narrowed to lists in these languages (sorted); empty for every language. */
  languages: Language[];
  createdAt: Date;
}

export const subscriptionJsonSchema = z.object({
  subscriptionId: z.uuid(),
  searchType: z.enum(searchTypes),
  searchValue: z.string(),
  listTypes: z.array(z.string()).meta({ description: 'Empty: every list type (LOCATION_ID only narrows)' }),
  languages: z.array(z.enum(languages)).meta({ description: 'Empty: every language (LOCATION_ID only narrows)' }),
  createdAt: z.iso.datetime(),
});
export type SubscriptionJson = z.infer<typeof subscriptionJsonSchema>;

export function subscriptionJson(subscription: Subscription): SubscriptionJson {
  return { ...subscription, createdAt: subscription.createdAt.toISOString() };
}

/** What a new subscription asks for, once checked and put in canonical form. */
export interface SubscriptionRequest {
  searchType: SearchType;
  searchValue: string;
  listTypes: string[];
  languages: Language[];
}

export const MAX_SEARCH_VALUE_LENGTH = 200;
/** More list types than the catalogue has is a mistake, not a narrowing. */
const MAX_LIST_TYPES = 200;

// eslint-disable-next-line no-control-regex -- control characters are what is refused
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The largest PostgreSQL `integer`: our court ids. */
const MAX_LOCATION_ID = 2_147_483_647;

/** The body of POST /api/subscriptions, as the OpenAPI document publishes it; `checkSubscriptionRequest` applies it. */
export const subscriptionRequestSchema = z.strictObject({
  searchType: z
    .enum(searchTypes, {
      error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${searchTypes.join(', ')}`),
    })
    .meta({
      description:
        'LOCATION_ID: a court id from GET /api/locations; LIST_TYPE: a list type id; otherwise a case number, case name, URN or party name, matched whole, ignoring case and surrounding spaces',
    }),
  searchValue: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_SEARCH_VALUE_LENGTH, `must be at most ${MAX_SEARCH_VALUE_LENGTH} characters`)
    .refine((value) => !controlCharacter.test(value), 'must not contain control characters')
    .refine((value) => !loneSurrogate.test(value), 'must be well-formed Unicode'),
  listTypes: z
    .array(z.string())
    .max(MAX_LIST_TYPES, `must name at most ${MAX_LIST_TYPES} list types`)
    .optional()
    .meta({ description: 'LOCATION_ID only: just these list types (ids from the catalogue)' }),
  languages: z
    .array(z.enum(languages, { error: `must be one of ${languages.join(', ')}` }))
    .max(languages.length, `must name at most ${languages.length} languages`)
    .optional()
    .meta({ description: 'LOCATION_ID only: just lists in these languages' }),
});

export interface RequestProblem {
  field: string;
  problem: string;
}

export type CheckedSubscriptionRequest =
  { ok: true; request: SubscriptionRequest } | { ok: false; problems: RequestProblem[] };

function zodProblems(error: z.ZodError): RequestProblem[] {
  return error.issues.flatMap((issue): RequestProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: formatPath([...issue.path, key]),
        problem: 'is not a field of a subscription',
      }));
    }
    const field = issue.path.length === 0 ? 'body' : formatPath(issue.path);
    if (issue.path.length === 0 && issue.code === 'invalid_type') {
      return [{ field, problem: 'must be a JSON object' }];
    }
    return [
      { field, problem: issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message },
    ];
  });
}

/** The catalogue's id of a list type that is still published, or what is wrong with the name. */
function publishedListType(name: string): { ok: true; id: string } | { ok: false; problem: string } {
  const lookup = findListType(name);
  switch (lookup.kind) {
    case 'found':
      return { ok: true, id: lookup.listType.id };
    case 'deprecated':
      return { ok: false, problem: `${lookup.listType.id} is deprecated: it is no longer published` };
    case 'unknown':
      return { ok: false, problem: `${JSON.stringify(name.slice(0, 100))} is not a known list type` };
  }
}

const sortedUnique = <T extends string>(values: readonly T[]): T[] => [...new Set(values)].sort();

/**
 * Checks a request body (already parsed JSON) and puts it in canonical form: the value trimmed, a court id as plain
 * digits, list types as catalogue ids, narrowings sorted without repeats (an empty one is none). Whether the court
 * exists is for the caller to check against the reference data.
 */
export function checkSubscriptionRequest(body: unknown): CheckedSubscriptionRequest {
  const parsed = subscriptionRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const { searchType } = parsed.data;
  let { searchValue } = parsed.data;
  const problems: RequestProblem[] = [];

  if (searchType === 'LOCATION_ID') {
    if (!/^\d{1,10}$/.test(searchValue) || Number(searchValue) > MAX_LOCATION_ID) {
      problems.push({ field: 'searchValue', problem: 'must be a court id (digits) for LOCATION_ID' });
    } else {
      searchValue = String(Number(searchValue));
    }
  } else if (searchType === 'LIST_TYPE') {
    const listType = publishedListType(searchValue);
    if (listType.ok) searchValue = listType.id;
    else problems.push({ field: 'searchValue', problem: listType.problem });
  }

  const listTypes: string[] = [];
  const chosenLanguages = parsed.data.languages ?? [];
  if (searchType === 'LOCATION_ID') {
    parsed.data.listTypes?.forEach((name, index) => {
      const listType = publishedListType(name);
      if (listType.ok) listTypes.push(listType.id);
      else problems.push({ field: `listTypes[${index}]`, problem: listType.problem });
    });
  } else {
    // An empty narrowing narrows nothing, so it is no mistake.
    if ((parsed.data.listTypes?.length ?? 0) > 0) {
      problems.push({ field: 'listTypes', problem: 'may only narrow a LOCATION_ID subscription' });
    }
    if (chosenLanguages.length > 0) {
      problems.push({ field: 'languages', problem: 'may only narrow a LOCATION_ID subscription' });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    request: { searchType, searchValue, listTypes: sortedUnique(listTypes), languages: sortedUnique(chosenLanguages) },
  };
}
