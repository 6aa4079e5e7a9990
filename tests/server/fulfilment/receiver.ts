/**
 * A merchant's webhook receiver on a loopback port: it records every request, answers with
 * whatever `respond` says, and checks each signature with the Standard Webhooks reference
 * library (`standardwebhooks`), as a merchant's own code would.
 */
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  type: string;
  body: { type: string; timestamp: string; data: Record<string, unknown> };
  headers: Record<string, string>;
  raw: string;
  /** What the receiver answered. */
  status: number;
}

export class Receiver {
  readonly requests: Received[] = [];
  respond: (n: number) => number = () => 200;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<Receiver> {
    let receiver: Receiver | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        const status = receiver!.respond(receiver!.requests.length + 1);
        const body = JSON.parse(raw) as Received['body'];
        receiver!.requests.push({ id: headers['webhook-id']!, type: body.type, body, headers, raw, status });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'try again later');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    receiver = new Receiver(server, `http://127.0.0.1:${port}/hooks/nearbuy`);
    return receiver;
  }

  /** The events the receiver accepted (answered 2xx), in the order they arrived. */
  get accepted(): Received[] {
    return this.requests.filter((r) => r.status >= 200 && r.status < 300);
  }

  /** Verifies a request with the reference library: throws when the signature is wrong or stale. */
  verify(r: Received, secret: string): unknown {
    return new Webhook(secret).verify(r.raw, r.headers);
  }

  /** True when the request verifies with this secret. */
  verifyQuietly(r: Received, secret: string): boolean {
    try {
      this.verify(r, secret);
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
