// A stand-in for the `electron` module, for shell tests on machines without the Electron binary.
// It records what the shell asks of Electron so tests can assert the hardening.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: any[]) => any;

export class FakeSession extends EventEmitter {
  spellcheck = true;
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  beforeRequest: Handler | null = null;
  protocol = { handle: vi.fn() };
  webRequest = { onBeforeRequest: (f: Handler) => (this.beforeRequest = f) };
  clearStorageData = vi.fn(async () => {});
  clearCache = vi.fn(async () => {});
  constructor(
    readonly partition: string,
    readonly options: unknown,
  ) {
    super();
  }
  setSpellCheckerEnabled(v: boolean) {
    this.spellcheck = v;
  }
  setPermissionRequestHandler(h: Handler) {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: Handler) {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: Handler) {
    this.devicePermissionHandler = h;
  }
}

export const sessions = new Map<string, FakeSession>();

export const session = {
  fromPartition: vi.fn((partition: string, options?: unknown) => {
    let s = sessions.get(partition);
    if (!s) {
      s = new FakeSession(partition, options);
      sessions.set(partition, s);
    }
    return s;
  }),
};

/** The Chrome DevTools Protocol as webContents.debugger exposes it: commands recorded. */
export class FakeDebugger extends EventEmitter {
  attached: string | null = null;
  commands: { method: string; params: unknown }[] = [];
  attach(version: string) {
    this.attached = version;
  }
  sendCommand = vi.fn(async (method: string, params?: unknown) => {
    this.commands.push({ method, params });
    return {};
  });
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: Handler | null = null;
  send = vi.fn();
  readonly debugger = new FakeDebugger();
  constructor(readonly session: FakeSession) {
    super();
  }
  setWindowOpenHandler(h: Handler) {
    this.windowOpenHandler = h;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  destroyed = false;
  visible = false;
  loadURL = vi.fn(async () => {});
  constructor(readonly options: any) {
    super();
    this.webContents = new FakeWebContents(session.fromPartition(options.webPreferences.partition));
    BrowserWindow.instances.push(this);
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
  close() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  isVisible() {
    return this.visible;
  }
  show() {
    this.visible = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

export const displays = {
  primary: { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
  all: [{ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }] as { id: number; bounds: { x: number; y: number; width: number; height: number } }[],
};

export const screen = {
  getPrimaryDisplay: () => displays.primary,
  getAllDisplays: () => displays.all,
};

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  setPath: vi.fn(),
  enableSandbox: vi.fn(),
  commandLine: { appendSwitch: vi.fn() },
  whenReady: vi.fn(async () => {}),
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
  exit: vi.fn(),
});

export const protocol = { registerSchemesAsPrivileged: vi.fn() };
export const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'basic_text'),
  // A reversible stand-in for the OS encryption, enough to prove the key is wrapped and unwrapped.
  encryptString: vi.fn((s: string) => Buffer.from(Buffer.from(s).map((b) => b ^ 0xa5))),
  decryptString: vi.fn((b: Buffer) => Buffer.from(b.map((x) => x ^ 0xa5)).toString()),
};
export const crashReporter = { start: vi.fn() };
export const dialog = { showErrorBox: vi.fn() };
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() };

export function resetFakeElectron(): void {
  sessions.clear();
  BrowserWindow.instances = [];
  displays.all = [displays.primary];
  app.removeAllListeners();
  vi.clearAllMocks();
  safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
}
