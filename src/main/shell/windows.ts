// The two windows. The console is an ordinary window on the laptop; the photo station goes
// full-screen kiosk on a second display when one is attached. Each citizen's visit runs in a
// fresh in-memory session partition, so nothing of one visit is there for the next.
import { randomUUID } from 'node:crypto';
import { BrowserWindow, screen, session, type BrowserWindowConstructorOptions, type Display, type Session } from 'electron';
import { WINDOW_ROUTES } from '../host/renderer-files.js';
import { APP_ORIGIN, guardContents, hardenSession, secureWebPreferences, type SessionPolicy } from './hardening.js';
import { serveAppProtocol } from './protocol.js';

export interface WindowDeps {
  preload: string;
  rendererDir: string;
  policy: SessionPolicy;
}

/** A non-persistent partition for one visit (no "persist:" prefix: memory only). */
export function visitPartition(): string {
  return `visit-${randomUUID()}`;
}

export function prepareSession(partition: string, deps: WindowDeps): Session {
  // cache: false — no HTTP cache at all for the app's sessions.
  const ses = session.fromPartition(partition, { cache: false });
  hardenSession(ses, deps.policy);
  serveAppProtocol(ses, deps.rendererDir);
  return ses;
}

export function externalDisplay(): Display | null {
  const primary = screen.getPrimaryDisplay();
  return screen.getAllDisplays().find((d) => d.id !== primary.id) ?? null;
}

/** Opens one app window on its own hardened session, loading the app at `route`. */
function openAppWindow(route: string, partition: string, options: BrowserWindowConstructorOptions, deps: WindowDeps): BrowserWindow {
  prepareSession(partition, deps);
  const win = new BrowserWindow({
    ...options,
    backgroundColor: '#f6f4ef',
    show: false,
    webPreferences: secureWebPreferences(deps.preload, partition),
  });
  guardContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}${route}`);
  return win;
}

export function createConsoleWindow(deps: WindowDeps): BrowserWindow {
  return openAppWindow(
    WINDOW_ROUTES.console,
    'console',
    { width: 1280, height: 800, minWidth: 1024, minHeight: 700, title: 'madoguchi 出張窓口' },
    deps,
  );
}

export function createStationWindow(deps: WindowDeps): BrowserWindow {
  const display = externalDisplay();
  const placement: BrowserWindowConstructorOptions = display
    ? { x: display.bounds.x, y: display.bounds.y, width: display.bounds.width, height: display.bounds.height, kiosk: true, fullscreen: true, frame: false }
    : { width: 1080, height: 810 };
  return openAppWindow(
    WINDOW_ROUTES.station,
    visitPartition(),
    { ...placement, title: 'madoguchi 撮影ステーション', autoHideMenuBar: true },
    deps,
  );
}

/**
 * Replaces the station window with one on a fresh partition (called when a visit ends), then
 * clears and closes the old one. The new window is shown before the old goes, so the citizen
 * never sees a gap.
 */
export async function renewStationWindow(old: BrowserWindow | null, deps: WindowDeps): Promise<BrowserWindow> {
  const next = createStationWindow(deps);
  if (old && !old.isDestroyed()) {
    const oldSession = old.webContents.session;
    await new Promise<void>((resolve) => {
      if (next.isVisible()) resolve();
      else next.once('ready-to-show', () => resolve());
    });
    old.destroy();
    await oldSession.clearStorageData();
    await oldSession.clearCache();
  }
  return next;
}
