/**
 * Links in emails (daily digests, media account lifecycle) point at the public site this function app serves. Its
 * address is the deployment's own, not a setting: WEBSITE_HOSTNAME, which Azure sets on every function app, or the
 * local runtime's port.
 */
import type { SiteUrl } from '../subscriptions/digest-email.js';

export function siteBaseUrl(env: Readonly<Record<string, string | undefined>>): string {
  const hostname = env.WEBSITE_HOSTNAME?.trim();
  if (hostname) return `https://${hostname}`;
  const port = env.PORT?.trim();
  return `http://127.0.0.1:${port && port !== '' ? port : '7071'}`;
}

export function siteUrlFrom(baseUrl: string): SiteUrl {
  return (path) => new URL(path, baseUrl).toString();
}
