import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../server/errors.js';

const frames = (error: Error) => (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).length;

describe('ApiError', () => {
  it('carries no stack for a client error, which a refusal does not need', () => {
    const error = new ApiError('out_of_stock', 'Sold out');
    expect(error.statusCode).toBe(409);
    expect(error.message).toBe('Sold out');
    expect(frames(error)).toBe(0);
  });

  it('keeps the stack of our own failures, and leaves other errors theirs', () => {
    expect(frames(new ApiError('internal', 'Broke'))).toBeGreaterThan(0);
    new ApiError('not_found', 'Gone');
    expect(frames(new Error('plain'))).toBeGreaterThan(0);
  });
});
