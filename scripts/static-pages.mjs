/**
 * The static site's own pages from one source, scripts/static-pages/: the Azure B2C user flow pages
 * (web-static/b2c/{en,cy}/{sign-in,password-reset,sign-up}.html: b2c-page.njk with the per-language, per-page strings
 * of strings.json) and the shutter page (web-static/shutter/index.html: shutter.njk), both on the GOV.UK layout of
 * layout.njk. B2C and Front Door fetch each page as a whole static file, so they are rendered ahead of time, by
 * scripts/copy-static-assets.mjs (postinstall, prestart, `npm run build`, and the pipeline's `npm ci` before it uploads web-static/);
 * the output is git-ignored. The local identity provider (local/identity) renders the B2C pages in memory.
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
  env.addFilter('footerLink', (link, query) => {
    const item = '<li class="govuk-footer__inline-list-item">';
    const anchor = `<a class="govuk-footer__link" href="${nunjucks.lib.escape(`${link.href}${query}`)}">`;
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
 * Every page by its path under web-static/: `b2c/<en|cy>/<page>.html` and `shutter/index.html`.
 * @returns {Promise<Map<string, string>>}
 */
export async function renderStaticPages() {
  const strings = JSON.parse(await readFile(join(sourceFolder, 'strings.json'), 'utf8'));
  const env = environment();
  const pages = new Map();
  for (const lng of b2cLanguages) {
    const { pages: pageStrings, ...common } = strings.languages[lng];
    for (const page of b2cPageNames) {
      pages.set(`b2c/${lng}/${page}.html`, env.render('b2c-page.njk', { ...common, ...pageStrings[page], lng, page }));
    }
  }
  // English and Welsh on one page: the English layout, the Welsh in its own `lang="cy"` part of shutter.njk.
  pages.set(
    'shutter/index.html',
    env.render('shutter.njk', { ...strings.languages.en, ...strings.shutter, lng: 'en' }),
  );
  return pages;
}

/** Writes the pages into `target` (web-static/). @param {string} target @returns {Promise<string[]>} what was written */
export async function writeStaticPages(target) {
  const written = [];
  for (const [path, html] of await renderStaticPages()) {
    const file = join(target, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, html);
    written.push(path);
  }
  return written;
}
