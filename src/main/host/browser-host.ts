// The browser host: the renderer over HTTP and the contract over a WebSocket, on 127.0.0.1 only.
// It is how developers run the app every day and how end-to-end tests drive real Chromium, since
// the Electron binary cannot be downloaded on our build machines. Each window gets its own random
// token per run; the Origin and Host headers must be this server's own.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { calls, events, WireRequest, type EventName, type WindowRole, type WireMessage } from '../../shared/contract.js';
import { standardMessages } from '../../shared/errors.js';
import type { App } from '../app.js';
import type { Logger } from '../log.js';
import { rendererFile, securityHeaders, WINDOW_ROUTES } from './renderer-files.js';

export interface BrowserHostOptions {
  app: App;
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  log: Logger;
}

export interface BrowserHost {
  origin: string;
  urls: Record<WindowRole, string>;
  close(): Promise<void>;
}

/** Largest frame read at all; calls have their own, smaller limits checked by the dispatcher. */
const MAX_FRAME_BYTES = 32 * 1024 * 1024;
/** Frames over this are refused before parsing, with a typed error. */
const MAX_PARSED_BYTES = Math.max(...Object.values(calls).map((c) => ('maxBytes' in c ? Number(c.maxBytes) : 0)), 1024 * 1024) + 4096;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const tokens: Record<WindowRole, string> = {
    console: randomBytes(32).toString('base64url'),
    station: randomBytes(32).toString('base64url'),
  };
  const clients = new Map<WebSocket, WindowRole>();
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      // A foreign Host header means DNS rebinding or a confused proxy: never answer it.
      if (!allowedHosts().has(req.headers.host ?? '')) {
        res.writeHead(421).end();
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const file = await rendererFile(o.rendererDir, url.pathname);
      const headers = securityHeaders(`'self' ws://${req.headers.host}`);
      if (!file) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Type': file.contentType, 'Content-Length': file.body.length });
      res.end(req.method === 'HEAD' ? undefined : file.body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws' || !allowedHosts().has(req.headers.host ?? '')) {
      o.log.warn('host.refused', { reason: 'path_or_host' });
      refuseUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (!allowedOrigins().has(req.headers.origin ?? '')) {
      o.log.warn('host.refused', { reason: 'origin' });
      refuseUpgrade(socket, 403, 'Forbidden');
      return;
    }
    const token = url.searchParams.get('token') ?? '';
    const role = (Object.keys(tokens) as WindowRole[]).find((r) => sameToken(token, tokens[r]));
    if (!role) {
      o.log.warn('host.refused', { reason: 'token' });
      refuseUpgrade(socket, 401, 'Unauthorized');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.set(ws, role);
      o.log.info('host.connected', { window: role, clients: clients.size });
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
      ws.on('message', (data, isBinary) => void onMessage(ws, role, data as Buffer, isBinary));
    });
  });

  const send = (ws: WebSocket, msg: WireMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };

  async function onMessage(ws: WebSocket, role: WindowRole, data: Buffer, isBinary: boolean): Promise<void> {
    const reply = (id: number | null, r: Awaited<ReturnType<App['dispatch']>>) => send(ws, { kind: 'reply', id, ...r });
    const badRequest = (id: number | null, code: 'bad_request' | 'too_large') =>
      reply(id, { ok: false, error: { code, message: standardMessages[code] } });
    if (isBinary) return badRequest(null, 'bad_request');
    if (data.length > MAX_PARSED_BYTES) {
      // Answer with the caller's id when it leads the frame, as our client always sends it.
      const m = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*,/.exec(data.subarray(0, 64).toString('utf8'));
      return badRequest(m ? Number(m[1]) : null, 'too_large');
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      return badRequest(null, 'bad_request');
    }
    const req = WireRequest.safeParse(json);
    if (!req.success) {
      const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : null;
      return badRequest(id, 'bad_request');
    }
    reply(req.data.id, await o.app.dispatch(req.data.method, req.data.payload, { window: role }));
  }

  const unsubscribe = o.app.bus.subscribe((name: EventName, payload) => {
    const allowed: readonly WindowRole[] = events[name].windows;
    for (const [ws, role] of clients) if (allowed.includes(role)) send(ws, { kind: 'event', name, payload });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only, always: the host serves personal data to this machine's own browser.
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  o.log.info('host.listening', { port });

  return {
    origin,
    urls: {
      console: `${origin}${WINDOW_ROUTES.console}#token=${tokens.console}`,
      station: `${origin}${WINDOW_ROUTES.station}#token=${tokens.station}`,
    },
    close: async () => {
      unsubscribe();
      for (const ws of clients.keys()) ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // server.close() waits for every connection to end, and ends only idle ones itself: a
      // browser's request half sent, or a connection it opened ahead and never used, held `serve`
      // open after Ctrl+C for good (seen once in CI). Nothing is served after close: end them all.
      server.closeAllConnections();
      await closed;
    },
  };
}
