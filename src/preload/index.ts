// The sandboxed preload: exposes exactly one object, the contract bridge, to the renderer.
// No Node API crosses; payloads are validated again in the main process.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type Bridge, type CallResult } from '../shared/contract.js';

const bridge: Bridge = {
  call: (method, payload) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, payload) as Promise<CallResult>,
  subscribe: (listener) => {
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
