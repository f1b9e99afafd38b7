/** The static site's own pages from their one source, scripts/static-pages/ (see static-pages.mjs). */
export const b2cPageNames: readonly ['sign-in', 'password-reset', 'sign-up'];
export const b2cLanguages: readonly ['en', 'cy'];
/** Every page's HTML by its path under web-static/: `b2c/<en|cy>/<page>.html` and `shutter/index.html`. */
export function renderStaticPages(): Promise<Map<string, string>>;
/** Writes the pages into `target` (web-static/); answers what was written (`b2c/en/sign-in.html`, ...). */
export function writeStaticPages(target: string): Promise<string[]>;
