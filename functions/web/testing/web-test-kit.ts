/** What page tests share: fake dependencies and a request helper that calls the real handler with real templates. */
import type { HttpResponseInit, InvocationContext } from '@azure/functions';
import type { GlossaryState } from '../../../shared/glossary/glossary.js';
import type { Location } from '../../../shared/reference-data/location-queries.js';
import { parseCookies } from '../http/cookies.js';
import { createTemplateEnvironment } from '../rendering/nunjucks-environment.js';
import { createWebHandler } from '../web-handler.js';
import type { Publication, WebDependencies } from '../web-dependencies.js';

export const testNow = new Date('2026-11-30T10:00:00Z');

export function location(locationId: number, name: string, overrides: Partial<Location> = {}): Location {
  return {
    locationId,
    name,
    welshName: null,
    region: ['South East'],
    welshRegion: ['De-ddwyrain Lloegr'],
    jurisdiction: ['Civil'],
    welshJurisdiction: ['Sifil'],
    jurisdictionType: ['County Court'],
    welshJurisdictionType: ['Llys Sirol'],
    dateUpdated: testNow.toISOString(),
    ...overrides,
  };
}

export const testCourts: Location[] = [
  location(1, 'Oxford Combined Court Centre', { welshName: 'Canolfan Llysoedd Cyfun Rhydychen' }),
  location(2, 'Cardiff Magistrates Court', {
    welshName: 'Llys Ynadon Caerdydd',
    region: ['Wales'],
    welshRegion: ['Cymru'],
    jurisdiction: ['Crime'],
    welshJurisdiction: ['Trosedd'],
  }),
  location(3, 'Ashford Tribunal Hearing Centre', { jurisdiction: ['Tribunal'], welshJurisdiction: ['Tribiwnlys'] }),
  location(9, 'Single Justice Procedure', { welshName: 'Gweithdrefn Un Ynad', jurisdiction: ['Crime'], welshJurisdiction: ['Trosedd'] }),
];

export function publication(overrides: Partial<Publication> = {}): Publication {
  return {
    artefactId: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
    type: 'LIST',
    listType: 'CIVIL_DAILY_CAUSE_LIST',
    locationId: '1',
    contentDate: '2026-11-30T09:00:00',
    language: 'ENGLISH',
    sensitivity: 'PUBLIC',
    displayFrom: new Date('2026-11-29T00:00:00Z'),
    displayTo: new Date('2026-12-01T00:00:00Z'),
    isFlatFile: false,
    contentType: 'application/json',
    fileName: null,
    blobName: 'payload.json',
    lastReceivedAt: new Date('2026-11-29T16:30:00Z'),
    ...overrides,
  };
}

export function fakeDependencies(options: {
  courts?: Location[];
  publications?: Publication[];
  payloads?: Record<string, string>;
  glossary?: GlossaryState;
  overrides?: Partial<WebDependencies>;
} = {}): WebDependencies {
  const courts = options.courts ?? testCourts;
  const publications = options.publications ?? [];
  return {
    courts: {
      all: () => Promise.resolve(courts.map((court) => ({ ...court }))),
      find: (id) => Promise.resolve(courts.find((court) => court.locationId === id) ?? null),
    },
    publications: {
      onDisplay: (locationId, now) =>
        Promise.resolve(
          publications.filter(
            (p) => p.locationId === locationId && p.displayFrom <= now && (p.displayTo === null || p.displayTo >= now),
          ),
        ),
      find: (id) => Promise.resolve(publications.find((p) => p.artefactId === id) ?? null),
      readPayload: (p) => {
        const payload = options.payloads?.[p.blobName];
        return payload === undefined ? Promise.reject(new Error(`no blob ${p.blobName}`)) : Promise.resolve(Buffer.from(payload));
      },
    },
    glossary: {
      current: () => Promise.resolve(options.glossary ?? { status: 'LOADED', blobName: 'g.json', entries: [{ name: 'Adjourned', description: 'The case has been adjourned.' }] }),
    },
    canRead: (_principal, p, now) => p.sensitivity === 'PUBLIC' && p.displayFrom <= now && (p.displayTo === null || p.displayTo >= now),
    listPageView: () => ({ template: 'pages/list/testing/fake-list.njk', context: {} }),
    now: () => testNow,
    ...options.overrides,
  };
}

export interface TestResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  cookies: NonNullable<HttpResponseInit['cookies']>;
  logged: unknown[];
}

const templates = createTemplateEnvironment();

export async function request(
  deps: WebDependencies,
  path: string,
  options: { method?: string; cookie?: string; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<TestResponse> {
  const handler = createWebHandler(deps, templates);
  const logged: unknown[] = [];
  const context = {
    invocationId: 'test-invocation',
    error: (entry: unknown) => logged.push(entry),
    warn: (entry: unknown) => logged.push(entry),
    info: (entry: unknown) => logged.push(entry),
  } as unknown as InvocationContext;
  const headers = new Map(Object.entries({ ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers }));
  const body = options.form ? new URLSearchParams(options.form).toString() : '';
  const response = await handler(
    {
      method: options.method ?? (options.form ? 'POST' : 'GET'),
      url: `http://127.0.0.1:7071${path}`,
      headers: { get: (name) => headers.get(name.toLowerCase()) ?? null },
      text: () => Promise.resolve(body),
    },
    context,
  );
  return {
    status: response.status ?? 200,
    headers: (response.headers ?? {}) as Record<string, string>,
    body: typeof response.body === 'string' ? response.body : '',
    cookies: response.cookies ?? [],
    logged,
  };
}

/** Cookies a response sets, as a request Cookie header. */
export function cookieHeader(response: TestResponse): string {
  return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

export { parseCookies };
