// The online-application window against the fake electron module: its own in-memory session,
// navigation held to allowed https hosts, nothing downloaded or permitted, the upload field given
// the photo through the file-chooser interception, the session cleared when it closes.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('../../support/fake-electron.js'));
const fake = await import('../../support/fake-electron.js');
const { createOnlineWindowOpener, isAllowedOnlineUrl } = await import('../../../src/main/shell/online-window.js');

beforeEach(() => fake.resetFakeElectron());

describe('online-application window', () => {
  it('allows only https addresses on allowed hosts', () => {
    expect(isAllowedOnlineUrl('https://apply.example.jp/x', ['apply.example.jp'])).toBe(true);
    expect(isAllowedOnlineUrl('http://apply.example.jp/x', ['apply.example.jp'])).toBe(false);
    expect(isAllowedOnlineUrl('https://evil.example/x', ['apply.example.jp'])).toBe(false);
    expect(isAllowedOnlineUrl('https://apply.example.jp.evil.example/', ['apply.example.jp'])).toBe(false);
    expect(isAllowedOnlineUrl('javascript:alert(1)', ['apply.example.jp'])).toBe(false);
  });

  it('opens on a fresh in-memory session with the guards, and hands the photo to the upload field', async () => {
    const onClosed = vi.fn();
    const opener = createOnlineWindowOpener();
    opener.open({ url: 'https://apply.example.jp/start', allowHosts: ['apply.example.jp'], photoFile: '/run/user/1000/madoguchi/visit/1.jpg', onClosed });
    const win = fake.BrowserWindow.instances.at(-1)!;
    const prefs = win.options.webPreferences;
    expect(prefs.partition).toMatch(/^online-/);
    expect(prefs.partition.startsWith('persist:')).toBe(false);
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false, spellcheck: false });
    const ses = fake.sessions.get(prefs.partition)!;
    expect(ses.options).toEqual({ cache: false });
    expect(win.loadURL).toHaveBeenCalledWith('https://apply.example.jp/start');

    // Navigation: allowed host yes, anything else no.
    const nav = (url: string) => {
      const e = { preventDefault: vi.fn() };
      win.webContents.emit('will-navigate', e, url);
      return e.preventDefault.mock.calls.length === 0;
    };
    expect(nav('https://apply.example.jp/step2')).toBe(true);
    expect(nav('https://elsewhere.example/')).toBe(false);
    expect(nav('http://apply.example.jp/')).toBe(false);
    expect(win.webContents.windowOpenHandler!({ url: 'https://elsewhere.example/' })).toEqual({ action: 'deny' });
    // Downloads and permissions refused; plain http never loads.
    const dl = { preventDefault: vi.fn() };
    ses.emit('will-download', dl);
    expect(dl.preventDefault).toHaveBeenCalled();
    const perm = vi.fn();
    ses.permissionRequestHandler!(null, 'geolocation', perm);
    expect(perm).toHaveBeenCalledWith(false);
    const req = vi.fn();
    ses.beforeRequest!({ url: 'http://tracker.example/x.js' }, req);
    expect(req).toHaveBeenCalledWith({ cancel: true });

    // The page opens its file chooser: the photo goes in, no dialog.
    await new Promise((r) => setTimeout(r, 0));
    const cdp = win.webContents.debugger;
    expect(cdp.attached).toBe('1.3');
    expect(cdp.commands.map((c) => c.method)).toEqual(['Page.enable', 'Page.setInterceptFileChooserDialog']);
    cdp.emit('message', {}, 'Page.fileChooserOpened', { backendNodeId: 42, mode: 'selectSingle' });
    expect(cdp.commands.at(-1)).toEqual({ method: 'DOM.setFileInputFiles', params: { files: ['/run/user/1000/madoguchi/visit/1.jpg'], backendNodeId: 42 } });

    opener.closeAll();
    expect(onClosed).toHaveBeenCalledTimes(1);
    expect(ses.clearStorageData).toHaveBeenCalled();
  });

  it('refuses to open an address that is not allowed', () => {
    expect(() => createOnlineWindowOpener().open({ url: 'https://elsewhere.example/', allowHosts: ['apply.example.jp'], photoFile: null, onClosed: () => {} })).toThrow();
  });
});
