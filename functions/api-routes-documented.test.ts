/**
 * docs/api.md stays true: every HTTP route under `api/` that functions/<folder>/index.ts registers has a row in one of
 * its route tables (same method, same path, same parameter names), and every row is a registered route. Rows the
 * doc marks "local runtime only" are served by local/start.ts, not by a function, and are checked there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, sourceRegistrations, type RegistrationMetadata } from '../test-support/function-registrations.js';

interface DocumentedRoute {
  route: string;
  localOnly: boolean;
}

/** `GET /api/publication/{artefactId}` from each table row whose first cell is a method and an /api/ path. */
function documentedRoutes(markdown: string): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  for (const line of markdown.split('\n')) {
    const row = /^\| `([A-Z]+) (\/api\/[^`?\s]*)[^`]*` \| ([^|]*) \|/.exec(line);
    if (row) routes.push({ route: `${row[1]} ${row[2]}`, localOnly: row[3]?.trim() === 'local runtime only' });
  }
  return routes;
}

/** `GET /api/publication/{artefactId}` for each method of each HTTP trigger (route constraints dropped). */
function registeredRoutes(registrations: readonly RegistrationMetadata[]): string[] {
  return registrations.flatMap((fn) => {
    const trigger = Object.values(fn.bindings).find((binding) => binding.type === 'httpTrigger');
    if (trigger === undefined) return [];
    const path = `/${String(trigger.route).replace(/\{(\*?\w+)(:[^}]*)?\}/g, '{$1}')}`;
    return (trigger.methods as string[]).map((method) => `${method.toUpperCase()} ${path}`);
  });
}

const apiDoc = readFileSync(join(projectRoot, 'docs', 'api.md'), 'utf8');
let registered: string[];

beforeAll(async () => {
  registered = registeredRoutes(await sourceRegistrations());
}, 120_000);

describe('docs/api.md', () => {
  it('reads the route tables', () => {
    expect(
      documentedRoutes('| `GET /api/locations?region=&x=` | anyone | 200 |\n| `DELETE /api/a/{id}` | x | y |'),
    ).toEqual([
      { route: 'GET /api/locations', localOnly: false },
      { route: 'DELETE /api/a/{id}', localOnly: false },
    ]);
    expect(documentedRoutes(apiDoc).length).toBeGreaterThanOrEqual(20);
  });

  it('documents every api/ route the functions register (outside api/ are only the pages)', () => {
    const documented = new Set(documentedRoutes(apiDoc).map(({ route }) => route));
    const undocumented = registered.filter((route) => route.includes(' /api/') && !documented.has(route));
    expect(undocumented).toEqual([]);
    expect(registered.filter((route) => !route.includes(' /api/')).sort()).toEqual(['GET /{*path}', 'POST /{*path}']);
  });

  it('documents no route that is not registered', () => {
    const functionRoutes = new Set(registered);
    const unregistered = documentedRoutes(apiDoc)
      .filter(({ route, localOnly }) => !localOnly && !functionRoutes.has(route))
      .map(({ route }) => route);
    expect(unregistered).toEqual([]);
  });

  it('marks as local runtime only just the routes local/start.ts serves', () => {
    const start = readFileSync(join(projectRoot, 'local', 'start.ts'), 'utf8');
    const localOnly = documentedRoutes(apiDoc).filter(({ localOnly }) => localOnly);
    for (const { route } of localOnly) {
      expect(start, route).toContain(`path: '${route.slice(route.indexOf(' ') + 1)}'`);
      expect(registered, route).not.toContain(route);
    }
  });
});
