/**
 * A Nunjucks environment for rendering list fragments on their own (tests, bench): govuk-frontend's templates and
 * this module's, autoescape on. The portal configures its own environment with the same two search paths.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import nunjucks from 'nunjucks';
import { addListMarkup } from './list-markup.js';
import { listTemplatesDirectory } from './render-list.js';

/** govuk-frontend's `dist` folder, where `govuk/components/...` resolve. */
export function govukFrontendDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('govuk-frontend/package.json');
  return path.join(path.dirname(packageJson), 'dist');
}

export function listEnvironment(): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([govukFrontendDirectory(), listTemplatesDirectory], { noCache: false });
  return addListMarkup(
    new nunjucks.Environment(loader, {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
    }),
  );
}
