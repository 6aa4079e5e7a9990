/** The hooks of every widget test file. */
import { api } from './api.js';
import { unmountAll } from './dom.js';

/**
 * Starts msw's worker (once per page) before the tests of the calling `describe`, and after each
 * test removes the elements it mounted and resets the API's handlers and request log.
 */
export function useWidgetPage(): void {
  before(() => api.start());
  afterEach(() => {
    unmountAll();
    api.reset();
  });
}
