import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    globalSetup: ['tests/support/vitest-global-setup.ts'],
    // Two files at a time on any machine (Vitest's default is one fewer than the cores, so one on
    // the project's 2-core machine): a server test spends much of its time waiting on PostgreSQL,
    // Redis or a child process, and the other file uses the core meanwhile.
    maxWorkers: 2,
    // Upper bounds for a test that hangs, not speed checks: on a 2-core machine kept busy by other
    // work a PGlite start or a server process's start takes many times its quiet-machine time.
    testTimeout: 90_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Pure code, cheap to load; kept isolated because some files pin process-wide state
          // (the widget's tests set `TZ`).
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts'],
          // One module graph per worker instead of one per file: every server test file loads
          // the same app (Fastify, zod schemas, Stripe, PGlite's WebAssembly), which costs more
          // than most files' tests. Safe because server code keeps no mutable module state
          // beyond pure caches, and each file builds and closes its own app and database.
          isolate: false,
        },
      },
    ],
  },
});
