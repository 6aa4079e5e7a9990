// Mocha's BDD globals, as Web Test Runner provides them in the browser (no @types/mocha here).
declare global {
  type MochaDone = (error?: unknown) => void;
  type MochaFn = (this: unknown) => void | Promise<unknown>;
  function describe(title: string, fn: () => void): void;
  function it(title: string, fn: MochaFn): void;
  function before(fn: MochaFn): void;
  function after(fn: MochaFn): void;
  function beforeEach(fn: MochaFn): void;
  function afterEach(fn: MochaFn): void;
}
export {};
