/**
 * The local provider's own pages: sign-in, sign-out and errors. Plain, valid HTML with labelled fields, so that a
 * person, a headless flow or a browser test can use them. Every dynamic value is escaped.
 */

import { renderB2cPages } from '../../scripts/static-pages.mjs';

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE =
  'body{font-family:Arial,sans-serif;margin:2rem;max-width:40rem;line-height:1.5}' +
  'label{display:block;font-weight:bold;margin-top:1rem}input{font-size:1rem;padding:.3rem;width:100%;box-sizing:border-box}' +
  'button{margin-top:1.5rem;font-size:1rem;padding:.5rem 1rem}.error{color:#d4351c;font-weight:bold}';

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface SignInPage {
  serviceName: string;
  formAction: string;
  username?: string;
  error?: string;
  seededUsernames: readonly string[];
}

export function signInPage({ serviceName, formAction, username, error, seededUsernames }: SignInPage): string {
  const title = `${error === undefined ? '' : 'Error: '}Sign in - ${serviceName} (local)`;
  const errorBlock =
    error === undefined ? '' : `<p class="error" role="alert" id="sign-in-error">${escapeHtml(error)}</p>\n`;
  const describedBy = error === undefined ? '' : ' aria-describedby="sign-in-error"';
  const users = seededUsernames.map((name) => `<li>${escapeHtml(name)}</li>`).join('');
  return page(
    title,
    `<h1>Sign in to ${escapeHtml(serviceName)}</h1>
<p>This is the local stand-in for ${escapeHtml(serviceName)}. Test users (password <code>password</code>):</p>
<ul>${users}</ul>
${errorBlock}<form method="post" action="${escapeHtml(formAction)}" novalidate>
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" spellcheck="false" value="${escapeHtml(username ?? '')}"${describedBy}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password"${describedBy}>
<button type="submit">Sign in</button>
</form>`,
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

/** oidc-provider hands over its own hidden logout form (id `op.logoutForm`); the buttons submit it. */
export function signOutPage(serviceName: string, form: string): string {
  return page(
    `Sign out - ${serviceName} (local)`,
    `<h1>Do you want to sign out of ${escapeHtml(serviceName)}?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Azure B2C's user flow pages: the GOV.UK templates of web-static/b2c/ with the local form in `<div id="api">`
// ---------------------------------------------------------------------------------------------------------------

export type B2cPageName = 'sign-in' | 'password-reset' | 'sign-up';
export type B2cLanguage = 'en' | 'cy';

/** The templates per site origin, rendered once per process. */
const b2cTemplates = new Map<string, Promise<ReadonlyMap<string, string>>>();

/**
 * A user flow page template as B2C shows it: rendered from scripts/static-pages/ (the source of web-static/b2c/) with
 * every URL absolute on the site's origin, as `npm run b2c:templates` publishes it for B2C.
 */
async function b2cTemplate(page: B2cPageName, lng: B2cLanguage, siteOrigin: string): Promise<string> {
  let templates = b2cTemplates.get(siteOrigin);
  if (templates === undefined) {
    templates = renderB2cPages({ origin: siteOrigin });
    b2cTemplates.set(siteOrigin, templates);
  }
  const template = (await templates).get(`b2c/${lng}/${page}.html`);
  if (template === undefined) throw new Error(`No B2C page ${lng}/${page}`);
  return template;
}

const b2cWords = {
  en: {
    email: 'Email address',
    password: 'Password',
    newPassword: 'New password',
    confirmPassword: 'Confirm new password',
    signIn: 'Sign in',
    forgot: 'Forgot your password?',
    resetContinue: 'Continue',
    cancel: 'Cancel',
    errorTitle: 'There is a problem',
    wrongPassword: 'Enter a valid email address and password.',
    unknownEmail: 'Enter the email address of your account.',
    passwordsDiffer: 'Enter the same new password twice, at least 8 characters.',
    testAccounts: 'Test accounts (local identity provider only)',
    testPassword: 'Each signs in with the password',
  },
  cy: {
    email: 'Cyfeiriad e-bost',
    password: 'Cyfrinair',
    newPassword: 'Cyfrinair newydd',
    confirmPassword: 'Cadarnhewch y cyfrinair newydd',
    signIn: 'Mewngofnodi',
    forgot: 'Wedi anghofio eich cyfrinair?',
    resetContinue: 'Parhau',
    cancel: 'Canslo',
    errorTitle: 'Mae yna broblem',
    wrongPassword: 'Rhowch gyfeiriad e-bost a chyfrinair dilys.',
    unknownEmail: 'Rhowch gyfeiriad e-bost eich cyfrif.',
    passwordsDiffer: 'Rhowch yr un cyfrinair newydd ddwywaith, o leiaf 8 nod.',
    testAccounts: 'Cyfrifon prawf (y darparwr hunaniaeth lleol yn unig)',
    testPassword: 'Mae pob un yn mewngofnodi gyda’r cyfrinair',
  },
} as const;

export type B2cError = 'wrongPassword' | 'unknownEmail' | 'passwordsDiffer';

export interface B2cPage {
  page: B2cPageName;
  lng: B2cLanguage;
  /** The site that hosts the templates: their URLs (styles, footer links) are absolute on it. */
  siteOrigin: string;
  /** Absolute URLs of the provider's own steps. */
  formAction: string;
  forgotUrl?: string;
  cancelUrl?: string;
  username?: string;
  error?: B2cError;
  seededUsernames: readonly string[];
}

function govukField(
  id: string,
  label: string,
  type: string,
  autocomplete: string,
  value: string,
  error?: string,
): string {
  const errorId = `${id}-error`;
  return `<div class="govuk-form-group${error === undefined ? '' : ' govuk-form-group--error'}">
<label class="govuk-label" for="${id}">${escapeHtml(label)}</label>
${error === undefined ? '' : `<p id="${errorId}" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> ${escapeHtml(error)}</p>\n`}<input class="govuk-input${error === undefined ? '' : ' govuk-input--error'}" id="${id}" name="${id}" type="${type}" autocomplete="${autocomplete}" spellcheck="false" value="${escapeHtml(value)}"${error === undefined ? '' : ` aria-describedby="${errorId}"`}>
</div>`;
}

/** The B2C page: the template as published for the site's origin, the local form in `<div id="api">`. */
export async function b2cPage(options: B2cPage): Promise<string> {
  const words = b2cWords[options.lng];
  const error = options.error === undefined ? undefined : words[options.error];
  const firstField = options.error === 'passwordsDiffer' ? 'newPassword' : 'username';
  const summary =
    error === undefined
      ? ''
      : `<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
<h2 class="govuk-error-summary__title">${escapeHtml(words.errorTitle)}</h2>
<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#${firstField}">${escapeHtml(error)}</a></li></ul></div>
</div></div>\n`;
  const testAccounts = `<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">${escapeHtml(words.testAccounts)}</span></summary>
<div class="govuk-details__text"><p class="govuk-body">${escapeHtml(words.testPassword)} <code>password</code>.</p><ul class="govuk-list">${options.seededUsernames.map((name) => `<li>${escapeHtml(name)}</li>`).join('')}</ul></div></details>`;
  const form =
    options.page === 'sign-in'
      ? `${summary}<form method="post" action="${escapeHtml(options.formAction)}" novalidate>
${govukField('username', words.email, 'email', 'username', options.username ?? '', error)}
${govukField('password', words.password, 'password', 'current-password', '')}
<p class="govuk-body"><a class="govuk-link" id="forgotPassword" href="${escapeHtml(options.forgotUrl ?? '#')}">${escapeHtml(words.forgot)}</a></p>
<button type="submit" class="govuk-button" data-module="govuk-button">${escapeHtml(words.signIn)}</button>
</form>
${testAccounts}`
      : `${summary}<form method="post" action="${escapeHtml(options.formAction)}" novalidate>
${govukField('username', words.email, 'email', 'username', options.username ?? '', options.error === 'unknownEmail' ? error : undefined)}
${govukField('newPassword', words.newPassword, 'password', 'new-password', '', options.error === 'passwordsDiffer' ? error : undefined)}
${govukField('confirmPassword', words.confirmPassword, 'password', 'new-password', '')}
<div class="govuk-button-group">
<button type="submit" class="govuk-button" data-module="govuk-button">${escapeHtml(words.resetContinue)}</button>
<a class="govuk-link" id="cancel" href="${escapeHtml(options.cancelUrl ?? '#')}">${escapeHtml(words.cancel)}</a>
</div>
</form>`;
  const template = await b2cTemplate(options.page, options.lng, new URL(options.siteOrigin).origin);
  return template
    .replace('<div id="api"></div>', `<div id="api">\n${form}\n</div>`)
    .replace(/<title>/, error === undefined ? '<title>' : `<title>${options.lng === 'cy' ? 'Gwall: ' : 'Error: '}`);
}
