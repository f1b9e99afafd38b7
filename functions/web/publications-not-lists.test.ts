/**
 * Issue 11: what a court publishes that is not a list (a live case status update, judgments and outcomes, a general
 * publication), beside a JSON list and flat files, through the real path: POST /api/publication with a publisher's
 * token, the blob trigger, then the portal and the read API over HTTP, all hosted by the local runtime over
 * PostgreSQL and Azurite. A live case status update is for court screens and is never listed; every link on the
 * court's page and on the pages it leads to answers without a server error, in English and Welsh.
 */
import { readFile } from 'node:fs/promises';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalIdentityProvider } from '../../local/identity/local-identity-provider.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { blobGlossarySource, createGlossaryStore } from '../../shared/glossary/glossary.js';
import { fixtureUrl } from '../../test-support/fixtures.js';
import {
  OXFORD_IN_WELSH,
  publishAndDrain,
  startPublishingWorld,
  type PublishingWorld,
} from '../../test-support/publishing-world.js';
import { testStorage, uniqueName } from '../../test-support/test-storage.js';
import { registerWeb } from './registration.js';
import { createTemplateEnvironment } from './rendering/nunjucks-environment.js';
import { databaseWebSignIn, unusedIssuers } from './testing/web-sign-in.js';
import { databaseWebDependencies } from './testing/database-web-dependencies.js';
import { hmiListHeadersNow, today } from '../../test-support/publication-requests.js';

const storage = testStorage();
let idp: LocalIdentityProvider;
let host: LocalFunctionsHost;
let glossary: ContainerClient;
let hmiToken: string;
/** What the host logged at error level: a page that failed is logged as WEB_PAGE_FAILED. */
const errors: string[] = [];

/** Artefact ids by what was published. */
const published = new Map<string, string>();

let world: PublishingWorld;

beforeAll(async () => {
  glossary = storage.blobService.getContainerClient(uniqueName('non-lists-glossary'));
  await glossary.create();
  world = await startPublishingWorld({
    poolSize: 10,
    issuers: ['aad', 'b2c'],
    verifier: 'token',
    container: { prefix: 'non-lists' },
    readApi: () => ({}),
    courts: [OXFORD_IN_WELSH],
    register: ({ database, publications }) => {
      registerWeb(() => ({
        templates: createTemplateEnvironment(),
        // Nobody uploads here (pages/manual-upload and admin-upload.browser.test.ts do).
        deps: databaseWebDependencies({
          database,
          publications,
          glossary: createGlossaryStore({ source: blobGlossarySource(glossary), refreshAfterMs: 60_000 }),
          signIn: databaseWebSignIn(database, unusedIssuers),
        }),
      }));
    },
    host: {
      logger: (line) => {
        if (/WEB_PAGE_FAILED|"level":"error"|\berror\b/i.test(line)) errors.push(line);
      },
    },
  });
  ({ idp, host } = world);
  hmiToken = await idp.issueToken('hmi');
  await publishOneOfEach();
}, 120_000);

afterAll(async () => {
  await world.stop();
  await glossary.deleteIfExists();
});

const headers = (overrides: Record<string, string>): Record<string, string> => hmiListHeadersNow(hmiToken, overrides);

function fileForm(name: string, bytes: Buffer): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  return form;
}

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF');

/** Posts a publication, then waits for the blob trigger to publish it; answers its artefact id. */
async function publish(kind: string, requestHeaders: Record<string, string>, body: string | Buffer | FormData) {
  published.set(kind, await publishAndDrain(host, kind, hmiToken, requestHeaders, body));
}

async function publishOneOfEach(): Promise<void> {
  const civil = await readFile(fixtureUrl('lists', 'civilDailyCauseList.json'));
  const live = JSON.parse(await readFile(fixtureUrl('live', 'liveCaseStatusUpdates.json'), 'utf8')) as {
    results: unknown[];
  };
  const asFile = (type: string, listType = '') => {
    const h = headers({ 'x-type': type, 'x-list-type': listType });
    delete h['content-type'];
    return h;
  };
  await publish('list JSON', headers({ 'x-list-type': 'CIVIL_DAILY_CAUSE_LIST' }), civil);
  await publish('file-only list (PDF)', asFile('LIST', 'PCOL_DAILY_CAUSE_LIST'), fileForm('PCOL list.pdf', pdf));
  await publish('LCSU', headers({ 'x-type': 'LCSU', 'x-sensitivity': '' }), JSON.stringify(live.results[0]));
  await publish(
    'judgments JSON',
    headers({ 'x-type': 'JUDGEMENTS_AND_OUTCOMES' }),
    JSON.stringify({
      document: { publicationDate: `${today}T16:00:00Z` },
      judgments: [
        {
          caseNumber: 'OX24C00123',
          caseName: 'Smith v Jones',
          judge: 'His Honour Judge Lane',
          outcome: 'Judgment for the claimant',
          handedDown: today,
        },
      ],
    }),
  );
  await publish(
    'general publication JSON',
    headers({ 'x-type': 'GENERAL_PUBLICATION', 'x-content-date': `${today}T00:00:00` }),
    JSON.stringify({
      title: 'Court closure notice',
      message: 'The court will close at 1pm on Friday for building works.',
      contact: { phone: '01865 264200', email: 'enquiries.oxford.countycourt@justice.gov.uk' },
    }),
  );
  // In Welsh: a court has one publication per type, list type, content day and language (the JSON notice is the
  // English one), as the live service keeps them.
  await publish(
    'general publication file',
    { ...asFile('GENERAL_PUBLICATION'), 'x-language': 'WELSH' },
    fileForm('Notice to court users.pdf', pdf),
  );
}

