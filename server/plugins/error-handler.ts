/**
 * The one error handler. Every failure leaves as `{ error: { code, message, details? } }` with
 * the status `ERROR_STATUS` gives its code; messages are sent only below 500, stack traces
 * never. Anything a client can send maps to a 4xx here, including database complaints about
 * values that slipped past validation.
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_STATUS, type ErrorCode } from '../../contract/http.js';
import { ApiError } from '../errors.js';
import { sqlState } from '../db/port.js';

export interface ErrorPayload {
  error: { code: ErrorCode; message: string; details?: unknown };
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'unavailable',
};

const PART_NAMES: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

function pathOf(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.');
}

/** Turns any thrown value into the error we send, and whether it is our fault. */
export function toErrorPayload(error: unknown): {
  status: number;
  payload: ErrorPayload;
  headers?: Record<string, string>;
  internal: boolean;
} {
  const make = (code: ErrorCode, message: string, details?: unknown) => ({
    status: ERROR_STATUS[code],
    payload: { error: details === undefined ? { code, message } : { code, message, details } },
    internal: ERROR_STATUS[code] >= 500,
  });

  if (error instanceof ApiError) {
    return { ...make(error.code, error.message, error.details), ...(error.headers ? { headers: error.headers } : {}) };
  }

  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = PART_NAMES[(error as { validationContext?: string }).validationContext ?? ''] ?? 'request';
    const issues = error.validation.map((v) => ({ path: pathOf(v.instancePath), message: v.message ?? 'Invalid value' }));
    const first = issues[0]!;
    const where = first.path ? `${part} ${first.path}` : part;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    return make('invalid_request', `Invalid ${where}: ${first.message}${more}`, { issues: issues.slice(0, 100) });
  }

  const fe = error as Partial<FastifyError> & { type?: string };
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return make('payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return make('unsupported_media_type', 'Send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return make('invalid_request', 'The body is empty but the content type says JSON');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return make('invalid_request', fe.message ?? 'The body could not be read');
    case 'FST_ERR_CTP_INVALID_CONTENT_TYPE':
      return make('unsupported_media_type', 'The Content-Type header is malformed');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return make('invalid_request', 'A part of the path is too long (at most 200 characters)');
    case 'FST_ERR_BAD_URL':
      return make('invalid_request', 'The path is not valid percent-encoded UTF-8');
  }
  // JSON.parse failures arrive as a SyntaxError with statusCode 400.
  if (error instanceof SyntaxError && fe.statusCode === 400) {
    return make('invalid_request', 'The body is not valid JSON');
  }

  const state = sqlState(error);
  if (state) {
    // Constraint and data errors mean a request value slipped past validation: the client's
    // problem, not ours, but the database's wording stays in the log.
    if (state === '23505') return make('conflict', 'That already exists');
    if (state === '23503') return make('conflict', 'That refers to something that does not exist, or is still referred to');
    if (state === '23514') return make('conflict', 'That change would break a stock or data rule');
    if (state.startsWith('22')) return make('invalid_request', 'A value is out of range or not valid text');
    return make('internal', 'Internal server error');
  }

  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = CODE_BY_STATUS[status] ?? 'invalid_request';
    return { ...make(code, fe.message || 'Invalid request'), status };
  }
  return make('internal', 'Internal server error');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const { status, payload, headers, internal } = toErrorPayload(error);
  if (internal) {
    request.log.error({ err: error }, 'request failed');
  } else {
    request.log.info({ code: payload.error.code, status, err: sqlState(error) ? error : undefined }, payload.error.message);
  }
  if (headers) reply.headers(headers);
  // Errors are never cached: a 404 for a SKU added a second later must not stick in a CDN.
  return reply.code(status).header('cache-control', 'no-store').send(payload);
}

export default fp(
  async function errorHandler(app) {
    app.setErrorHandler((error, request, reply) => sendError(request, reply, error));
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0]!.slice(0, 200);
      return sendError(request, reply, new ApiError('not_found', `No route ${request.method} ${path}`));
    });
  },
  { name: 'error-handler' },
);
