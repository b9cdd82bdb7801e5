import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../src/main/host/browser-host.js';
import { silentLogger } from '../../../src/main/log.js';
import { makeEvent, readyApp, tempDir } from '../../support/test-app.js';

let host: BrowserHost;
let eventId = 0;

function rendererDir(): string {
  const dir = tempDir('madoguchi-renderer-');
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

beforeEach(async () => {
  const { app } = await readyApp();
  eventId = await makeEvent(app);
  host = await startBrowserHost({ app, rendererDir: rendererDir(), log: silentLogger });
});
afterEach(async () => {
  await host.close();
});

function tokenOf(role: 'console' | 'station'): string {
  return new URL(host.urls[role]).hash.replace('#token=', '');
}

function wsUrl(token: string | null): string {
  const u = new URL('/ws', host.origin.replace('http', 'ws'));
  if (token !== null) u.searchParams.set('token', token);
  return u.toString();
}

/** Opens a socket; resolves with it, or rejects with the HTTP status of a refused upgrade. */
function open(url: string, headers: Record<string, string> = { Origin: host.origin }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function rpc(ws: WebSocket, frame: string): Promise<any> {
  return new Promise((resolve) => {
    const onMsg = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString());
      if (msg.kind === 'reply') {
        ws.off('message', onMsg);
        resolve(msg);
      }
    };
    ws.on('message', onMsg);
    ws.send(frame);
  });
}

const call = (ws: WebSocket, id: number, method: string, payload: unknown) => rpc(ws, JSON.stringify({ id, method, payload }));

