import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'functions/**/*.test.ts',
      'shared/**/*.test.ts',
      'local/**/*.test.ts',
      'web-static/**/*.test.ts',
      'test-support/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    globalSetup: ['test-support/global-setup.ts'],
    setupFiles: ['test-support/install-functions-core.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
