/**
 * Every asset a page links is one the production route table (bicep/edge-routes.json) sends to the static origin, and
 * that origin has it: the pages are rendered by the web function hosted by the local runtime (which applies that
 * table) over a copy of web-static/, and crawled from the home page and the pages a visitor reaches without signing
 * in, in English and Welsh. An asset is what a page loads itself (link href, src, srcset, poster), what its CSS loads
 * (url(), @import), what its JavaScript imports, and the icons of its web manifest.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEdgeRoutes, staticRouteTable, type StaticRouteTable } from '../../local/runtime/edge-routes.js';
import type { LocalFunctionsHost } from '../../local/runtime/local-functions-host.js';
import { startTestHost } from '../../test-support/test-host.js';
import { copyWebStatic } from '../../test-support/web-static.js';
import { registerWeb } from './registration.js';
import { createTemplateEnvironment } from './rendering/nunjucks-environment.js';
import { fakeDependencies, publication } from './testing/web-test-kit.js';

/** The attributes through which an HTML page loads something itself (an <a href> is a page, not an asset). */
function assetReferencesInHtml(html: string): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(/<(link|script|img|source|video|audio|iframe|embed|input|image|use)\b[^>]*>/gi)) {
    const text = tag[0];
    for (const attribute of text.matchAll(/\s(href|src|srcset|poster|xlink:href)\s*=\s*("([^"]*)"|'([^']*)')/gi)) {
      const value = attribute[3] ?? attribute[4] ?? '';
      if (attribute[1]?.toLowerCase() === 'srcset') {
        found.push(...value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? ''));
      } else {
        found.push(value);
      }
    }
  }
  for (const style of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>|\sstyle\s*=\s*"([^"]*)"/gi)) {
    found.push(...assetReferencesInCss(style[1] ?? style[2] ?? ''));
  }
  return found.filter((value) => value !== '' && !value.startsWith('data:'));
}

function assetReferencesInCss(css: string): string[] {
  const found: string[] = [];
  for (const match of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+["']([^"']+)["']/gi)) {
    found.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return found.filter((value) => value !== '' && !value.startsWith('data:') && !value.startsWith('#'));
}

