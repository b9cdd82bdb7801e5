// The contract over a WebSocket to the browser host. Reconnects with backoff; a call made while
// disconnected fails at once with a clear error rather than hanging.
import type { Bridge, CallResult, WireMessage } from '../../shared/contract.js';
import { standardMessages } from '../../shared/errors.js';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WsBridge extends Bridge {
  onState(listener: (s: ConnectionState) => void): () => void;
  close(): void;
}

const CALL_TIMEOUT_MS = 60_000;

export function createWsBridge(url: string): WsBridge {
  let ws: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let retry = 0;
  let stopped = false;
  const pending = new Map<number, { resolve: (r: CallResult) => void; timer: ReturnType<typeof setTimeout> }>();
  const eventListeners = new Set<(name: string, payload: unknown) => void>();
  const stateListeners = new Set<(s: ConnectionState) => void>();

  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of stateListeners) l(s);
  };
  const disconnected = (): CallResult => ({ ok: false, error: { code: 'unavailable', message: standardMessages.disconnected } });

  const connect = () => {
    setState('connecting');
    const sock = new WebSocket(url);
    ws = sock;
    sock.onopen = () => {
      retry = 0;
      setState('open');
    };
    sock.onmessage = (ev) => {
      let msg: WireMessage;
      try {
        msg = JSON.parse(String(ev.data)) as WireMessage;
      } catch {
        return;
      }
      if (msg.kind === 'event') {
        for (const l of eventListeners) l(msg.name, msg.payload);
      } else if (msg.id !== null) {
        const p = pending.get(msg.id);
        if (p) {
          pending.delete(msg.id);
          clearTimeout(p.timer);
          p.resolve(msg.ok ? { ok: true, result: msg.result } : { ok: false, error: msg.error });
        }
      }
    };
    sock.onclose = () => {
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.resolve(disconnected());
        pending.delete(id);
      }
      setState('closed');
      if (!stopped) {
        // 0.5 s, 1 s, 2 s … up to 10 s between attempts.
        const delay = Math.min(10_000, 500 * 2 ** retry);
        retry += 1;
        setTimeout(connect, delay);
      }
    };
  };
  connect();

  return {
    call(method, payload) {
      if (!ws || state !== 'open') return Promise.resolve(disconnected());
      const id = nextId++;
      return new Promise<CallResult>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(disconnected());
        }, CALL_TIMEOUT_MS);
        pending.set(id, { resolve, timer });
        ws?.send(JSON.stringify({ id, method, payload }));
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
    close() {
      stopped = true;
      ws?.close();
    },
  };
}
