// The online-application window (⑤): the J-LIS site in a window of its own, on a fresh in-memory
// session (nothing persists: no cookies, cache, autofill or history left behind), its navigation
// held to the hosts in settings over https, downloads and permissions refused. The page's
// upload field is given the visit's photo through the DevTools protocol's file-chooser
// interception, so no file dialog shows the laptop's folders; the photo file is destroyed when
// the window closes.
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session } from 'electron';
import type { OnlineWindowOpener } from '../online/online-service.js';
import { handPhotoToUploadField } from './photo-handoff.js';

/** https, and a host staff allowed in settings: everything else is refused. */
export function isAllowedOnlineUrl(url: string, allowHosts: readonly string[]): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && allowHosts.includes(u.host);
  } catch {
    return false;
  }
}

export function createOnlineWindowOpener(): OnlineWindowOpener {
  const open = new Set<BrowserWindow>();
  return {
    open({ url, allowHosts, photoFile, onClosed }) {
      if (!isAllowedOnlineUrl(url, allowHosts)) throw new Error('online window: address not allowed');
      const partition = `online-${randomUUID()}`;
      const ses = session.fromPartition(partition, { cache: false });
      ses.setSpellCheckerEnabled(false);
      ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      ses.setPermissionCheckHandler(() => false);
      ses.setDevicePermissionHandler(() => false);
      ses.on('will-download', (event) => event.preventDefault());
      // The page may load its parts from elsewhere, but only over https.
      ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('https://') && !details.url.startsWith('devtools://') }));
      const win = new BrowserWindow({
        width: 1100,
        height: 900,
        title: 'オンライン申請 / Online application',
        autoHideMenuBar: true,
        webPreferences: {
          partition,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          webviewTag: false,
          spellcheck: false,
          devTools: false,
          safeDialogs: true,
          navigateOnDragDrop: false,
        },
      });
      open.add(win);
      const contents = win.webContents;
      const stay = (event: { preventDefault(): void }, target: string) => {
        if (!isAllowedOnlineUrl(target, allowHosts)) event.preventDefault();
      };
      contents.on('will-navigate', stay);
      contents.on('will-redirect', stay);
      contents.on('will-frame-navigate', (event) => stay(event, event.url));
      contents.on('will-attach-webview', (event) => event.preventDefault());
      // A link that opens a new window stays in this one, if allowed.
      contents.setWindowOpenHandler(({ url: next }) => {
        if (isAllowedOnlineUrl(next, allowHosts)) void win.loadURL(next);
        return { action: 'deny' };
      });
      if (photoFile) {
        const cdp = contents.debugger;
        cdp.attach('1.3');
        void handPhotoToUploadField(
          {
            send: (method, params) => cdp.sendCommand(method, params) as Promise<unknown>,
            onEvent: (listener) => cdp.on('message', (_event, method, params: Record<string, unknown>) => listener(method, params)),
          },
          photoFile,
        ).catch(() => undefined);
      }
      win.on('closed', () => {
        open.delete(win);
        void ses.clearStorageData();
        void ses.clearCache();
        onClosed();
      });
      void win.loadURL(url);
    },
    closeAll() {
      for (const w of open) if (!w.isDestroyed()) w.close();
    },
  };
}
