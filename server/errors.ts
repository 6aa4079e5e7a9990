/**
 * The one error type routes and services throw. The error handler turns it into
 * `{ error: { code, message, details? } }` with the status `ERROR_STATUS` gives its code.
 */
import { ERROR_STATUS, type ErrorCode } from '../contract/http.js';

export class ApiError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = ERROR_STATUS[code];
  }
}

export const notFound = (message: string, details?: unknown) => new ApiError('not_found', message, details);
export const conflict = (message: string, details?: unknown) => new ApiError('conflict', message, details);
export const unprocessable = (message: string, details?: unknown) => new ApiError('unprocessable', message, details);
