/**
 * Copies GOV.UK Frontend's compiled assets into web-static/ at the paths the pages use:
 * `assets/` (fonts, images, manifest.json; the template's assetPath) and `govuk-frontend.min.css|js` (+ maps), and
 * GOV.UK's accessible-autocomplete (`accessible-autocomplete.min.css|js` + maps: the court pickers' enhancement),
 * and renders the site's own pages (the Azure B2C user flow pages in `b2c/`, the shutter page in `shutter/`) from
 * their one source (scripts/static-pages.mjs).
 * The copies and the pages are git-ignored; run by npm's postinstall/prestart and by the build. Plain JavaScript, so that it also
 * runs where only production dependencies are installed.
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeStaticPages } from './static-pages.mjs';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const webStatic = join(projectRoot, 'web-static');

/** @param {string} [target] @returns {Promise<string[]>} what was copied */
export async function copyStaticAssets(target = webStatic) {
  const govuk = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist', 'govuk');
  await rm(join(target, 'assets'), { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  await cp(join(govuk, 'assets'), join(target, 'assets'), { recursive: true });
  const files = [
    'govuk-frontend.min.css',
    'govuk-frontend.min.css.map',
    'govuk-frontend.min.js',
    'govuk-frontend.min.js.map',
  ];
  for (const file of files) await cp(join(govuk, file), join(target, file));
  const autocomplete = join(
    dirname(createRequire(import.meta.url).resolve('accessible-autocomplete/package.json')),
    'dist',
  );
  const autocompleteFiles = [
    'accessible-autocomplete.min.css',
    'accessible-autocomplete.min.css.map',
    'accessible-autocomplete.min.js',
    'accessible-autocomplete.min.js.map',
  ];
  for (const file of autocompleteFiles) await cp(join(autocomplete, file), join(target, file));
  const pages = await writeStaticPages(target);
  return ['assets/', ...files, ...autocompleteFiles, ...pages];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const copied = await copyStaticAssets();
  console.log(
    `Copied GOV.UK Frontend and accessible-autocomplete assets, and rendered the B2C and shutter pages, to web-static/: ${copied.join(', ')}`,
  );
}
