import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // OCR tests start worker threads of their own; two forks keep the 2-core CI machine busy
    // without oversubscribing it.
    pool: 'forks',
    maxWorkers: 2,
  },
});
