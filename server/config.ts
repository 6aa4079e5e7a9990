/**
 * Server configuration, read once from the environment and validated, so a wrong value stops
 * the process at start with a message that names the variable.
 */
import { z } from 'zod';
import { IF_NOBODY_IN } from './fulfilment/courier.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const Bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const PositiveInt = z.coerce.number().int().positive();

export const ConfigSchema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    /** PostgreSQL URL; when absent the embedded PGlite database is used. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
    /** Where PGlite keeps its files (ignored with DATABASE_URL). */
    NEARBUY_DATA_DIR: z.string().min(1).default('.data'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /** Pretty, human logs for development (needs the pino-pretty dev dependency). */
    LOG_PRETTY: Bool.default(false),
    /** Behind a proxy or load balancer: trust X-Forwarded-For for the client IP (rate limits). */
    TRUST_PROXY: Bool.default(false),
    /** Requests per window per secret key, per publishable key from one client address, and per client address. */
    RATE_LIMIT_PER_KEY: PositiveInt.default(600),
    RATE_LIMIT_PER_IP: PositiveInt.default(1200),
    RATE_LIMIT_WINDOW_MS: PositiveInt.default(60_000),
    /** Redis for rate-limit counters shared by every process (`redis://host:6379`); per process when unset. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://')
      .optional(),
    /** How long an identical promise question is answered from memory, ms (0: never). */
    PROMISE_CACHE_MS: z.coerce.number().int().min(0).max(5000).default(1000),
    /** Largest request body, bytes (the bulk inventory route allows 8× this). */
    BODY_LIMIT: PositiveInt.default(1024 * 1024),
    /** How long a checkout holds stock before it must be paid. */
    CHECKOUT_HOLD_MINUTES: PositiveInt.max(24 * 60).default(15),
    /** How often each process releases expired holds; 0 turns the timer off. */
    CHECKOUT_SWEEP_SECONDS: z.coerce.number().int().min(0).default(15),
    /** Stripe: all three, or none for the offline TEST MODE provider. */
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, 'STRIPE_SECRET_KEY must look like sk_test_… or sk_live_…')
      .optional(),
    STRIPE_PUBLISHABLE_KEY: z
      .string()
      .regex(/^pk_(test|live)_\w+$/, 'STRIPE_PUBLISHABLE_KEY must look like pk_test_… or pk_live_…')
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\w+$/, 'STRIPE_WEBHOOK_SECRET must look like whsec_…')
      .optional(),
    /** Demo mode (`npm start`): seeds the demo shop, serves the widget and demo storefront, adds `/demo/` tools. Never in production. */
    NEARBUY_DEMO: Bool.default(false),
    /** Demo mode only: start the demo clock at this instant (ISO 8601), e.g. to pin a Tuesday morning. */
    NEARBUY_DEMO_CLOCK: z.iso.datetime({ offset: true }).optional(),
    /** The server's public root (https://api.shop.example/), for links in email; where it listens when absent. */
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** SMTP for shopper email; without SMTP_HOST, email is logged only (demo mode: a mailbox at /demo/mail). */
    /** When set, `GET /metrics` needs `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.string().min(16).optional(),
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
    SMTP_SECURE: Bool.default(false),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().min(1).optional(),
    /** The From of shopper email: `Shop name <orders@shop.example>`. */
    MAIL_FROM: z.string().min(3).max(200).default('nearbuy <orders@localhost>'),
    /** How often each process sends due email and webhooks and reads courier events, ms; 0 turns the worker off. */
    MAIL_WORKER_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
    WEBHOOK_WORKER_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
    COURIER_WORKER_INTERVAL_MS: z.coerce.number().int().min(0).default(2000),
    /** How long a merchant's endpoint may take to answer one webhook, ms. */
    WEBHOOK_TIMEOUT_MS: PositiveInt.max(60_000).default(10_000),
    /** The simulated courier: its seed, and the share of deliveries it makes late or fails. */
    COURIER_SIM_SEED: z.coerce.number().int().default(1),
    COURIER_SIM_LATE_RATE: z.coerce.number().min(0).max(1).default(0.1),
    COURIER_SIM_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0.05),
    /** What a same-day driver does when nobody is in: leave the parcel at the door, or bring it back. */
    SAME_DAY_IF_NOBODY_IN: z.enum(IF_NOBODY_IN).default('leave_at_door'),
    /** The built widget, served at /widget/ when present (`npm run build:widget` writes dist/widget). */
    NEARBUY_WIDGET_DIR: z.string().min(1).default('dist/widget'),
    /** The built merchant console, served at /console/ when present (`npm run build:console` writes dist/console). */
    NEARBUY_CONSOLE_DIR: z.string().min(1).default('dist/console'),
  })
  .superRefine((c, ctx) => {
    if ((c.SMTP_USER || c.SMTP_PASSWORD) && !c.SMTP_HOST)
      ctx.addIssue({ code: 'custom', path: ['SMTP_HOST'], message: 'SMTP_USER and SMTP_PASSWORD need SMTP_HOST' });
    if (c.SMTP_PASSWORD && !c.SMTP_USER) ctx.addIssue({ code: 'custom', path: ['SMTP_USER'], message: 'SMTP_PASSWORD needs SMTP_USER' });
    const stripe = [c.STRIPE_SECRET_KEY, c.STRIPE_PUBLISHABLE_KEY, c.STRIPE_WEBHOOK_SECRET].filter(Boolean).length;
    if (stripe !== 0 && stripe !== 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['STRIPE_SECRET_KEY'],
        message: 'Set all three of STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET, or none for TEST MODE',
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration; throws a `ConfigError` naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty variables count as unset, the way shells and .env files tend to leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'config');
      // A database URL may carry a password: name it, never echo it.
      const shown = name === 'DATABASE_URL' || name === 'SMTP_PASSWORD' ? '' : `=${JSON.stringify(env[name] ?? '')}`;
      return `  ${name}${shown}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
