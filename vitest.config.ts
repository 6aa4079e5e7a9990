import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/vitest-global-setup.ts'],
    testTimeout: 30_000,
    // PGlite starts a WebAssembly PostgreSQL per suite: slow when the machine is busy.
    hookTimeout: 60_000,
  },
});
