/**
 * The console's calls to `/console/api`: same-origin, the session cookie sent by the browser,
 * the CSRF token on every change. Errors arrive as `ConsoleApiError` with the server's message,
 * which is written for people.
 */
import { CONSOLE_HEADER, CSRF_HEADER } from '../contract/console-http.js';

export const API = '/console/api';

export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The error's `details` (a stock import's problems by line). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from sign-in or `/session`); null when signed out. */
export function useCsrfToken(token: string | null): void {
  csrfToken = token;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (csrfToken) headers[CSRF_HEADER] = csrfToken;
    else headers[CONSOLE_HEADER] = '1';
  }
  let res: Response;
  try {
    res = await fetch(`${API}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ConsoleApiError(0, 'network', 'The server could not be reached; check your connection and try again');
  }
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    throw new ConsoleApiError(res.status, error?.code ?? 'internal', error?.message ?? `The server answered ${res.status}`, error?.details);
  }
  return body as T;
}

/** The error's message for a person. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