describe('browser host: who may connect', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host.origin).hostname).toBe('127.0.0.1');
    expect(host.urls.console).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console#token=[\w-]{40,}$/);
    expect(host.urls.station).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/station#token=[\w-]{40,}$/);
    expect(tokenOf('console')).not.toBe(tokenOf('station'));
  });

  it('refuses a connection without a token', async () => {
    await expect(open(wsUrl(null))).rejects.toThrow('HTTP 401');
  });

  it('refuses a wrong token', async () => {
    await expect(open(wsUrl('x'.repeat(43)))).rejects.toThrow('HTTP 401');
    await expect(open(wsUrl(tokenOf('console').slice(0, -1)))).rejects.toThrow('HTTP 401');
  });

  it('refuses another Origin, and a missing Origin, even with the right token', async () => {
    await expect(open(wsUrl(tokenOf('console')), { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(open(wsUrl(tokenOf('console')), { Origin: 'http://127.0.0.1:1' })).rejects.toThrow('HTTP 403');
    await expect(open(wsUrl(tokenOf('console')), {})).rejects.toThrow('HTTP 403');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    await expect(open(wsUrl(tokenOf('console')), { Origin: host.origin, Host: 'evil.example' })).rejects.toThrow('HTTP 404');
    const u = new URL(host.origin);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get({ host: u.hostname, port: Number(u.port), path: '/console', headers: { Host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('accepts the right token and Origin', async () => {
    const ws = await open(wsUrl(tokenOf('console')));
    expect(await call(ws, 1, 'app.status', {})).toMatchObject({ kind: 'reply', id: 1, ok: true, result: { host: 'browser', mode: 'demo' } });
    ws.close();
  });
});

describe('browser host: malformed calls get typed errors and the host keeps serving', () => {
  it('answers non-JSON, wrong shapes, unknown methods, wrong types and 10 MB strings', async () => {
    const ws = await open(wsUrl(tokenOf('console')));
    expect(await rpc(ws, '{not json')).toMatchObject({ id: null, ok: false, error: { code: 'bad_request' } });
    expect(await rpc(ws, JSON.stringify({ id: 3, payload: {} }))).toMatchObject({ id: 3, ok: false, error: { code: 'bad_request' } });
    expect(await call(ws, 4, 'no.such', {})).toMatchObject({ id: 4, ok: false, error: { code: 'unknown_method' } });
    expect(await call(ws, 5, 'day.open', { eventId: 'one', staffIds: [] })).toMatchObject({
      id: 5,
      ok: false,
      error: { code: 'bad_request', issues: [{ path: 'eventId' }] },
    });
    const huge = 'x'.repeat(10 * 1024 * 1024);
    expect(await call(ws, 6, 'day.open', { eventId: 1, staffIds: [], note: huge })).toMatchObject({
      id: 6,
      ok: false,
      error: { code: 'too_large' },
    });
    // Still serving, on the same socket:
    expect(await call(ws, 7, 'day.get', {})).toEqual({ kind: 'reply', id: 7, ok: true, result: null });
    ws.close();
  });

  it('lets the station token make only station calls', async () => {
    const ws = await open(wsUrl(tokenOf('station')));
    expect(await call(ws, 1, 'day.open', { eventId, staffIds: [] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(ws, 2, 'doctor.run', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(ws, 3, 'station.get', {})).toMatchObject({ ok: true, result: { dayOpen: false } });
    ws.close();
  });
});

describe('browser host: events reach only the windows allowed to hear them', () => {
  it('sends day.changed to the console only, station.changed to both', async () => {
    const consoleWs = await open(wsUrl(tokenOf('console')));
    const stationWs = await open(wsUrl(tokenOf('station')));
    const heard: Record<string, string[]> = { console: [], station: [] };
    consoleWs.on('message', (d) => {
      const m = JSON.parse(d.toString());
      if (m.kind === 'event') heard.console!.push(m.name);
    });
    stationWs.on('message', (d) => {
      const m = JSON.parse(d.toString());
      if (m.kind === 'event') heard.station!.push(m.name);
    });
    await call(consoleWs, 1, 'day.open', { eventId, staffIds: [] });
    await call(stationWs, 2, 'station.get', {}); // a round-trip so pending events have arrived
    expect(heard.console).toEqual(['day.changed', 'station.changed']);
    expect(heard.station).toEqual(['station.changed']);
    consoleWs.close();
    stationWs.close();
  });
});

describe('browser host: HTTP', () => {
  it('serves both windows with a strict CSP and no caching', async () => {
    for (const route of ['/console', '/station']) {
      const res = await fetch(host.origin + route);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('never serves outside the renderer folder', async () => {
    for (const p of ['/assets/../index.html', '/assets/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fetc%2fpasswd', '/package.json', '/']) {
      const res = await fetch(host.origin + p);
      expect([404, 400]).toContain(res.status);
    }
    expect((await fetch(`${host.origin}/assets/app.js`)).status).toBe(200);
    expect((await fetch(`${host.origin}/console`, { method: 'POST' })).status).toBe(405);
  });
});

describe('browser host: closing', () => {
  // Ctrl+C on `serve`, with the browser still open: a page's connection in the middle of a request
  // (headers half sent), one opened ahead and never used (Chromium preconnects), a keep-alive one
  // and a WebSocket must not hold the host open.
  it('closes with browsers still connected, whatever their connections are doing', async () => {
    const ws = await open(wsUrl(tokenOf('station')));
    const wsClosed = new Promise((resolve) => ws.once('close', resolve));
    const url = new URL(host.origin);
    const raw = (first: string) =>
      new Promise<net.Socket>((resolve) => {
        const s = net.connect(Number(url.port), url.hostname, () => {
          if (first) s.write(first);
          resolve(s);
        });
        s.on('error', () => undefined);
      });
    const halfSent = await raw(`GET /console HTTP/1.1\r\nHost: ${url.host}\r\n`);
    const unused = await raw('');
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) => http.get(`${host.origin}/console`, { agent }, (res) => res.resume().on('end', () => resolve())));
    const closedAt = performance.now();
    await host.close();
    // (The suite's own close afterwards finds it closed already.)
    expect(performance.now() - closedAt).toBeLessThan(5000);
    await wsClosed;
    for (const s of [halfSent, unused]) expect(s.destroyed || s.readableEnded).toBe(true);
    agent.destroy();
  });
});
