import type { FastifyReply } from 'fastify';

/** Adds header names to `Vary` (once each, compared without case), keeping what is there. */
export function addVary(reply: FastifyReply, ...fields: string[]): void {
  const current = reply.getHeader('vary');
  const have =
    current === undefined
      ? []
      : String(current)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  const lower = new Set(have.map((f) => f.toLowerCase()));
  for (const f of fields) {
    if (!lower.has(f.toLowerCase())) {
      have.push(f);
      lower.add(f.toLowerCase());
    }
  }
  reply.header('vary', have.join(', '));
}
