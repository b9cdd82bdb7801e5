// The contract over Electron IPC. Every call's sender frame must be the app's own top-level
// page; its route decides which window it is, and so which calls it may make.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { events, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallResult, type EventName, type WindowRole } from '../../shared/contract.js';
import { standardMessages } from '../../shared/errors.js';
import type { App } from '../app.js';
import { windowForPath } from '../host/renderer-files.js';
import type { Logger } from '../log.js';
import { isAppUrl } from './hardening.js';

export function windowRoleOf(frameUrl: string | undefined): WindowRole | null {
  if (!frameUrl || !isAppUrl(frameUrl)) return null;
  return windowForPath(new URL(frameUrl).pathname);
}

export function senderRole(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): WindowRole | null {
  const frame = event.senderFrame;
  // Only the top frame speaks for a window; there are no sub-frames, and none may call.
  if (!frame || frame.parent) return null;
  return windowRoleOf(frame.url);
}

export function registerIpc(app: App, log: Logger): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, payload: unknown): Promise<CallResult> => {
    const role = senderRole(event);
    if (!role) {
      log.warn('ipc.refused', { reason: 'sender' });
      return { ok: false, error: { code: 'forbidden', message: standardMessages.forbidden } };
    }
    return app.dispatch(method, payload, { window: role });
  });
  return () => ipcMain.removeHandler(IPC_CALL_CHANNEL);
}

/** Forwards bus events to the windows the contract allows. */
export function forwardEvents(app: App, windows: () => Partial<Record<WindowRole, BrowserWindow | null>>): () => void {
  return app.bus.subscribe((name: EventName, payload) => {
    const open = windows();
    for (const role of events[name].windows) {
      const win = open[role];
      if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  });
}
