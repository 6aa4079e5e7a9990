/** The console's header and cookie names, without zod, so the console page can import them. */

/** Sent with every console call that changes something: the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';
/** Sent by the console's own page on the calls made before a session exists (sign-up, sign-in). */
export const CONSOLE_HEADER = 'x-nearbuy-console';
export const SESSION_COOKIE = 'nb_console';
