// The composition root shared by both transports: services built from their dependencies, and
// the handlers the contract dispatches to. Nothing here knows about Electron or WebSockets.
import type { AppStatus, StoreStatus } from '../shared/contract.js';
import { createDispatch, type Dispatch, type Handlers } from './contract/dispatch.js';
import { DayService } from './day/day-service.js';
import { appMode, deviceStatuses, type DeviceSet } from './devices/devices.js';
import { EscPos } from './devices/ticket-printer/escpos.js';
import { runDoctor, type DoctorEnv } from './doctor/doctor.js';
import { EventBus } from './event-bus.js';
import { VisitService } from './visit/visit-service.js';
import type { Logger } from './log.js';
import type { DataPaths } from './paths.js';
import { DEFAULT_SCRYPT, passphraseWrapper, type ScryptCost } from './store/key-wrap.js';
import type { StoreKeeper } from './store/store.js';

export interface AppDeps {
  version: string;
  host: AppStatus['host'];
  paths: DataPaths;
  devices: DeviceSet;
  doctorEnv: DoctorEnv;
  now: () => Date;
  log: Logger;
  store: StoreKeeper;
  /** scrypt cost for passphrase wrapping; tests lower it. */
  scrypt?: ScryptCost;
  /** Where visits' temporary files go (RAM-backed where the OS has it). */
  visitTempRoot: string;
  visitTimeoutMinutes?: number;
}

export interface App {
  dispatch: Dispatch;
  bus: EventBus;
  handlers: Handlers;
  visits: VisitService;
  /** At start-up: wipe what a visit left if the app stopped in the middle of one. */
  recover(): Promise<void>;
  close(): Promise<void>;
}

function hhmm(d: Date): string {
  return d.toLocaleString('ja-JP', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function testTicket(now: Date): Uint8Array {
  return new EscPos()
    .align('center')
    .bold(true)
    .line('マイナンバーカード 出張申請窓口')
    .bold(false)
    .line('My Number Card pop-up counter')
    .rule()
    .line('テスト印刷 / Test print')
    .size(3, 3)
    .line('000')
    .size(1, 1)
    .line(hhmm(now))
    .rule()
    .feed(3)
    .cut()
    .bytes();
}

export function storeStatus(store: StoreKeeper): StoreStatus {
  const s = store.status();
  return {
    state: s.state,
    wrap: s.state === 'open' || s.state === 'locked' ? s.wrap : null,
    wipedAt: s.state === 'wiped' ? s.wipedAt : null,
    retryDelaySeconds: s.state === 'locked' ? Math.ceil(store.retryDelayMs() / 1000) : 0,
  };
}

export function createApp(deps: AppDeps): App {
  const bus = new EventBus();
  const day = new DayService(bus, deps.now);
  const { devices } = deps;
  const visits = new VisitService({
    camera: devices.camera,
    photoPrinter: devices.photoPrinter,
    store: deps.store,
    // Both hosts hear this: the browser station clears its storage, the shell renews its session.
    resetStation: () => bus.emit('station.reset', {}),
    now: deps.now,
    log: deps.log,
    paths: deps.paths,
    bus,
    tempRoot: deps.visitTempRoot,
    timeoutMinutes: deps.visitTimeoutMinutes ?? 30,
  });
  const visitState = () => ({ visit: visits.current(), blocked: visits.isBlocked() });

  const handlers: Handlers = {
    'app.status': () => ({
      version: deps.version,
      mode: appMode(devices),
      devices: deviceStatuses(devices),
      host: deps.host,
      dataDir: deps.paths.root,
    }),
    'doctor.run': () => runDoctor(deps.doctorEnv),
    'store.status': () => storeStatus(deps.store),
    'store.unlock': async ({ passphrase }) => {
      try {
        await deps.store.unlock(passphraseWrapper(passphrase, deps.scrypt ?? DEFAULT_SCRYPT, deps.now));
        visits.flushPendingRecovery();
      } finally {
        bus.emit('store.changed', storeStatus(deps.store));
      }
      return storeStatus(deps.store);
    },
    'day.get': () => day.current(),
    'day.open': (input) => day.open(input),
    'day.close': async () => {
      if (visits.current()) await visits.end('day-closed', 'console');
      return day.close();
    },
    'visit.get': () => visitState(),
    'visit.start': () => visits.start(),
    'visit.end': () => visits.end('ended', 'console'),
    'visit.recheckCamera': async () => {
      await visits.recheckCamera();
      return visitState();
    },
    'station.get': () => day.station(),
    'camera.snapshot': async () => {
      const jpeg = await devices.camera.preview();
      return { mime: 'image/jpeg' as const, base64: jpeg.toString('base64'), simulated: devices.camera.simulated };
    },
    'ticketPrinter.testPrint': async () => {
      const bytes = testTicket(deps.now());
      const { preview } = await devices.ticketPrinter.print(bytes);
      return { simulated: devices.ticketPrinter.simulated, bytes: bytes.length, preview };
    },
  };

  return {
    dispatch: createDispatch(handlers, deps.log),
    bus,
    handlers,
    visits,
    recover: async () => {
      await visits.recoverAfterCrash();
      visits.flushPendingRecovery();
    },
    close: async () => {
      visits.dispose();
      deps.store.close();
      await devices.camera.close();
    },
  };
}
