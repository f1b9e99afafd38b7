/** The Azure B2C user flow pages from their one source, scripts/b2c-pages/ (see b2c-pages.mjs). */
export const b2cPageNames: readonly ['sign-in', 'password-reset', 'sign-up'];
export const b2cLanguages: readonly ['en', 'cy'];
/** Each page's HTML by its path under b2c/ (`en/sign-in.html`). */
export function renderB2cPages(): Promise<Map<string, string>>;
/** Writes the pages into `<target>/b2c/`; answers what was written (`b2c/en/sign-in.html`, ...). */
export function writeB2cPages(target: string): Promise<string[]>;
