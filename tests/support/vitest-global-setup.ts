/**
 * Runs once before the Vitest suite: prepares the PGlite templates every server test starts
 * from (tests/support/pglite-template.ts), so that no two test files build one at once.
 */
import { templateTarball } from './pglite-template.js';

export default async function setup(): Promise<void> {
  await templateTarball('empty');
  await templateTarball('migrated');
}
