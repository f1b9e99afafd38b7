/**
 * The Nunjucks environment: GOV.UK Frontend's templates and macros (`govuk/template.njk`, `govuk/components/...`),
 * our layout and page templates (paths relative to functions/web/, e.g. `pages/home/home.njk`) and the list
 * renderings' fragments (paths relative to functions/web/lists/templates/). Autoescape is on everywhere.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { courtAdminPath } from '../http/court-admin-path.js';
import { addListMarkup } from '../lists/list-markup.js';

const webRoot = fileURLToPath(new URL('..', import.meta.url));

/** node_modules/govuk-frontend/dist, found through module resolution so it works from sources and from dist/. */
export function govukFrontendDist(): string {
  const packageJson = createRequire(import.meta.url).resolve('govuk-frontend/package.json');
  return join(dirname(packageJson), 'dist');
}

export const templateSearchPaths = (): string[] => [webRoot, govukFrontendDist(), join(webRoot, 'lists', 'templates')];

export function createTemplateEnvironment(options: { cache?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(templateSearchPaths(), { noCache: options.cache === false });
  const environment = addListMarkup(
    new nunjucks.Environment(loader, {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    }),
  );
  // Court staff pages' public folder, `/admin` (http/court-admin-path.ts): templates link `{{ courtAdminPath }}/…`.
  environment.addGlobal('courtAdminPath', courtAdminPath);
  return environment;
}
