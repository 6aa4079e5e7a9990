/**
 * Pins the "browser's" time zone for widget code run in Node to Phoenix, as the browser tests pin
 * Chromium's (tests/widget/web-test-runner.config.mjs): the widget names a zone only where it
 * differs from the shopper's own, so results must not depend on the machine's zone. Import it
 * first; Node reads `TZ` again when it changes, and the widget builds its formatters lazily.
 */
process.env.TZ = 'America/Phoenix';

export {};
