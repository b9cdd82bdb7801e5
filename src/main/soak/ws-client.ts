// A window's side of the browser host's WebSocket, for the soak and the fault tests: calls and
// their replies, and the events the host pushes (frames, state changes).
import WebSocket from 'ws';
import type { Text } from '../../shared/text.js';

interface Reply {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: Text };
}

/** A call the app answered with an error: its code and what the screen would say. */
export class CallError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    readonly told: Text,
  ) {
    super(`${method}: ${code} ${told.en}`);
  }
}

export class Client {
  private next = 1;
  private readonly waiting = new Map<number, (m: Reply) => void>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private closed = false;
  constructor(readonly ws: WebSocket) {
    // The host went away (stopped, or killed): every call still waiting fails, none hangs.
    ws.on('close', () => {
      this.closed = true;
      for (const [, answer] of this.waiting) answer({ ok: false, error: { code: 'closed', message: { ja: '接続が切れました。', en: 'the connection closed' } } });
      this.waiting.clear();
    });
    ws.on('message', (data) => {
      const raw = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data));
      const m = JSON.parse(raw.toString('utf8')) as Reply & { kind: string; id: number; name?: string; payload?: unknown };
      if (m.kind === 'reply') this.waiting.get(m.id)?.(m);
      else if (m.kind === 'event' && m.name) for (const fn of this.listeners.get(m.name) ?? []) fn(m.payload);
    });
  }
  static open(url: string, origin: string): Promise<Client> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers: { Origin: origin } });
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
    });
  }
  /** Listens to one event; the returned function stops listening. */
  on(name: string, fn: (payload: unknown) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(fn);
    this.listeners.set(name, set);
    return () => set.delete(fn);
  }
  call<T>(method: string, payload: unknown): Promise<T> {
    const id = this.next++;
    if (this.closed) return Promise.reject(new CallError(method, 'closed', { ja: '接続が切れました。', en: 'the connection closed' }));
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, (m) => {
        this.waiting.delete(id);
        if (m.ok) resolve(m.result as T);
        else reject(new CallError(method, m.error?.code ?? 'unknown', m.error?.message ?? { ja: '', en: '' }));
      });
      this.ws.send(JSON.stringify({ id, method, payload }));
    });
  }
}
