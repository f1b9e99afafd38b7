/**
 * The static site's own pages from one source, scripts/static-pages/: the Azure B2C user flow pages
 * (web-static/b2c/{en,cy}/{sign-in,password-reset,sign-up}.html: b2c-page.njk with the per-language, per-page strings
 * of strings.json) and the shutter page (web-static/shutter/index.html: shutter.njk), both on the GOV.UK layout of
 * layout.njk. B2C and Front Door fetch each page as a whole static file, so they are rendered ahead of time, by
 * scripts/copy-static-assets.mjs (postinstall, prestart, `npm run build`, and the pipeline's `npm ci`); the output is
 * git-ignored.
 *
 * The B2C pages are shown by B2C from its own origin (https://<tenant>.b2clogin.com), so when they are published
 * every URL in them (the stylesheet, the footer links) must be absolute, on the site's public origin: rendered with
 * `origin`, they are (`npm run b2c:templates`, and the pipeline before it uploads web-static/; docs/operations.md).
 * No `<base>`: B2C's own script calls its endpoints by relative URLs, which a base would send to our site. Rendered
 * without an origin (the default build), their URLs are root-relative, right only when served from our own origin.
 * The local identity provider (local/identity) renders them in memory with the local site's origin, as B2C shows them.
 * Lines are laid out as prettier would lay out the page (print width 120), so the output reads like a hand-written
 * page. Plain JavaScript, so that it also runs where only production dependencies are installed.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const sourceFolder = fileURLToPath(new URL('./static-pages/', import.meta.url));
const printWidth = 120;

export const b2cPageNames = /** @type {const} */ (['sign-in', 'password-reset', 'sign-up']);
export const b2cLanguages = /** @type {const} */ (['en', 'cy']);

/** Words of `text` in lines of at most `printWidth` characters, each indented by `indent` spaces. */
function fill(text, indent) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const longer = line === '' ? word : `${line} ${word}`;
    if (line !== '' && indent + longer.length > printWidth) {
      lines.push(line);
      line = word;
    } else {
      line = longer;
    }
  }
  lines.push(line);
  return lines.map((each) => `${' '.repeat(indent)}${each}`).join('\n');
}

/** An element holding (escaped) text: on one line when it fits, else the text filled between its own tag lines. */
function element(text, open, close, indent) {
  const escaped = nunjucks.lib.escape(text);
  const oneLine = `${' '.repeat(indent)}${open}${escaped}${close}`;
  if (oneLine.length <= printWidth) return oneLine;
  const pad = ' '.repeat(indent);
  return `${pad}${open}\n${fill(escaped, indent + 2)}\n${pad}${close}`;
}

function environment() {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(sourceFolder), {
    autoescape: true,
    throwOnUndefined: true,
  });
  env.addFilter(
    'element',
    (text, open, close, indent) => new nunjucks.runtime.SafeString(element(text, open, close, indent)),
  );
  env.addFilter('footerLink', (link, query, siteBase) => {
    const item = '<li class="govuk-footer__inline-list-item">';
    const anchor = `<a class="govuk-footer__link" href="${nunjucks.lib.escape(`${siteBase}${link.href}${query}`)}">`;
    const oneLine = `${' '.repeat(14)}${item}${anchor}${nunjucks.lib.escape(link.text)}</a></li>`;
    const html =
      oneLine.length <= printWidth
        ? oneLine
        : `${' '.repeat(14)}${item}\n${element(link.text, anchor, '</a>', 16)}\n${' '.repeat(14)}</li>`;
    return new nunjucks.runtime.SafeString(html);
  });
  return env;
}

/**
 * The origin B2C pages are published for: an https:// origin (http only on loopback, for local and test sites), as
 * `https://host[:port]` without a path; throws naming what is wrong.
 * @param {string} value
 * @returns {string}
 */
export function templateOrigin(value) {
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`The public origin must be a URL such as https://www.example.gov.uk: ${JSON.stringify(value)}`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`The public origin must be https:// (plain http only on loopback): ${value}`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(`The public origin is an origin, without a path: ${value}`);
  }
  return url.origin;
}

/**
 * The URLs a page refers to: every href, src and action attribute, and every url() in inline styles (fragments such
 * as `#main-content` are part of the page itself and left out).
 * @param {string} html
 * @returns {string[]}
 */
export function referencedUrls(html) {
  const attributes = [...html.matchAll(/\s(?:href|src|action|srcset|poster|data)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map(
    (m) => m[1] ?? m[2],
  );
  const styles = [...html.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/gi)].map((m) => m[1]);
  return [...attributes, ...styles]
    .filter((url) => url !== undefined && !url.startsWith('#'))
    .map((url) => url.replaceAll('&amp;', '&'));
}

/**
 * The B2C user flow pages only (`b2c/<en|cy>/<page>.html`), every URL in them absolute on `origin` when given.
 * @param {{ origin?: string }} [options]
 * @returns {Promise<Map<string, string>>}
 */
export async function renderB2cPages(options = {}) {
  const siteBase = options.origin === undefined ? '' : templateOrigin(options.origin);
  const strings = JSON.parse(await readFile(join(sourceFolder, 'strings.json'), 'utf8'));
  const env = environment();
  const pages = new Map();
  for (const lng of b2cLanguages) {
    const { pages: pageStrings, ...common } = strings.languages[lng];
    for (const page of b2cPageNames) {
      const context = { ...common, ...pageStrings[page], lng, page, siteBase };
      pages.set(`b2c/${lng}/${page}.html`, env.render('b2c-page.njk', context));
    }
  }
  return pages;
}

/**
 * Every page by its path under web-static/: `b2c/<en|cy>/<page>.html` and `shutter/index.html`; the B2C pages'
 * URLs absolute on `origin` when given (the shutter page is served from our own origin, always root-relative).
 * @param {{ origin?: string }} [options]
 * @returns {Promise<Map<string, string>>}
 */
export async function renderStaticPages(options = {}) {
  const strings = JSON.parse(await readFile(join(sourceFolder, 'strings.json'), 'utf8'));
  const env = environment();
  const pages = await renderB2cPages(options);
  // English and Welsh on one page: the English layout, the Welsh in its own `lang="cy"` part of shutter.njk.
  pages.set(
    'shutter/index.html',
    env.render('shutter.njk', { ...strings.languages.en, ...strings.shutter, lng: 'en', siteBase: '' }),
  );
  return pages;
}

/**
 * Writes pages into `target` (web-static/). @param {string} target @param {Map<string, string>} [pages] all of them
 * by default @returns {Promise<string[]>} what was written
 */
export async function writeStaticPages(target, pages) {
  const written = [];
  for (const [path, html] of pages ?? (await renderStaticPages())) {
    const file = join(target, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, html);
    written.push(path);
  }
  return written;
}
