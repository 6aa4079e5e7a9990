/**
 * One-off mail such as member sign-in codes (`app.mailer`). With SMTP_HOST set it goes through
 * SMTP (`mail.service.ts`); otherwise the development mailer prints each message to the log and
 * keeps the last ones in memory, so a developer reads a sign-in code in the terminal and tests
 * read it from `outbox`. Order email goes through the outbox instead (`outbox.repository.ts`).
 */
import fp from 'fastify-plugin';
import type { FastifyBaseLogger } from 'fastify';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** A one-time code in the message, for the dev outbox and tests. */
  code?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export class DevMailer implements Mailer {
  readonly outbox: MailMessage[] = [];

  constructor(private readonly log: FastifyBaseLogger) {}

  async send(message: MailMessage): Promise<void> {
    this.outbox.push(message);
    if (this.outbox.length > 100) this.outbox.shift();
    this.log.info({ to: message.to, subject: message.subject }, `dev mailer: ${message.text}`);
  }

  /** The newest code sent to an address. */
  lastCodeFor(email: string): string | undefined {
    for (let i = this.outbox.length - 1; i >= 0; i--) if (this.outbox[i]!.to === email) return this.outbox[i]!.code;
    return undefined;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer;
  }
}

export default fp<{ mailer?: Mailer }>(
  async function mailerPlugin(app, opts) {
    // With an SMTP server configured, sign-in codes go out by email like everything else.
    app.decorate('mailer', opts.mailer ?? (app.hasDecorator('mail') && app.mail.external ? app.mail.asMailer() : new DevMailer(app.log)));
  },
  { name: 'mailer' },
);
