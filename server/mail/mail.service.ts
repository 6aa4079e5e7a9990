/**
 * Shopper email (`app.mail`): sends what the outbox holds through SMTP with nodemailer, one
 * worker per process. Where it goes:
 * - SMTP_HOST set: that server (user, password, port and TLS from the environment);
 * - demo mode and tests (`capture`): a real SMTP server inside this process (`inbox.ts`), read
 *   by `/demo/mail` and by tests;
 * - otherwise: nowhere; each email is logged (kind, order, recipient) and counted as sent, so
 *   that configuring SMTP later does not flood shoppers with stale mail.
 */
import fp from 'fastify-plugin';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/port.js';
import { every } from '../plugins/background.js';
import { Inbox } from './inbox.js';
import type { Mailer, MailMessage } from './mailer.js';
import { claimDueMail, markMailFailed, markMailSent, type MailRow } from './outbox.repository.js';
import { renderMail } from './render.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
}

export interface MailPluginOptions {
  smtp: SmtpSettings | null;
  /** Run the in-process SMTP server (demo mode, tests) when no SMTP server is configured. */
  capture: boolean;
  from: string;
  /** How often this process sends due email, ms; 0: never by itself (tests call `deliverDue`). */
  intervalMs: number;
  /** The server's public root for links in email; when absent, where this process listens. */
  publicUrl?: string | undefined;
}

/** Back-off between tries: 30 s, 1 min, 2 min … at most an hour apart; given up after a day. */
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;
const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
const LEASE_MS = 60_000;
const BATCH = 20;
/** Claims per run at most, so that one run ends even while new email keeps arriving. */
const MAX_ROUNDS = 50;

export class MailService {
  constructor(
    private readonly db: Db,
    private readonly transport: Transporter,
    /** The in-process mailbox, when mail is captured. */
    readonly inbox: Inbox | null,
    private readonly opts: {
      from: string;
      clock: () => number;
      baseUrl: () => string;
      log: FastifyBaseLogger;
      logOnly: boolean;
    },
  ) {}

  /** True when email really leaves this machine (SMTP_HOST). */
  get external(): boolean {
    return this.inbox === null && !this.opts.logOnly;
  }

  /** Sends every due email once; returns how many were sent. */
  async deliverDue(): Promise<number> {
    let sent = 0;
    // An order's next email is claimable only once the one before it is sent: claim until none is left.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const rows = await claimDueMail(this.db, this.opts.clock(), BATCH, LEASE_MS);
      if (rows.length === 0) break;
      for (const row of rows) if (await this.sendOne(row)) sent++;
    }
    return sent;
  }

  private async sendOne(row: MailRow): Promise<boolean> {
    const { clock, log } = this.opts;
    try {
      const mail = renderMail(row.kind, row.locale, row.data, this.opts.baseUrl());
      const info = (await this.transport.sendMail({
        from: this.opts.from,
        to: row.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: {
          'X-Nearbuy-Kind': row.kind,
          ...(row.order_id ? { 'X-Nearbuy-Order': row.order_id } : {}),
          'Content-Language': row.locale,
        },
      })) as { messageId?: string };
      if (this.opts.logOnly)
        log.info({ kind: row.kind, orderId: row.order_id, to: row.recipient }, 'email not sent (no SMTP_HOST): logged only');
      await markMailSent(this.db, row.id, info.messageId ?? '', clock());
      return true;
    } catch (err) {
      const age = clock() - new Date(row.created_at).getTime();
      const delay = Math.min(RETRY_BASE_MS * 2 ** (row.attempts - 1), RETRY_MAX_MS);
      const giveUp = age + delay > GIVE_UP_AFTER_MS;
      log[giveUp ? 'error' : 'warn'](
        { err, kind: row.kind, orderId: row.order_id, attempt: row.attempts },
        giveUp ? 'email given up' : 'email failed; will retry',
      );
      await markMailFailed(this.db, row.id, err instanceof Error ? err.message : String(err), giveUp ? null : clock() + delay);
      return false;
    }
  }

  /** A `Mailer` for one-off messages (member sign-in codes) through the same transport. */
  asMailer(): Mailer {
    return {
      send: async (message: MailMessage) => {
        await this.transport.sendMail({ from: this.opts.from, to: message.to, subject: message.subject, text: message.text });
      },
    };
  }

  async close(): Promise<void> {
    this.transport.close();
    await this.inbox?.close();
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    mail: MailService;
  }
}

export default fp<MailPluginOptions>(
  async function mailPlugin(app, opts) {
    const inbox = !opts.smtp && opts.capture ? await Inbox.start() : null;
    const transport = opts.smtp
      ? nodemailer.createTransport({
          // Pooled: a worker run sends many messages over a few connections, not one each.
          pool: true,
          host: opts.smtp.host,
          port: opts.smtp.port,
          secure: opts.smtp.secure,
          ...(opts.smtp.user ? { auth: { user: opts.smtp.user, pass: opts.smtp.password ?? '' } } : {}),
        })
      : inbox
        ? nodemailer.createTransport({ pool: true, host: '127.0.0.1', port: inbox.port, secure: false, ignoreTLS: true })
        : nodemailer.createTransport({ jsonTransport: true });
    const baseUrl = () => {
      if (opts.publicUrl) return opts.publicUrl;
      const address = app.server.address();
      if (typeof address !== 'object' || !address) return 'http://localhost:8787/';
      // Listening on every interface: this machine reaches it on the loopback one.
      const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
      return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/`;
    };
    const mail = new MailService(app.db, transport, inbox, {
      from: opts.from,
      clock: app.clock,
      baseUrl,
      log: app.log,
      logOnly: !opts.smtp && !inbox,
    });
    app.decorate('mail', mail);
    every(app, 'sending email', opts.intervalMs, () => mail.deliverDue());
    app.addHook('onClose', () => mail.close());
  },
  { name: 'mail', dependencies: ['db', 'clock'] },
);
