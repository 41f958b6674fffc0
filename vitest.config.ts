import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'language-server/**/*.test.ts', 'test/**/*.test.ts'],
    // The machine has two cores; more workers only thrash.
    maxWorkers: 2,
    testTimeout: 60_000,
    // CLI tests run the shipped bundle: build it once first.
    globalSetup: ['test/support/globalSetup.ts'],
  },
});
