// ESLint flat config: type-aware rules, run with --max-warnings 0.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders of functions/ every function may import: kits, not functions. */
const functionKits = new Set(['http-kit']);

/**
 * One function folder never imports another (functions/a/** importing functions/b/**): what two functions share
 * belongs in shared/ or in a kit. Specifiers are resolved against the importing file, so a sibling folder named
 * directly or by way of functions/ is caught either way. Files directly in functions/ (dependencies.ts, telemetry.ts)
 * are kits.
 */
const functionFolderBoundary = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      crossing: 'functions/{{from}} must not import functions/{{to}}: move what they share to shared/ or to a kit.',
    },
  },
  create(context) {
    const root = import.meta.dirname;
    const folderOf = (file) => /^functions\/([^/]+)\//.exec(path.relative(root, file).split(path.sep).join('/'))?.[1];
    const from = folderOf(context.filename);
    if (from === undefined) return {};
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const to = folderOf(path.resolve(path.dirname(context.filename), specifier));
      if (to !== undefined && to !== from && !functionKits.has(to)) {
        context.report({ node: node.source, messageId: 'crossing', data: { from, to } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default tseslint.config(
  {
    // Build output, dependencies, local data, test fixtures (copied data files) and the copied (vendor) assets of GOV.UK
    // Frontend and accessible-autocomplete.
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'test-fixtures/**',
      'web-static/assets/**',
      'web-static/govuk-frontend.min.*',
      'web-static/accessible-autocomplete.min.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Architecture: domain code in shared/ knows nothing of Azure Functions or of the local runtime.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@azure/functions', '@azure/functions/*'],
              message: 'shared/ must not depend on Azure Functions.',
            },
            { group: ['**/local/**', '**/functions/**'], message: 'shared/ must not import functions/ or local/.' },
          ],
        },
      ],
    },
  },
  {
    // Production code never imports the local runtime.
    files: ['functions/**/*.ts'],
    ignores: ['functions/**/*.test.ts'],
    plugins: { architecture: { rules: { 'function-folder-boundary': functionFolderBoundary } } },
    rules: {
      // Habit 9: a table has one owner in shared/; handlers call it and never issue SQL.
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message:
            'functions/ issues no SQL: call the shared/ module that owns the table (e.g. shared/publications/store).',
        },
      ],
      'architecture/function-folder-boundary': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/local/**'], message: 'functions/ must not import local/.' }] },
      ],
      // @azure/functions is a CommonJS bundle: in native ESM (as the host loads dist/) a named import of one of its
      // classes fails at load. Import the classes through the default export, or as types.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@azure/functions',
              importNames: ['HttpRequest', 'HttpResponse', 'InvocationContext'],
              allowTypeImports: true,
              message:
                "Use the default import (functions.HttpRequest) or 'import type': named class imports fail in ESM.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests write publication rows through test-support/publication-rows.ts, so a new artefact column changes the
    // store and that one helper, not every test that needs a publication.
    files: ['**/*.test.ts', 'test-support/**/*.ts', 'bench/**/*.ts'],
    ignores: ['test-support/publication-rows.ts', 'shared/publications/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'TemplateElement[value.raw=/(INSERT INTO|UPDATE) artefact\\b/i], Literal[value=/(INSERT INTO|UPDATE) artefact\\b/i]',
          message: 'Write publication rows through test-support/publication-rows.ts (or the store), not by hand.',
        },
      ],
    },
  },
  {
    // Logs are events: functions/ and shared/ log through logEvent (shared/logging/log-event.ts), never the console.
    // Tests, local/ and the scripts (command-line tools) may print.
    files: ['functions/**/*.ts', 'shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // Plain JavaScript build scripts: linted without type information (they are not in the TypeScript project).
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: { ...tseslint.configs.disableTypeChecked.rules, 'no-undef': 'off' },
  },
);