function assetReferencesInJs(js: string): string[] {
  return [...js.matchAll(/\bimport\s*(?:[\w*{}\s,]+from\s*)?\(?\s*["']([^"']+)["']/g)].map((match) => match[1] ?? '');
}

/** The pages' links to follow: same origin, not assets, not sign-in redirects to other hosts. */
function pageLinks(html: string, base: URL): URL[] {
  return [...html.matchAll(/<a\b[^>]*\shref="([^"]+)"/gi)]
    .map((match) => new URL((match[1] ?? '').replaceAll('&amp;', '&'), base))
    .filter((url) => url.origin === base.origin);
}

interface Crawl {
  pages: string[];
  /** Every same-origin asset, with the page or file that links it. */
  assets: Map<string, string>;
}

async function crawl(origin: string, seeds: string[], maxPages: number): Promise<Crawl> {
  const queue = seeds.map((seed) => new URL(seed, origin));
  const seen = new Set<string>();
  const pages: string[] = [];
  const assets = new Map<string, string>();
  const note = (reference: string, base: URL, from: string): URL | null => {
    const url = new URL(reference.replaceAll('&amp;', '&'), base);
    if (url.origin !== new URL(origin).origin) return null;
    const key = url.pathname;
    if (assets.has(key)) return null;
    assets.set(key, from);
    return url;
  };
  while (queue.length > 0 && pages.length < maxPages) {
    const url = queue.shift() as URL;
    const key = url.pathname + url.search;
    if (seen.has(key)) continue;
    seen.add(key);
    const response = await fetch(url, { redirect: 'manual' });
    if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    const html = await response.text();
    pages.push(key);
    const found: URL[] = [];
    for (const reference of assetReferencesInHtml(html)) {
      const asset = note(reference, url, key);
      if (asset) found.push(asset);
    }
    // What the assets load in turn: CSS url()s and imports, JavaScript imports, the manifest's icons.
    while (found.length > 0) {
      const asset = found.shift() as URL;
      const answer = await fetch(asset);
      if (answer.status !== 200) continue;
      const type = answer.headers.get('content-type') ?? '';
      const text = type.startsWith('text/') || type.includes('json') ? await answer.text() : '';
      const inner = type.startsWith('text/css')
        ? assetReferencesInCss(text)
        : type.startsWith('text/javascript')
          ? assetReferencesInJs(text)
          : type.includes('json') && asset.pathname.endsWith('manifest.json')
            ? ((JSON.parse(text) as { icons?: { src: string }[] }).icons ?? []).map((icon) => icon.src)
            : [];
      for (const reference of inner) {
        const next = note(reference, asset, asset.pathname);
        if (next) found.push(next);
      }
    }
    for (const link of pageLinks(html, url)) {
      if (!seen.has(link.pathname + link.search)) queue.push(link);
    }
  }
  return { pages, assets };
}

/** What is wrong with the assets: one outside the route table, or one the static origin does not have. */
async function assetProblems(origin: string, found: Crawl, routes: StaticRouteTable): Promise<string[]> {
  const problems: string[] = [];
  for (const [path, from] of found.assets) {
    if (!routes.isStatic(path)) {
      problems.push(
        `${path} (linked from ${from}) is not in the route table: Front Door would send it to the functions`,
      );
      continue;
    }
    const status = (await fetch(`${origin}${path}`, { method: 'HEAD' })).status;
    if (status !== 200) problems.push(`${path} (linked from ${from}) answers ${status}`);
  }
  return problems;
}

let host: LocalFunctionsHost;
let staticRoot: string;

beforeAll(async () => {
  staticRoot = await copyWebStatic();
  registerWeb(() => ({
    deps: fakeDependencies({
      publications: [publication()],
      payloads: { 'payload.json': JSON.stringify({ document: {}, courtLists: [] }) },
    }),
    templates: createTemplateEnvironment(),
  }));
  // The host reads the route table from bicep/edge-routes.json, as npm start does.
  host = await startTestHost({ staticRoot });
});

afterAll(async () => {
  await host.stop();
  await rm(staticRoot, { recursive: true, force: true });
});

describe('assets the pages link', () => {
  it('are all in the production route table, and the static origin has each of them', async () => {
    const found = await crawl(host.url, ['/', '/?lng=cy', '/no-such-page', '/sign-in', '/search?name=zzzz'], 60);
    expect(found.pages.length).toBeGreaterThan(15);
    // The layout's, the GOV.UK template's, and what they load: the fonts through the CSS, GOV.UK Frontend's
    // JavaScript and the court pickers' accessible-autocomplete through app.mjs, the icons through the manifest.
    expect([...found.assets.keys()]).toEqual(
      expect.arrayContaining([
        '/govuk-frontend.min.css',
        '/css/app.css',
        '/js/app.mjs',
        '/govuk-frontend.min.js',
        '/accessible-autocomplete.min.css',
        '/js/court-autocomplete.mjs',
        '/accessible-autocomplete.min.js',
        '/assets/manifest.json',
        '/assets/images/favicon.ico',
        '/assets/images/govuk-icon-512.png',
        expect.stringMatching(/^\/assets\/fonts\/.+\.woff2$/),
      ]),
    );
    expect(await assetProblems(host.url, found, readEdgeRoutes())).toEqual([]);
  });

  it('would be reported if one were outside the route table or missing', async () => {
    const found: Crawl = {
      pages: ['/'],
      assets: new Map([
        ['/css/app.css', '/'],
        ['/styles/site.css', '/'],
        ['/css/missing.css', '/'],
      ]),
    };
    expect(await assetProblems(host.url, found, staticRouteTable(['/css/*']))).toEqual([
      '/styles/site.css (linked from /) is not in the route table: Front Door would send it to the functions',
      '/css/missing.css (linked from /) answers 404',
    ]);
  });

  it('are found wherever a page, a stylesheet or a script names them', () => {
    expect(
      assetReferencesInHtml(
        '<link rel="icon" href="/a.ico"><script type="module" src=\'/b.mjs\'></script><a href="/page">x</a>' +
          '<img src="/c.png" srcset="/c-2x.png 2x, /c-3x.png 3x" alt=""><div style="background:url(/d.png)"></div>' +
          '<img src="data:image/png;base64,AAAA" alt="">',
      ),
    ).toEqual(['/a.ico', '/b.mjs', '/c.png', '/c-2x.png', '/c-3x.png', '/d.png']);
    expect(
      assetReferencesInCss('a{background:url("/e.svg")} b{src:url(/f.woff2) format("woff2"),url(\'g.woff\')}'),
    ).toEqual(['/e.svg', '/f.woff2', 'g.woff']);
    expect(assetReferencesInCss('@import "/h.css"; i{fill:url(#gradient)}')).toEqual(['/h.css']);
    expect(
      assetReferencesInJs("import { a } from '/i.js';\nimport '/j.js';\nconst k = await import('./k.js');"),
    ).toEqual(['/i.js', '/j.js', './k.js']);
  });
});
