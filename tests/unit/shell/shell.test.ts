// The Electron shell, against a fake `electron` module: these machines cannot download the
// Electron binary, so the hardening is asserted on what the shell asks Electron to do.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import * as fake from '../../support/fake-electron.js';
import { makeEvent, readyApp, repoRoot, tempDir, testApp } from '../../support/test-app.js';

vi.mock('electron', async () => await import('../../support/fake-electron.js'));

const { secureWebPreferences, hardenSession, guardContents, allowPermission, isAppUrl } = await import('../../../src/main/shell/hardening.js');
const { registerIpc, senderRole, forwardEvents } = await import('../../../src/main/shell/ipc.js');
const { appResponse } = await import('../../../src/main/shell/protocol.js');
const { pointChromiumAtRam } = await import('../../../src/main/shell/ram-paths.js');
const { createStationWindow, renewStationWindow } = await import('../../../src/main/shell/windows.js');
const { runShell, electronKeyStore } = await import('../../../src/main/shell/shell.js');

beforeEach(() => fake.resetFakeElectron());

const deps = () => ({ preload: '/app/dist/preload/index.cjs', rendererDir: path.join(repoRoot, 'dist', 'renderer'), policy: { webcamFallback: false } });

describe('web preferences', () => {
  it('isolates, sandboxes and disables everything the UI does not need', () => {
    const p = secureWebPreferences('/p.cjs', 'visit-1');
    expect(p).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: true, // not packaged in tests
    });
  });

  it('has no devtools in packaged builds', () => {
    fake.app.isPackaged = true;
    try {
      expect(secureWebPreferences('/p.cjs', 'visit-1').devTools).toBe(false);
    } finally {
      fake.app.isPackaged = false;
    }
  });

  it('never uses a persistent partition', () => {
    expect(() => secureWebPreferences('/p.cjs', 'persist:visit')).toThrow();
  });
});

