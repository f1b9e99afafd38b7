/**
 * `npm run b2c:templates -- --origin https://<public site> [--out <folder>]`: renders the Azure B2C user flow page
 * templates (web-static/b2c/{en,cy}/{sign-in,password-reset,sign-up}.html, from scripts/static-pages/) for one
 * environment's public origin, and prints the URL each user flow's page layouts point at.
 *
 * B2C fetches a template (by CORS) and shows it, with its own form in `<div id="api">`, from its own origin
 * (https://<tenant>.b2clogin.com): a root-relative URL there would name B2C's host. So every URL in the published
 * templates (the GOV.UK stylesheet, whose fonts and images GOV.UK Frontend names relative to it; the footer links) is
 * absolute on the public origin, which Front Door routes to the static origin (bicep/edge-routes.json: `/b2c/*`,
 * `/govuk-frontend.min.css`, `/assets/*`, with `Access-Control-Allow-Origin: *`). The run checks that of every page it
 * writes, and refuses to write otherwise. The origin is `--origin`, else PUBLIC_SITE_URL. `--out` is the static
 * folder to write into (default web-static/); the pipeline writes into the built copy it uploads.
 *
 * The same lines are printed by `npm run b2c:setup` (docs/operations.md, "Azure B2C user flow pages").
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { B2C_FLOW_PAGES, b2cFlowKinds, DEFAULT_B2C_FLOWS, type B2cFlowKind } from '../shared/auth/b2c-flows.js';
import { referencedUrls, renderB2cPages, templateOrigin, writeStaticPages } from './static-pages.mjs';

/**
 * The page layouts of each user flow (as the Azure portal names them, under the flow's "Page layouts") that use a
 * template: the sign-in page; the password-reset type's two pages (verify the email address, then the new password).
 */
export const B2C_PAGE_LAYOUTS: Readonly<Record<B2cFlowKind, readonly string[]>> = {
  signIn: ['Sign in page'],
  passwordReset: ['Forgot password page', 'Change password page'],
  signUp: ['Forgot password page', 'Change password page'],
};

export interface PageLayoutUrl {
  kind: B2cFlowKind;
  /** The user flow's name in the tenant. */
  flow: string;
  layouts: readonly string[];
  /** "Custom page URI": B2C puts the language (`en`, `cy`) in place of {Culture:LanguageName}. */
  url: string;
}

/** Each user flow's template URL on the origin; flow names as the settings name them, else the defaults. */
export function pageLayoutUrls(
  origin: string,
  flows: Partial<Readonly<Record<B2cFlowKind, string>>> = {},
): PageLayoutUrl[] {
  const base = templateOrigin(origin);
  return b2cFlowKinds.map((kind) => ({
    kind,
    flow: flows[kind] ?? DEFAULT_B2C_FLOWS[kind],
    layouts: B2C_PAGE_LAYOUTS[kind],
    url: `${base}/b2c/{Culture:LanguageName}/${B2C_FLOW_PAGES[kind]}.html`,
  }));
}

/** The flow names the sign-in uses (B2C_SIGN_IN_FLOW, B2C_PASSWORD_RESET_FLOW, B2C_SIGN_UP_FLOW), where set. */
export function flowNamesFrom(env: Readonly<Record<string, string | undefined>>): Partial<Record<B2cFlowKind, string>> {
  const named = (value: string | undefined): string | undefined =>
    value === undefined || value.trim() === '' ? undefined : value.trim();
  const names: Partial<Record<B2cFlowKind, string>> = {};
  const signIn = named(env.B2C_SIGN_IN_FLOW);
  const passwordReset = named(env.B2C_PASSWORD_RESET_FLOW);
  const signUp = named(env.B2C_SIGN_UP_FLOW);
  if (signIn !== undefined) names.signIn = signIn;
  if (passwordReset !== undefined) names.passwordReset = passwordReset;
  if (signUp !== undefined) names.signUp = signUp;
  return names;
}

/** What to set in the portal, one line per user flow. */
export function describePageLayouts(urls: readonly PageLayoutUrl[]): string[] {
  return [
    'Page layouts, by hand in the Azure portal (each user flow > Page layouts > "Use custom page content": Yes; ' +
      'Languages > "Enable language customization", English and Welsh):',
    ...urls.map((each) => `  ${each.flow}: ${each.layouts.join(', ')} → ${each.url}`),
  ];
}

/** The URLs of a template that are not absolute on the origin (none, for a page fit to publish). */
export function urlsOffOrigin(html: string, origin: string): string[] {
  return referencedUrls(html).filter((url) => !url.startsWith(`${origin}/`));
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

function argument(args: readonly string[], name: string): string | undefined {
  const index = args.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index === -1) return undefined;
  const arg = args[index] ?? '';
  return arg.includes('=') ? arg.slice(name.length + 1) : args[index + 1];
}

export async function runB2cTemplatesCommand(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  options: { print?: (line: string) => void; cwd?: string } = {},
): Promise<number> {
  const print =
    options.print ??
    ((line: string) => {
      console.log(line);
    });
  const usage = 'Usage: npm run b2c:templates -- --origin https://<public site> [--out <static folder>]';
  const known = new Set(['--origin', '--out']);
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const name = arg.split('=')[0] ?? '';
    if (!known.has(name)) {
      print(`Unknown argument ${arg}. ${usage}`);
      return 1;
    }
    if (!arg.includes('=')) index += 1;
  }
  const given = argument(args, '--origin') ?? env.PUBLIC_SITE_URL;
  if (given === undefined || given.trim() === '') {
    print(`No public origin: give --origin (or set PUBLIC_SITE_URL). ${usage}`);
    return 1;
  }
  let origin: string;
  try {
    origin = templateOrigin(given);
  } catch (error) {
    print((error as Error).message);
    return 1;
  }
  const out = argument(args, '--out');
  const target = out === undefined ? join(projectRoot, 'web-static') : join(options.cwd ?? process.cwd(), out);
  const pages = await renderB2cPages({ origin });
  for (const [path, html] of pages) {
    const off = urlsOffOrigin(html, origin);
    if (off.length > 0) {
      print(`${path} refers to URLs not on ${origin}: ${off.join(', ')}; nothing written.`);
      return 1;
    }
  }
  const written = await writeStaticPages(target, pages);
  print(`Rendered ${written.length} B2C page templates for ${origin} into ${join(target, 'b2c')}:`);
  for (const path of written) print(`  ${path}`);
  for (const line of describePageLayouts(pageLayoutUrls(origin, flowNamesFrom(env)))) print(line);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runB2cTemplatesCommand(process.argv.slice(2), process.env);
}
