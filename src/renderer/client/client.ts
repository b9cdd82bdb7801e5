// The one typed client the screens use, over whichever bridge this window has: the preload's
// (Electron) or the WebSocket's (browser host).
import { BRIDGE_GLOBAL, type Bridge, type MadoguchiClient, type WindowRole } from '../../shared/contract.js';
import type { ErrorBody } from '../../shared/errors.js';
import { createWsBridge, type ConnectionState } from './ws-bridge.js';

export class ClientError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message.en);
    this.name = 'ClientError';
  }
}

export function createClient(bridge: Bridge): MadoguchiClient {
  return {
    async call(method, input) {
      const r = await bridge.call(method, input);
      if (!r.ok) throw new ClientError(r.error);
      return r.result as never;
    },
    on(name, listener) {
      return bridge.subscribe((n, payload) => {
        if (n === name) listener(payload as never);
      });
    },
  };
}

export interface Connection {
  client: MadoguchiClient;
  window: WindowRole;
  /** Connection state; Electron IPC is always open. */
  onState(listener: (s: ConnectionState) => void): () => void;
}

export function windowFromLocation(pathname: string): WindowRole {
  return pathname.startsWith('/station') ? 'station' : 'console';
}

export function connect(): Connection {
  const window_ = windowFromLocation(location.pathname);
  const injected = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] as Bridge | undefined;
  if (injected) {
    return { client: createClient(injected), window: window_, onState: (l) => (l('open'), () => {}) };
  }
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const ws = createWsBridge(`ws://${location.host}/ws?token=${encodeURIComponent(token)}`);
  return { client: createClient(ws), window: window_, onState: (l) => ws.onState(l) };
}
