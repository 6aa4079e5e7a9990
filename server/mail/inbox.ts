/**
 * A real SMTP server inside this process, for demo mode and tests: nodemailer speaks SMTP to it
 * exactly as it would to a production server, and every message it receives is parsed
 * (`mailparser`) into a small mailbox that `/demo/mail` and the tests read. Listens on the
 * loopback interface only, on a free port; never used when SMTP_HOST is set.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  id: number;
  /** Envelope recipients, as the SMTP conversation gave them. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string | null;
  /** The `X-Nearbuy-Kind` header: which email of the order this is. */
  kind: string | null;
  orderId: string | null;
  language: string | null;
  receivedAt: string;
}

/** How many messages the mailbox keeps (the oldest go first). */
const KEEP = 200;

export class Inbox {
  readonly messages: ReceivedMail[] = [];
  private nextId = 1;
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<Inbox> {
    let inbox: Inbox | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      banner: 'nearbuy demo mailbox',
      size: 2 * 1024 * 1024,
      onData(stream, session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            inbox?.receive({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
              kind: header(parsed.headers.get('x-nearbuy-kind')),
              orderId: header(parsed.headers.get('x-nearbuy-order')),
              language: header(parsed.headers.get('content-language')),
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    inbox = new Inbox(server, port);
    return inbox;
  }

  private receive(message: Omit<ReceivedMail, 'id' | 'receivedAt'>): void {
    this.messages.push({ ...message, id: this.nextId++, receivedAt: new Date().toISOString() });
    if (this.messages.length > KEEP) this.messages.shift();
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Messages to an address (all when absent), oldest first. */
  to(address?: string): ReceivedMail[] {
    return address ? this.messages.filter((m) => m.to.includes(address)) : [...this.messages];
  }

  /** Resolves once a message matching `test` is in the box; rejects after `timeoutMs`. */
  async waitFor(test: (m: ReceivedMail) => boolean, timeoutMs = 5000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(test);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('Expected a message in the demo mailbox, got none in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function header(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
