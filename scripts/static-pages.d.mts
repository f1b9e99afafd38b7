/** The static site's own pages from their one source, scripts/static-pages/ (see static-pages.mjs). */
export const b2cPageNames: readonly ['sign-in', 'password-reset', 'sign-up'];
export const b2cLanguages: readonly ['en', 'cy'];
/** `https://host[:port]` (http only on loopback), without a path; throws naming what is wrong. */
export function templateOrigin(value: string): string;
/** Every href, src, action (and the like) and inline url() of a page, fragments left out. */
export function referencedUrls(html: string): string[];
/** The B2C pages (`b2c/<en|cy>/<page>.html`), every URL absolute on `origin` when given, else root-relative. */
export function renderB2cPages(options?: { origin?: string }): Promise<Map<string, string>>;
/** Every page's HTML by its path under web-static/: `b2c/<en|cy>/<page>.html` and `shutter/index.html`. */
export function renderStaticPages(options?: { origin?: string }): Promise<Map<string, string>>;
/** Writes the pages (all of them by default) into `target` (web-static/); answers what was written. */
export function writeStaticPages(target: string, pages?: Map<string, string>): Promise<string[]>;