interface Followed {
  path: string;
  status: number;
  from: string;
}

/** Same-site links of an HTML page (`<a href>`; fragments and other sites left out). */
function linksOf(html: string): string[] {
  const links = [...html.matchAll(/<a\b[^>]*\shref="([^"]+)"/g)]
    .map((match) => (match[1] ?? '').replace(/&amp;/g, '&'))
    .filter((href) => href.startsWith('/') && !href.startsWith('//'));
  return [...new Set(links.map((href) => href.split('#')[0] ?? href))];
}

/**
 * Follows every same-site link from `start`, and the links of every /courts/ and /list/ page reached, without
 * following redirects (their target is followed as a link of its own).
 */
async function crawl(start: string): Promise<Followed[]> {
  const seen = new Map<string, Followed>();
  const queue: Followed[] = [{ path: start, status: 0, from: '(start)' }];
  while (queue.length > 0 && seen.size < 300) {
    const next = queue.shift();
    if (next === undefined || seen.has(next.path)) continue;
    const response = await fetch(`${host.url}${next.path}`, { redirect: 'manual' });
    const followed = { ...next, status: response.status };
    seen.set(next.path, followed);
    const location = response.headers.get('location');
    if (location?.startsWith('/')) queue.push({ path: location, status: 0, from: next.path });
    const isPage = (response.headers.get('content-type') ?? '').startsWith('text/html');
    const explore = next.path === start || /^\/(courts|list)\//.test(next.path);
    if (isPage && explore) {
      for (const link of linksOf(await response.text())) queue.push({ path: link, status: 0, from: next.path });
    } else {
      await response.body?.cancel();
    }
  }
  return [...seen.values()];
}

describe("a court's publications that are not lists", () => {
  it('published one of each kind', () => {
    expect([...published.keys()]).toHaveLength(6);
  });

  it('never lists a live case status update: not on the court page, not in the read API', async () => {
    const lcsu = published.get('LCSU') ?? '';
    for (const language of ['en', 'cy']) {
      const page = await fetch(`${host.url}/courts/1501?lng=${language}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).not.toContain(lcsu);
      expect(html).not.toMatch(/LCSU/);
      for (const [kind, id] of published) if (kind !== 'LCSU') expect(html, kind).toContain(id);
    }
    const api = await fetch(`${host.url}/api/publications?locationId=1501`);
    const listed = ((await api.json()) as { artefactId: string; type: string }[]).map((p) => p.artefactId);
    expect(listed).not.toContain(lcsu);
    expect(listed).toHaveLength(5);
    // It is still what the court's screens read.
    expect((await fetch(`${host.url}/api/live-case-status/1501`)).status).not.toBe(500);
  });

  it('names judgments and general publications in the reader’s language', async () => {
    const english = await (await fetch(`${host.url}/courts/1501`)).text();
    expect(english).toContain('Judgments and outcomes');
    expect(english).toContain('General publication');
    const welsh = await (await fetch(`${host.url}/courts/1501?lng=cy`)).text();
    expect(welsh).toContain('Dyfarniadau a chanlyniadau');
    expect(welsh).toContain('Cyhoeddiad cyffredinol');
  });

  it('shows a JSON judgment and a general publication on a page of their own, field by field, in English and Welsh', async () => {
    for (const [kind, facts] of [
      ['judgments JSON', ['Smith v Jones', 'OX24C00123', 'Judgment for the claimant']],
      ['general publication JSON', ['Court closure notice', 'The court will close at 1pm on Friday']],
    ] as const) {
      for (const language of ['en', 'cy']) {
        const response = await fetch(`${host.url}/list/${published.get(kind)}?lng=${language}`);
        expect(response.status, `${kind} ${language}`).toBe(200);
        const html = await response.text();
        for (const fact of facts) expect(html, `${kind} ${language}`).toContain(fact);
        expect(html).toContain(`/api/publication/${published.get(kind)}/payload`);
        expect(html).toContain(
          language === 'cy' ? 'Canolfan Llysoedd Cyfun Rhydychen' : 'Oxford Combined Court Centre',
        );
      }
    }
  });

  it.each(['en', 'cy'])(
    'every link on the court page and the pages it leads to answers without a 5xx (%s)',
    async (language) => {
      errors.length = 0;
      const followed = await crawl(`/courts/1501?lng=${language}`);
      const failed = followed.filter((link) => link.status >= 500 || link.status === 0);
      expect(failed).toEqual([]);
      // Every publication listed was reached (the flat files through the read API).
      for (const [kind, id] of published) {
        if (kind === 'LCSU') continue;
        expect(
          followed.some((link) => link.path.includes(id) && link.status === 200),
          `${kind}: ${JSON.stringify(followed.filter((link) => link.path.includes(id)))}`,
        ).toBe(true);
      }
      expect(followed.length).toBeGreaterThan(10);
      expect(errors).toEqual([]);
    },
  );

  it('a live case status update, asked for by its id, is not a 5xx either', async () => {
    const response = await fetch(`${host.url}/list/${published.get('LCSU')}`);
    expect(response.status).toBeLessThan(500);
  });
});
