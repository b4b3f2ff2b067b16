// A WebSocket client for the tests (the `ws` package, a dependency of @fastify/websocket, has no types
// installed: this is the little of it the tests use).

import { createRequire } from 'node:module';

export interface WsLike {
  readonly readyState: number;
  on(event: 'message', l: (data: Buffer) => void): void;
  on(event: 'open' | 'close', l: () => void): void;
  on(event: 'error', l: (err: Error) => void): void;
  on(event: 'unexpected-response', l: (req: unknown, res: { statusCode: number }) => void): void;
  close(): void;
  terminate(): void;
  pause(): void;
  resume(): void;
}

const WS = createRequire(import.meta.url)('ws') as { WebSocket: new (url: string, opts?: object) => WsLike };

export interface Client extends WsLike {
  /** Every JSON message received since the socket opened, in order. */
  readonly received: Array<{ type: string; [k: string]: unknown }>;
  /** Resolves with the first received message (from the start) matching `pred`. */
  waitFor(pred: (m: { type: string; [k: string]: unknown }) => boolean, timeoutMs?: number): Promise<{ type: string; [k: string]: unknown }>;
}

/** Opens a socket; resolves once open, rejects with the HTTP status when the upgrade is refused. */
export function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WS.WebSocket(url, { headers });
    const received: Client['received'] = [];
    const waiters: Array<() => void> = [];
    ws.on('message', (m) => {
      received.push(JSON.parse(m.toString()) as Client['received'][number]);
      for (const w of waiters.splice(0)) w();
    });
    const waitFor: Client['waitFor'] = (pred, timeoutMs = 10_000) => new Promise((res, rej) => {
      const deadline = Date.now() + timeoutMs;
      const check = (): void => {
        const hit = received.find(pred);
        if (hit !== undefined) res(hit);
        else if (Date.now() > deadline) rej(new Error('timed out waiting for a message'));
        else { waiters.push(check); setTimeout(check, 200); }
      };
      check();
    });
    ws.on('open', () => resolve(Object.assign(ws, { received, waitFor })));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.on('error', (err) => reject(err));
  });
}
