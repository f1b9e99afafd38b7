/**
 * Where the court staff pages are. Their public address is `/admin/…` (issue 12), but the Functions host keeps
 * `/admin` for itself and never hands a path under it to a function, so Front Door rewrites `/admin/…` to
 * `/court-admin/…` on the function app's route (bicep/edge-routes.json `rewrites`; the local runtime applies the
 * same rewrite) and the app receives them there. The web handler turns the address the host received back into the
 * public one (`publicUrl`) before any page sees it, and page routes are declared at the public address, so pages,
 * redirects (returnTo, Location after a POST), audit records, dashboards and emails only ever name `/admin/…`.
 * `/court-admin/…` stays reachable (Front Door forwards every other path to the app), but nothing links there.
 */

/** The court staff pages' public folder. */
export const courtAdminPath = '/admin';

/** The folder the host receives them under: the destination of Front Door's rewrite of `courtAdminPath`. */
export const courtAdminHostPath = '/court-admin';

/** A court staff page's public path: `courtAdminHref('/manual-upload')` is `/admin/manual-upload`. */
export function courtAdminHref(subPath = ''): `/admin${string}` {
  if (subPath !== '' && !subPath.startsWith('/')) throw new Error(`"${subPath}" must start with "/"`);
  return `${courtAdminPath}${subPath}`;
}

const received = /^\/court-admin(?=\/|$)/i;

/**
 * The URL as the visitor asked for it: a path the host received under `/court-admin` is put back under `/admin`
 * (`/court-admin/x?y` → `/admin/x?y`, in any case, as routes match); any other URL is returned as it is.
 */
export function publicUrl(url: URL): URL {
  if (!received.test(url.pathname)) return url;
  const copy = new URL(url.href);
  copy.pathname = url.pathname.replace(received, courtAdminPath);
  return copy;
}
