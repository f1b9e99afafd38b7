/**
 * The portal origin's route table, `bicep/edge-routes.json`, as the local runtime applies it: Front Door sends the
 * paths matching `staticPatterns` to the static origin and everything else to the Function App, so the local runtime
 * serves a static file only for those paths (a missing file is the static origin's 404, never a function) and routes
 * every other path to the functions without looking at the disk. Bicep loads the same file, so the two cannot drift.
 *
 * Patterns are Front Door's: an exact path (`/govuk-frontend.min.css`), or a path ending in `/*`, which matches every
 * path under that folder (`/assets/*` matches `/assets/x` and `/assets/`, not `/assets`). A `*` anywhere else is
 * refused when the file is read, as Front Door refuses it.
 *
 * `rewrites` are Front Door's URL rewrites on the Function App's route (a rule set in bicep/modules/edge.bicep): a
 * request for the folder `source` itself or any path under it reaches the app with `source` replaced by `destination`
 * (`/admin/x?y` → `/court-admin/x?y`), matched case-sensitively as Front Door's path conditions are without a
 * transform. They apply only to paths that are not static, after the static routes, as Front Door's rule sets run on
 * the route a request took.
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

const folder = z
  .string()
  .regex(/^(?:\/[A-Za-z0-9._~-]+)+$/, 'must be a folder path: "/"-separated segments, no "*", no trailing "/"');

const rewriteSchema = z.object({ source: folder, destination: folder }).strict();

const edgeRoutesSchema = z.object({
  staticPatterns: z.array(pattern).min(1),
  staticResponseHeaders: z.record(headerName, z.string()).default({}),
  rewrites: z.array(rewriteSchema).default([]),
});

/** A folder rewrite: `source` and every path under it reach the app under `destination` instead. */
export interface PathRewrite {
  readonly source: string;
  readonly destination: string;
}

export interface StaticRouteTable {
  /** The patterns as written in the file. */
  readonly patterns: readonly string[];
  /** Whether Front Door would send this (decoded-or-not, query-less) path to the static origin. */
  isStatic(path: string): boolean;
  /** Headers Front Door's rule set puts on every static response. */
  readonly responseHeaders: Readonly<Record<string, string>>;
  /** The rewrites as written in the file. */
  readonly rewrites: readonly PathRewrite[];
  /** The path a (non-static) request reaches the Function App with: rewritten, or unchanged when no rewrite applies. */
  rewrite(path: string): string;
}

export function staticRouteTable(
  patterns: readonly string[],
  responseHeaders: Readonly<Record<string, string>> = {},
  rewrites: readonly PathRewrite[] = [],
): StaticRouteTable {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const p of patterns) {
    const parsed = pattern.safeParse(p);
    if (!parsed.success) throw new Error(`Static route pattern "${p}": ${parsed.error.issues[0]?.message ?? ''}`);
    if (p.endsWith('/*')) prefixes.push(p.slice(0, -1));
    else exact.add(p);
  }
  const isStatic = (path: string): boolean => {
    if (exact.has(path)) return true;
    for (const prefix of prefixes) if (path.startsWith(prefix)) return true;
    return false;
  };
  const under = (path: string, folderPath: string): boolean => path === folderPath || path.startsWith(`${folderPath}/`);
  rewrites.forEach((r, index) => {
    for (const [name, value] of [
      ['source', r.source],
      ['destination', r.destination],
    ] as const) {
      const parsed = folder.safeParse(value);
      if (!parsed.success) throw new Error(`Rewrite ${name} "${value}": ${parsed.error.issues[0]?.message ?? ''}`);
    }
    // A static path never reaches the app's route, so its rewrite would never run (and locally would run wrongly).
    if (isStatic(r.source) || isStatic(`${r.source}/`))
      throw new Error(`Rewrite source "${r.source}" is a static path`);
    // Nested or chained rewrites would depend on rule order: one folder, one rewrite, applied once.
    for (const other of rewrites.slice(index + 1)) {
      if (under(other.source, r.source) || under(r.source, other.source)) {
        throw new Error(`Rewrite sources "${r.source}" and "${other.source}" overlap`);
      }
    }
  });
  return {
    patterns: [...patterns],
    responseHeaders: { ...responseHeaders },
    rewrites: rewrites.map((r) => ({ ...r })),
    isStatic,
    rewrite(path) {
      for (const r of rewrites) {
        if (under(path, r.source)) return `${r.destination}${path.slice(r.source.length)}`;
      }
      return path;
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
  return staticRouteTable(parsed.data.staticPatterns, parsed.data.staticResponseHeaders, parsed.data.rewrites);
}

/** Reads the route table (once, at start-up). */
export function readEdgeRoutes(file = edgeRoutesFile): StaticRouteTable {
  return parseEdgeRoutes(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
}
