import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/vitest-global-setup.ts'],
    // Upper bounds for a test that hangs, not speed checks: on a 2-core machine kept busy by other
    // work a PGlite start or a server process's start takes many times its quiet-machine time.
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
