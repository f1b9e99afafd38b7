/**
 * The local provider's own pages: sign-in, sign-out and errors. Plain, valid HTML with labelled fields, so that a
 * person, a headless flow or a browser test can use them. Every dynamic value is escaped.
 */

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