describe('session hardening', () => {
  it('turns spellcheck off, denies permissions and devices, blocks the network', () => {
    const ses = new fake.FakeSession('visit-x', {});
    hardenSession(ses as never, { webcamFallback: false });
    expect(ses.spellcheck).toBe(false);
    const answer = vi.fn();
    ses.permissionRequestHandler!(null, 'media', answer, { requestingUrl: 'app://madoguchi/station', mediaTypes: ['video'] });
    expect(answer).toHaveBeenCalledWith(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const a = vi.fn();
      ses.permissionRequestHandler!(null, p, a, { requestingUrl: 'app://madoguchi/console' });
      expect(a).toHaveBeenCalledWith(false);
    }
    expect(ses.devicePermissionHandler!()).toBe(false);
    const cb = vi.fn();
    ses.beforeRequest!({ url: 'https://example.com/x' }, cb);
    expect(cb).toHaveBeenLastCalledWith({ cancel: true });
    ses.beforeRequest!({ url: 'app://madoguchi/assets/app.js' }, cb);
    expect(cb).toHaveBeenLastCalledWith({ cancel: false });
  });

  it('allows the camera only for the app origin, video only, when the webcam fallback is on', () => {
    const on = { webcamFallback: true };
    expect(allowPermission('media', 'app://madoguchi/station', ['video'], on)).toBe(true);
    expect(allowPermission('media', 'app://madoguchi/station', ['video', 'audio'], on)).toBe(false);
    expect(allowPermission('media', 'https://evil.example/', ['video'], on)).toBe(false);
    expect(allowPermission('media', 'app://other/station', ['video'], on)).toBe(false);
    expect(allowPermission('media', 'app://madoguchi/station', ['video'], { webcamFallback: false })).toBe(false);
    expect(allowPermission('geolocation', 'app://madoguchi/station', [], on)).toBe(false);
  });

  it('recognises only app://madoguchi as the app', () => {
    expect(isAppUrl('app://madoguchi/console')).toBe(true);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('app://madoguchi.evil/console')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('navigation, window.open and webview', () => {
  it('denies them all', () => {
    const wc = new fake.FakeWebContents(new fake.FakeSession('p', {}));
    guardContents(wc as never);
    const ev = () => ({ preventDefault: vi.fn() });
    const outside = ev();
    wc.emit('will-navigate', outside, 'https://evil.example/');
    expect(outside.preventDefault).toHaveBeenCalled();
    const inside = ev();
    wc.emit('will-navigate', inside, 'app://madoguchi/console');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const redirect = ev();
    wc.emit('will-redirect', redirect, 'http://127.0.0.1:9/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const frame = { ...ev(), url: 'https://evil.example/' };
    wc.emit('will-frame-navigate', frame);
    expect(frame.preventDefault).toHaveBeenCalled();
    const webview = ev();
    wc.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(wc.windowOpenHandler!({ url: 'app://madoguchi/console' })).toEqual({ action: 'deny' });
  });
});

describe('IPC', () => {
  it('checks the sender frame and answers strangers with forbidden', async () => {
    const { app } = testApp();
    registerIpc(app, (await import('../../../src/main/log.js')).silentLogger);
    const [channel, handler] = fake.ipcMain.handle.mock.calls[0]!;
    expect(channel).toBe('madoguchi:call');
    const from = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
    expect(await handler(from('app://madoguchi/console'), 'day.get', {})).toEqual({ ok: true, result: null });
    expect(await handler(from('https://evil.example/console'), 'day.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handler(from('app://madoguchi/console', {}), 'day.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handler({ senderFrame: null }, 'day.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The station page may make station calls only.
    expect(await handler(from('app://madoguchi/station'), 'day.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handler(from('app://madoguchi/station'), 'station.get', {})).toMatchObject({ ok: true });
    // Payloads are validated behind IPC too.
    expect(await handler(from('app://madoguchi/console'), 'day.open', { eventId: 'five' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(senderRole(from('app://madoguchi/other') as never)).toBeNull();
  });

  it('forwards events only to the windows allowed to hear them', async () => {
    const { app } = await readyApp();
    const consoleWin = new fake.BrowserWindow({ webPreferences: { partition: 'console' } });
    const stationWin = new fake.BrowserWindow({ webPreferences: { partition: 'visit-1' } });
    const eventId = await makeEvent(app);
    forwardEvents(app, () => ({ console: consoleWin as never, station: stationWin as never }));
    await app.dispatch('day.open', { eventId, staffIds: [] }, { window: 'console' });
    expect(consoleWin.webContents.send.mock.calls.map((c) => c[1])).toEqual(['day.changed', 'station.changed']);
    expect(stationWin.webContents.send.mock.calls.map((c) => c[1])).toEqual(['station.changed']);
  });
});

describe('app:// protocol', () => {
  it('serves the UI with a strict CSP and 404s anything else', async () => {
    const dir = tempDir();
    (await import('node:fs')).writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    const ok = await appResponse(dir, 'app://madoguchi/console');
    expect(ok.status).toBe(200);
    const csp = ok.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/unsafe-(eval|inline)/);
    expect((await appResponse(dir, 'app://other/console')).status).toBe(404);
    expect((await appResponse(dir, 'app://madoguchi/assets/../../etc/passwd')).status).toBe(404);
  });
});

describe('RAM-backed Chromium folders', () => {
  it('points userData, sessionData, crashDumps and temp at the RAM folder', () => {
    const ram = tempDir();
    const r = pointChromiumAtRam(fake.app, ram);
    expect(r).toEqual({ root: ram, ramBacked: true });
    expect(fake.app.setPath.mock.calls.map((c) => c[0]).sort()).toEqual(['crashDumps', 'sessionData', 'temp', 'userData']);
    for (const [, dir] of fake.app.setPath.mock.calls) expect(String(dir).startsWith(ram)).toBe(true);
  });

  it('says so when the OS has no RAM-backed folder', () => {
    expect(pointChromiumAtRam(fake.app as never, null).ramBacked).toBe(false);
  });
});

describe('windows', () => {
  it('opens the station as a normal window with one display, kiosk on the second display', () => {
    const plain = createStationWindow(deps()) as unknown as fake.BrowserWindow;
    expect(plain.options.kiosk).toBeUndefined();
    fake.displays.all = [fake.displays.primary, { id: 2, bounds: { x: 1920, y: 0, width: 1080, height: 1920 } }];
    const kiosk = createStationWindow(deps()) as unknown as fake.BrowserWindow;
    expect(kiosk.options).toMatchObject({ kiosk: true, fullscreen: true, x: 1920, y: 0, width: 1080, height: 1920 });
    expect(kiosk.loadURL).toHaveBeenCalledWith('app://madoguchi/station');
  });

  it('gives each visit a fresh in-memory partition and clears the old one', async () => {
    const first = createStationWindow(deps()) as unknown as fake.BrowserWindow;
    first.visible = true;
    const oldSession = first.webContents.session;
    const pending = renewStationWindow(first as never, deps());
    const second = fake.BrowserWindow.instances.at(-1)!;
    second.emit('ready-to-show');
    await pending;
    const p1 = first.options.webPreferences.partition;
    const p2 = second.options.webPreferences.partition;
    expect(p1).toMatch(/^visit-/);
    expect(p2).toMatch(/^visit-/);
    expect(p2).not.toBe(p1);
    expect(first.destroyed).toBe(true);
    expect(oldSession.clearStorageData).toHaveBeenCalled();
    expect(oldSession.clearCache).toHaveBeenCalled();
    // The shell creates each session (with the HTTP cache off) before its window looks it up.
    for (const [partition, ses] of fake.sessions) {
      expect(partition).not.toMatch(/^persist:/);
      expect(ses.options).toEqual({ cache: false });
    }
  });
});

describe('runShell', () => {
  it('boots the app with hardening in place before the first window', async () => {
    const dataDir = tempDir();
    const shell = await runShell(['--data-dir', dataDir, '--demo']);
    expect(shell).not.toBeNull();
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(fake.app.commandLine.appendSwitch).toHaveBeenCalledWith('disable-http-cache');
    expect(fake.app.commandLine.appendSwitch).toHaveBeenCalledWith('lang', 'ja');
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([expect.objectContaining({ scheme: 'app' })]);
    expect(fake.crashReporter.start).not.toHaveBeenCalled();
    expect(fake.ipcMain.handle).toHaveBeenCalledWith('madoguchi:call', expect.any(Function));
    const [consoleWin, stationWin] = fake.BrowserWindow.instances;
    expect(consoleWin!.loadURL).toHaveBeenCalledWith('app://madoguchi/console');
    expect(stationWin!.loadURL).toHaveBeenCalledWith('app://madoguchi/station');
    for (const w of fake.BrowserWindow.instances) {
      expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(w.webContents.session.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
      expect(w.webContents.session.spellcheck).toBe(false);
    }
    expect(shell!.booted.paths.root).toBe(dataDir);
    // Every web contents gets the navigation guard, including ones the app did not expect.
    const stray = new fake.FakeWebContents(new fake.FakeSession('stray', {}));
    fake.app.emit('web-contents-created', {}, stray);
    expect(stray.windowOpenHandler!({})).toEqual({ action: 'deny' });
  });

  it('opens the store with a real OS key store, and leaves it for the passphrase with basic_text', async () => {
    const original = process.platform;
    Object.defineProperty(process, 'platform', { value: 'linux' });
    try {
      const plain = await runShell(['--data-dir', tempDir(), '--demo']);
      expect(plain!.booted.store.status()).toEqual({ state: 'new' });
      fake.resetFakeElectron();
      fake.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
      const dataDir = tempDir();
      const secure = await runShell(['--data-dir', dataDir, '--demo']);
      expect(secure!.booted.store.status()).toEqual({ state: 'open', wrap: 'os-key-store' });
      expect(fake.safeStorage.encryptString).toHaveBeenCalled();
      secure!.booted.store.close();
      fake.resetFakeElectron();
      fake.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
      const again = await runShell(['--data-dir', dataDir, '--demo']);
      expect(again!.booted.store.status()).toEqual({ state: 'open', wrap: 'os-key-store' });
      expect(fake.safeStorage.decryptString).toHaveBeenCalled();
      again!.booted.store.close();
    } finally {
      Object.defineProperty(process, 'platform', { value: original });
    }
  });

  it('gives the station a fresh session when a visit ends', async () => {
    const shell = await runShell(['--data-dir', tempDir(), '--demo']);
    const before = shell!.station as unknown as fake.BrowserWindow;
    before.visible = true;
    shell!.booted.app.bus.emit('station.reset', {});
    const after = fake.BrowserWindow.instances.at(-1)!;
    after.emit('ready-to-show');
    await vi.waitFor(() => expect(before.destroyed).toBe(true));
    expect(after.options.webPreferences.partition).not.toBe(before.options.webPreferences.partition);
    expect(before.webContents.session.clearStorageData).toHaveBeenCalled();
    expect(shell!.station).toBe(after);
  });

  it('lets the station’s webcam through from the lead’s choice on, without a restart', async () => {
    const shell = await runShell(['--data-dir', tempDir(), '--demo']);
    const app = shell!.booted.app;
    const ses = (shell!.station as unknown as fake.BrowserWindow).webContents.session;
    const asked = () => {
      const answer = vi.fn();
      ses.permissionRequestHandler!(null, 'media', answer, { requestingUrl: 'app://madoguchi/station', mediaTypes: ['video'] });
      return answer.mock.calls[0]?.[0] as boolean;
    };
    const must = async (method: string, payload: unknown) => {
      const r = await app.dispatch(method, payload, { window: 'console' });
      if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
      return r.result;
    };
    expect(asked()).toBe(false);
    await must('store.unlock', { passphrase: 'correct horse battery' });
    const lead = (await must('staff.add', { displayName: '山田 花子', role: 'lead', pin: '482913' })) as { id: number };
    await must('session.signIn', { staffId: lead.id, pin: '482913' });
    await must('camera.setWebcam', { on: true });
    expect(asked()).toBe(true);
    await must('camera.setWebcam', { on: false });
    expect(asked()).toBe(false);
    shell!.booted.store.close();
  }, 30_000);

  it('reports basic_text as an insecure key store', () => {
    const original = process.platform;
    Object.defineProperty(process, 'platform', { value: 'linux' });
    try {
      expect(electronKeyStore()).toEqual({ backend: 'basic_text', secure: false });
      fake.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
      expect(electronKeyStore()).toEqual({ backend: 'gnome_libsecret', secure: true });
    } finally {
      Object.defineProperty(process, 'platform', { value: original });
    }
  });
});

describe('packaging fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and inspect; loads only from an integrity-checked asar', () => {
    const cfg = parse(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8'));
    expect(cfg.asar).toBe(true);
    expect(cfg.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
