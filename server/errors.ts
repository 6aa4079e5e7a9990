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
    // A client's mistake needs no stack: capturing one costs more than the rest of a refusal,
    // and a flash sale answers hundreds of `out_of_stock` a second (docs/ARCHITECTURE.md,
    // "Holds in batches"). Our own failures keep theirs.
    const limit = Error.stackTraceLimit;
    if (ERROR_STATUS[code] < 500) Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'ApiError';
    this.statusCode = ERROR_STATUS[code];
  }
}

export const notFound = (message: string, details?: unknown) => new ApiError('not_found', message, details);
export const conflict = (message: string, details?: unknown) => new ApiError('conflict', message, details);
export const unprocessable = (message: string, details?: unknown) => new ApiError('unprocessable', message, details);
