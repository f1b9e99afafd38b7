/**
 * The portal origin's route table, `bicep/edge-routes.json`, as the local runtime applies it: Front Door sends the
 * paths matching `staticPatterns` to the static origin and everything else to the Function App, so the local runtime
 * serves a static file only for those paths (a missing file is the static origin's 404, never a function) and routes
 * every other path to the functions without looking at the disk. Bicep loads the same file, so the two cannot drift.
 *
 * Patterns are Front Door's: an exact path (`/govuk-frontend.min.css`), or a path ending in `/*`, which matches every
 * path under that folder (`/assets/*` matches `/assets/x` and `/assets/`, not `/assets`). A `*` anywhere else is
 * refused when the file is read, as Front Door refuses it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The one file: bicep/edge-routes.json at the repository's root. */
export const edgeRoutesFile = fileURLToPath(new URL('../../bicep/edge-routes.json', import.meta.url));

const pattern = z
  .string()
  .regex(/^\/[^*]*(?:\/\*)?$/, 'must be a path starting with "/", with a "*" only as a final "/*" (Front Door)');

const headerName = z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name');

const edgeRoutesSchema = z.object({
  staticPatterns: z.array(pattern).min(1),
  staticResponseHeaders: z.record(headerName, z.string()).default({}),
});

export interface StaticRouteTable {
  /** The patterns as written in the file. */
  readonly patterns: readonly string[];
  /** Whether Front Door would send this (decoded-or-not, query-less) path to the static origin. */
  isStatic(path: string): boolean;
  /** Headers Front Door's rule set puts on every static response. */
  readonly responseHeaders: Readonly<Record<string, string>>;
}

export function staticRouteTable(
  patterns: readonly string[],
  responseHeaders: Readonly<Record<string, string>> = {},
): StaticRouteTable {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const p of patterns) {
    const parsed = pattern.safeParse(p);
    if (!parsed.success) throw new Error(`Static route pattern "${p}": ${parsed.error.issues[0]?.message ?? ''}`);
    if (p.endsWith('/*')) prefixes.push(p.slice(0, -1));
    else exact.add(p);
  }
  return {
    patterns: [...patterns],
    responseHeaders: { ...responseHeaders },
    isStatic(path) {
      if (exact.has(path)) return true;
      for (const prefix of prefixes) if (path.startsWith(prefix)) return true;
      return false;
    },
  };
}

export function parseEdgeRoutes(json: unknown, source = edgeRoutesFile): StaticRouteTable {
  const parsed = edgeRoutesSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `${source} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return staticRouteTable(parsed.data.staticPatterns, parsed.data.staticResponseHeaders);
}

/** Reads the route table (once, at start-up). */
export function readEdgeRoutes(file = edgeRoutesFile): StaticRouteTable {
  return parseEdgeRoutes(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
}
