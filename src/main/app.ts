// The composition root shared by both transports: services built from their dependencies, and
// the handlers the contract dispatches to. Nothing here knows about Electron or WebSockets.
import type { AppStatus, StoreStatus } from '../shared/contract.js';
import { createDispatch, type CallContext, type Dispatch, type Handlers } from './contract/dispatch.js';
import { DayService } from './day/day-service.js';
import { deviceStatuses, type DeviceSet } from './devices/devices.js';
import { appModeOf, cameraInUse } from '../shared/app-mode.js';
import { EscPos } from './devices/ticket-printer/escpos.js';
import { printReceipt } from './devices/ticket-printer/ticket-printer.js';
import { dayTotals } from './day/day-totals.js';
import type { DaySummary, DayTotals, PinPrivacy } from '../shared/contract.js';
import { runDoctor, type DoctorEnv } from './doctor/doctor.js';
import { EventBus } from './event-bus.js';
import { VisitService } from './visit/visit-service.js';
import { QueueService } from './queue/queue-service.js';
import { IncentiveService } from './incentive/incentive-service.js';
import { FeedbackService } from './survey/feedback-service.js';
import { defaultSettings, photoSettingsChanged, photoSettingsView, PrinterCorrections, type Settings } from './settings/settings.js';
import { readFile } from 'node:fs/promises';
import { CameraService } from './devices/camera/camera-service.js';
import type { Camera } from './devices/camera/camera.js';
import { HumanFaceDetector, type FaceDetector } from './photo/face-detector.js';
import { PhotoService } from './photo/photo-service.js';
import { OnlineService, type OnlineWindowOpener } from './online/online-service.js';
import { cupsSpoolKeeps, WINDOWS_SPOOL_FIX } from './doctor/doctor.js';
import { WindowsSpoolerPhotoPrinter } from './devices/photo-printer/windows-spooler.js';
import { CupsPhotoPrinter } from './devices/photo-printer/cups.js';
import type { Text } from '../shared/text.js';

type IncentiveRules = Settings['incentive'];
import { ConsoleSession } from './staff/console-session.js';
import { SeasonService } from './season/season-service.js';
import { DocumentsService } from './documents/documents-service.js';
import { confirmOpinion, opinion, opinions, type Opinion } from './reports/opinions.js';
import { makeReport } from './reports/make-report.js';
import { defaultWeek } from './reports/report-model.js';
import { allFigures, dataSpan } from './reports/figures-query.js';
import { makePlan, storedIssuance } from './planning/plan.js';
import { deviceIdentity } from './store/device-identity.js';
import { parseIssuanceCsv, previewIssuanceCsv } from './planning/issuance-csv.js';
import { saveIssuance } from './planning/plan.js';
import { bundleSigner, exportBundle, mergeBundle, parseBundle, writeBundle } from './bundles/bundle.js';
import { DEFAULT_PIN_COST, StaffService, type PinCost } from './staff/staff-service.js';
import { AppError } from '../shared/errors.js';
import { wipeAll } from './wipe/event-wipe.js';
import path from 'node:path';
import { text } from '../shared/text.js';
import type { Logger } from './log.js';
import { pathProblem, type DataPaths } from './paths.js';
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
  /** The console locks after this many idle minutes. */
  consoleIdleMinutes?: number;
  /** scrypt cost for staff PINs; tests lower it. */
  pinCost?: PinCost;
  /** The app's folders outside the data folder (the RAM-backed one), for the final wipe. */
  extraWipeRoots?: string[];
  /** Minutes per visit for the wait estimate, until enough visits are measured. */
  defaultServiceMinutes?: number;
  /** Who gets the incentive (settings: the window and amounts are not constants). */
  incentiveRules?: IncentiveRules;
  /** The device settings (photo rules, paper, printer calibration); default: the defaults. */
  settings?: Settings;
  /** Keeps changed settings (the calibration); default: in memory only. */
  saveSettings?: (s: Settings) => void;
  /** The face detector; default: @vladmandic/human, loaded on first use. */
  detector?: FaceDetector;
  /** Looks for the real camera again after it went away; default: the same camera. */
  reconnectCamera?: () => Promise<Camera | null>;
  /** What the print spool keeps of a printed photo; default: read cupsd.conf for a CUPS printer. */
  spoolKeeps?: () => Promise<Text | null>;
  /** Opens the isolated online-application window (the Electron shell); none in the browser host. */
  onlineOpener?: OnlineWindowOpener;
}

export interface App {
  dispatch: Dispatch;
  bus: EventBus;
  handlers: Handlers;
  visits: VisitService;
  session: ConsoleSession;
  /** The settings as they are now (the lead may have changed some since start-up). */
  settings(): Settings;
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
    wipeCertificate: s.state === 'wiped' ? s.certificate : null,
    afterWipe: s.state === 'wiped' ? s.afterWipe : null,
    retryDelaySeconds: s.state === 'locked' ? Math.ceil(store.retryDelayMs() / 1000) : 0,
  };
}

const SERVICE_LABELS: Record<string, string> = {
  formHelp: '② 記入補助',
  photo: '③ 写真',
  envelope: '④ 封筒',
  onlineHelp: '⑤ オンライン申請',
  mynaPoint: '⑥ マイナポイント',
  vaccineCert: '⑥ 接種証明',
  inquiry: '⑧ 問い合わせ',
};

/** The close-of-day summary on the ticket printer: figures only. */
export function daySummaryTicket(d: Omit<DaySummary, 'totals' | 'preview' | 'printed'>, t: DayTotals): Uint8Array {
  const p = new EscPos().align('center').bold(true).line('本日の受付 集計').bold(false).line(d.venue).line(t.day).rule().align('left');
  p.line(`整理券  発行 ${t.tickets.issued} / 対応 ${t.tickets.served} / 不在 ${t.tickets.skipped}`);
  if (t.tickets.stillWaiting > 0) p.bold(true).line(`未対応の整理券 ${t.tickets.stillWaiting} 枚`).bold(false);
  p.line(`来訪 ${t.visits} 件  申請 ${t.applicants} 人`);
  p.line(`  紙 ${t.outcomes.paper} / オンライン ${t.outcomes.online} / 両方 ${t.outcomes.both} / 申請なし ${t.outcomes.none}`);
  for (const [k, label] of Object.entries(SERVICE_LABELS)) if (t.services[k]) p.line(`  ${label} ${t.services[k]}`);
  p.line(`特典 ${t.incentives.count} 件 ${t.incentives.yen.toLocaleString('ja-JP')} 円`);
  p.line(`アンケート ${t.surveys} 件`);
  p.line(`問い合わせ ${t.inquiries.count} 件（要報告 ${t.inquiries.escalated}）`);
  return p.rule().feed(3).cut().bytes();
}

/** What CSP blocked, without anything a URL's path or query could carry: an origin, or inline/eval. */
export function cspBlocked(blocked: string): string {
  if (blocked === 'inline' || blocked === 'eval' || blocked === 'wasm-eval' || blocked === '') return blocked || 'unknown';
  try {
    return new URL(blocked).origin;
  } catch {
    return 'unparsable';
  }
}

/** How long what CUPS keeps is trusted before it is looked at again, while it keeps something. */
const SPOOL_RECHECK_MS = 10 * 60_000;

export function createApp(deps: AppDeps): App {
  const bus = new EventBus();
  let settings = deps.settings ?? defaultSettings;
  /**
   * A change the lead made: written to the settings file first, then used. A disk that cannot
   * take it throws before anything changes, so what runs is always what the file says.
   */
  const keepSettings = (next: Settings) => {
    deps.saveSettings?.(next);
    settings = next;
  };
  const cameraService = new CameraService({
    camera: deps.devices.camera,
    reconnect: deps.reconnectCamera ?? (() => Promise.resolve(deps.devices.camera)),
    // Always its current status, and never while it is being made: the photo service (made below)
    // says it with what the settings and the station add.
    onStatus: () => bus.emit('camera.changed', photos.cameraState()),
    log: deps.log,
  });
  // The visit's wipe empties whichever camera is attached now (it may have reconnected).
  const camera: Camera = {
    get simulated() {
      return cameraService.device().simulated;
    },
    status: () => cameraService.device().status(),
    preview: () => cameraService.preview(),
    capture: () => cameraService.capture(),
    clearCard: () => cameraService.clearCard(),
    startLiveView: (onFrame) => cameraService.device().startLiveView(onFrame),
    close: () => cameraService.close(),
  };
  const staff = new StaffService(deps.store, deps.now, deps.pinCost ?? DEFAULT_PIN_COST);
  const season = new SeasonService({ store: deps.store, now: deps.now });
  const day: DayService = new DayService({
    bus,
    now: deps.now,
    store: deps.store,
    season,
    staff,
    nowServing: () => queue.nowServing(),
    visitOpen: () => visits.current() !== null,
    idleSeconds: () => settings.stationIdleSeconds,
  });
  const eventId = () => day.eventId();
  const documents = new DocumentsService({
    store: deps.store,
    season,
    staff,
    now: deps.now,
    dueDays: () => settings.documentsDueDays,
    cityPageUrl: () => settings.cityPageUrl,
    incentive: () => deps.incentiveRules ?? settings.incentive,
  });
  const { devices } = deps;
  const visits: VisitService = new VisitService({
    camera,
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
    stationChanged: () => day.announceStation(),
  });
  const visitState = () => ({ visit: visits.current(), record: visits.currentRecord(), blocked: visits.isBlocked() });
  const queue: QueueService = new QueueService({
    store: deps.store,
    printer: devices.ticketPrinter,
    bus,
    now: deps.now,
    counters: (): number => day.current()?.counters ?? 1,
    eventId,
    venue: () => day.current()?.venue ?? null,
    defaultServiceMinutes: deps.defaultServiceMinutes ?? 10,
    stationChanged: () => day.announceStation(),
  });
  const incentives = new IncentiveService({
    store: deps.store,
    printer: devices.ticketPrinter,
    now: deps.now,
    rules: () => deps.incentiveRules ?? defaultSettings.incentive,
    eventId,
  });
  const feedback = new FeedbackService({ store: deps.store, now: deps.now, eventId });
  const session = new ConsoleSession(staff, deps.store, bus, deps.now, deps.consoleIdleMinutes ?? 5);
  const printerKey = devices.photoPrinter.simulated ? 'simulated' : devices.photoPrinter.status().name;
  const detector: FaceDetector = deps.detector ?? new HumanFaceDetector();
  /**
   * What CUPS keeps, as last found: kept for the run once clean; otherwise asked again after a
   * while (the lead may fix it meanwhile), not at every sheet — each asking leaves a cancelled
   * blank job in a history CUPS keeps.
   */
  let spoolFound: { at: number; keeps: Text | null } | null = null;
  const photos = new PhotoService({
    camera: cameraService,
    printer: devices.photoPrinter,
    printerKey,
    detector,
    settings: () => settings,
    saveCalibration: (printer, paper, c) => {
      const kept = settings.printerCalibration[printer] ?? PrinterCorrections.parse({});
      keepSettings({ ...settings, printerCalibration: { ...settings.printerCalibration, [printer]: { ...kept, papers: { ...kept.papers, [paper]: c } } } });
    },
    visits,
    store: deps.store,
    bus,
    now: deps.now,
    log: deps.log,
    spoolKeeps:
      deps.spoolKeeps ??
      (async () => {
        if (devices.photoPrinter.simulated) return null;
        if (devices.photoPrinter instanceof WindowsSpoolerPhotoPrinter) return (await devices.photoPrinter.keepsPrintedJobs()) ? WINDOWS_SPOOL_FIX : null;
        if (process.platform === 'win32') return null;
        if (spoolFound && (spoolFound.keeps === null || Date.now() - spoolFound.at < SPOOL_RECHECK_MS)) return spoolFound.keeps;
        const keeps = await cupsSpoolKeeps(() => readFile('/etc/cups/cupsd.conf', 'utf8'), devices.photoPrinter instanceof CupsPhotoPrinter ? devices.photoPrinter : null);
        spoolFound = { at: Date.now(), keeps };
        return keeps;
      }),
  });
  const online = new OnlineService({
    visits,
    photos,
    camera: cameraService,
    settings: () => settings,
    opener: deps.onlineOpener ?? null,
    bus,
    log: deps.log,
  });
  // ⑥: while the citizen types a card PIN, the station asks staff to look away. Nothing is typed here.
  let pinPrivacy: PinPrivacy = { on: false, guide: null };
  const setPinPrivacy = (p: PinPrivacy) => {
    pinPrivacy = p;
    bus.emit('pinPrivacy.changed', p);
    return p;
  };
  /** Staff may override a failed check; the lead confirms printing where the spool keeps photos. */
  const printAs = (ctx: CallContext) => {
    if (ctx.window === 'station') return { byStaff: false, leadConfirmed: false };
    const member = session.require('serve');
    return { byStaff: true, leadConfirmed: member.role === 'lead' };
  };
  /** Ends the open visit with its session wipe; its ticket's service ends with it. */
  const endVisit = async (reason: 'ended' | 'day-closed') => {
    const ticket = visits.current()?.ticketNumber;
    photos.discard();
    photos.forgetSeen();
    online.clear();
    if (pinPrivacy.on) setPinPrivacy({ on: false, guide: null });
    const summary = await visits.end(reason, session.actor());
    if (ticket) queue.finish(ticket);
    return summary;
  };

  /**
   * Where the console writes a report, a document or a bundle: the folder the lead typed (a USB
   * stick; it must be absolute), or the data folder's exports (wiped with the device).
   */
  const outputFolder = (outDir: string | undefined, kind: string, example: Text): string => {
    if (outDir === undefined) return path.join(deps.paths.root, 'exports', kind);
    if (!path.isAbsolute(outDir)) {
      throw new AppError('bad_request', text(`保存先は絶対パスで指定してください（例: /media/usb/${example.ja}）。`, `Give the folder as an absolute path (e.g. /media/usb/${example.en}).`));
    }
    return outDir;
  };
  /**
   * A write into such a folder: one it cannot use (the stick not plugged in, full or read-only)
   * is said with the folder and what to check, not as an internal error.
   */
  const intoFolder = async <T>(write: () => T | Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (err) {
      const problem = pathProblem(err);
      if (problem) throw new AppError('unavailable', problem.message);
      throw err;
    }
  };
  // CSP reports: a page under attack could send thousands; a few a minute per window are enough to see it.
  const cspSeen: Record<string, number[]> = {};
  /** The devices as the booth uses them (the station's webcam, where the lead turned it on, is the camera). */
  const devicesInUse = () => deviceStatuses(devices).map((d) => cameraInUse(d, settings.webcamFallback));
  /** A camera setting the lead changed: kept (the file first), logged by name only, told to both windows. */
  const keepCameraSetting = <K extends 'cameraTurnDegrees' | 'webcamFallback'>(key: K, value: Settings[K]) => {
    session.require('changeSettings');
    if (value !== settings[key]) {
      keepSettings({ ...settings, [key]: value });
      deps.log.info('settings.changed', { what: 'camera', changed: key });
      bus.emit('camera.changed', photos.cameraState());
      bus.emit('devices.changed', devicesInUse());
    }
    return photos.cameraState();
  };
  const handlers: Handlers = {
    'app.cspViolation': ({ directive, blocked }, ctx) => {
      const now = deps.now().getTime();
      const recent = (cspSeen[ctx.window] = (cspSeen[ctx.window] ?? []).filter((t) => now - t < 60_000));
      if (recent.length < 20) {
        recent.push(now);
        deps.log.warn('csp.violation', { window: ctx.window, directive: directive.replace(/[^\w-]/g, ''), blocked: cspBlocked(blocked) });
      }
      return null;
    },
    'app.status': () => ({
      version: deps.version,
      mode: appModeOf(devicesInUse()),
      devices: devicesInUse(),
      host: deps.host,
      dataDir: deps.paths.root,
    }),
    // The camera's settings are read through the camera service, which has the camera to itself
    // for the moment (the live view pauses), and only of the camera it drives.
    'doctor.run': () =>
      runDoctor({
        ...deps.doctorEnv,
        // As the lead last saved them (the paper may have changed since start-up).
        settings,
        cameraSettings: deps.doctorEnv.cameraSettings ?? ((cam) => (cam.model === cameraService.device().status().name ? cameraService.settings() : Promise.reject(new Error('another camera')))),
      }),
    'store.status': () => storeStatus(deps.store),
    'store.unlock': async ({ passphrase }) => {
      try {
        await deps.store.unlock(passphraseWrapper(passphrase, deps.scrypt ?? DEFAULT_SCRYPT, deps.now));
        visits.flushPendingRecovery();
        day.restore();
      } finally {
        bus.emit('store.changed', storeStatus(deps.store));
      }
      return storeStatus(deps.store);
    },
    'staff.list': () => staff.list(),
    'staff.add': async (input) => {
      // A new roster starts with its lead, who registers without signing in; after that only
      // someone allowed to manage staff may add people.
      const bootstrap = staff.list().length === 0;
      if (bootstrap && input.role !== 'lead') {
        throw new AppError('bad_request', text('最初に責任者を登録してください。', 'Register the lead first.'));
      }
      const actor = bootstrap ? 'bootstrap' : `staff:${session.require('manageStaff').id}`;
      const added = await staff.add(input, actor);
      bus.emit('staff.changed', staff.list());
      return added;
    },
    'session.get': () => session.current(),
    'session.signIn': ({ staffId, pin }) => session.signIn(staffId, pin),
    'session.signOut': ({ reason }) => {
      session.signOut(reason);
      return null;
    },
    'staff.training': ({ staffId }) => {
      session.require('manageStaff');
      return staff.training(staffId);
    },
    'staff.recordTraining': (input) => {
      const member = staff.recordTraining(input, `staff:${session.require('manageStaff').id}`);
      bus.emit('staff.changed', staff.list());
      bus.emit('session.changed', session.current());
      return member;
    },
    'season.venues': () => season.venues(),
    'season.saveVenue': (input) => {
      const v = season.saveVenue(input, `staff:${session.require('manageEvents').id}`);
      bus.emit('season.changed', {});
      return v;
    },
    'season.events': () => season.events(),
    'season.saveEvent': (input) => {
      const e = season.saveEvent(input, `staff:${session.require('manageEvents').id}`);
      bus.emit('season.changed', {});
      return e;
    },
    'season.setDuties': ({ eventId: id, duties }) => {
      const e = season.setDuties(id, duties, `staff:${session.require('manageEvents').id}`);
      bus.emit('season.changed', {});
      return e;
    },
    'report.span': () => {
      session.require('exportReports');
      return dataSpan(deps.store);
    },
    'report.opinions': (period) => {
      session.require('exportReports');
      return opinions(deps.store, period);
    },
    'report.confirmOpinion': (input) => {
      const member = session.require('exportReports');
      confirmOpinion(deps.store, input, `staff:${member.id}`, deps.now());
      return opinion(deps.store, input.source, input.id) as Opinion;
    },
    'report.make': async ({ kind, period, outDir }) => {
      const member = session.require('exportReports');
      const dir = outputFolder(outDir, 'reports', text('報告書', 'reports'));
      const chosen = period ?? (kind === 'weekly' ? defaultWeek(deps.store) : dataSpan(deps.store));
      if (!chosen) throw new AppError('conflict', text('まだ記録がないため、報告書は作れません。', 'Nothing recorded yet: no report to write.'));
      const r = await intoFolder(() => makeReport({ kind, store: deps.store, period: chosen, outDir: dir, now: deps.now(), actor: `staff:${member.id}` }));
      return { kind: r.kind, period: r.period, files: r.files, rows: r.rows, visits: r.visits, applicants: r.applicants, unreviewedOpinions: r.unreviewedOpinions, ms: r.ms };
    },
    'plan.get': ({ hours }) => {
      session.require('exportReports');
      const span = dataSpan(deps.store);
      const days = span ? allFigures(deps.store, deviceIdentity(deps.store.get().db).deviceId, span, deps.now()) : [];
      return makePlan(days, storedIssuance(deps.store), hours);
    },
    'documents.list': () => {
      session.require('manageEvents');
      return documents.list();
    },
    'documents.make': ({ kind, eventId: id, outDir }) => {
      const member = session.require('manageEvents');
      const dir = outputFolder(outDir, 'documents', text('書類', 'documents'));
      return intoFolder(() => documents.make(kind, id ?? null, dir, `staff:${member.id}`));
    },
    'documents.submitted': ({ id }) => {
      const member = session.require('manageEvents');
      documents.markSubmitted(id, `staff:${member.id}`);
      return documents.list();
    },
    'plan.previewIssuance': ({ csv, mapping }) => {
      session.require('exportReports');
      return previewIssuanceCsv(Buffer.from(csv, 'base64'), mapping);
    },
    'plan.importIssuance': ({ csv, mapping, asOf }) => {
      const member = session.require('exportReports');
      const r = parseIssuanceCsv(Buffer.from(csv, 'base64'), mapping ?? {});
      saveIssuance(deps.store, r.rows, asOf, deps.now(), `staff:${member.id}`);
      return { header: [], encoding: r.encoding, columns: r.columns, rows: r.rows, unread: r.unread, unreadTotal: r.unreadTotal, problem: null };
    },
    'device.identity': () => {
      session.require('exportReports');
      const id = deviceIdentity(deps.store.get().db);
      return { deviceId: id.deviceId, fingerprint: id.fingerprint };
    },
    'bundle.export': async ({ outDir }) => {
      const member = session.require('exportReports');
      const dir = outputFolder(outDir, 'bundles', text('集計', 'bundles'));
      const period = dataSpan(deps.store);
      if (!period) throw new AppError('conflict', text('まだ記録がないため、書き出すものがありません。', 'Nothing recorded yet: nothing to export.'));
      const b = exportBundle(deps.store, period, deps.now(), `staff:${member.id}`);
      const file = await intoFolder(() => writeBundle(b, dir));
      return { file, days: b.days.length, opinions: b.opinions.length, incentives: b.incentives.length };
    },
    'bundle.import': ({ name, content, trust }) => {
      const member = session.require('exportReports');
      const read = parseBundle(Buffer.from(content, 'base64'), name);
      const signer = bundleSigner(deps.store, read.bundle);
      const counts = { days: read.bundle.days.length, opinions: read.bundle.opinions.length, incentives: read.bundle.incentives.length };
      if (!signer.known && !trust) return { status: 'unknown-device' as const, deviceId: signer.deviceId, fingerprint: signer.fingerprint, ...counts, paidTwice: 0 };
      const r = mergeBundle(deps.store, read, name, { trust: trust ? [trust] : [], now: deps.now(), actor: `staff:${member.id}` });
      return { status: r.status, deviceId: r.deviceId, fingerprint: r.fingerprint, days: r.days, opinions: r.opinions, incentives: r.incentives, paidTwice: r.paidTwice };
    },
    'day.get': () => day.current(),
    'day.open': (input) => day.open(input, session.require('serve')),
    'day.close': async () => {
      session.require('serve');
      if (visits.current()) await endVisit('day-closed');
      queue.closeDay();
      const { day: closedDay, eventId: closedEvent, ...closed } = day.close(session.actor());
      const totals = dayTotals(deps.store, closedDay, closedEvent);
      // The day is closed either way; the summary stays on screen when it does not print.
      const { printed, preview } = await printReceipt(devices.ticketPrinter, daySummaryTicket(closed, totals), text('集計を印刷できませんでした。', 'The summary could not be printed.'));
      return { ...closed, totals, preview, printed };
    },
    'visit.get': () => visitState(),
    'visit.start': ({ ticketNumber }) => {
      const member = session.require('serve');
      return visits.start({ ticketNumber, staffId: member.id, eventId: day.eventId() });
    },
    'visit.record': (record) => {
      session.require('serve');
      visits.record(record);
      return visitState();
    },
    'visit.end': ({ cancelPrint }) => {
      session.require('serve');
      // The wipe cancels the visit's print jobs: a sheet still on its way to the paper is asked
      // about first. (The visit's timeout and the day's close do not ask: the data rules come first.)
      if (!cancelPrint && photos.sheetUnderway()) {
        throw new AppError(
          'conflict',
          text('写真のシートがまだ印刷されていません。印刷が終わってから受付を終えてください（いま終えると印刷を取り消します）。', 'The photo sheet has not printed yet. End the visit once it has (ending now cancels the print).'),
          [{ path: 'cancelPrint', message: 'the sheet is printing' }],
        );
      }
      return endVisit('ended');
    },
    'visit.recheckCamera': async () => {
      session.require('serve');
      await visits.recheckCamera();
      return visitState();
    },
    'queue.get': () => queue.state(),
    'queue.issue': () => {
      session.require('serve');
      return queue.issue();
    },
    'queue.callNext': ({ counter }) => {
      session.require('serve');
      return queue.callNext(counter);
    },
    'queue.recall': ({ counter }) => {
      session.require('serve');
      return queue.recall(counter);
    },
    'queue.skip': ({ number }) => {
      session.require('serve');
      return queue.skip(number);
    },
    'incentive.today': () => incentives.today(),
    'incentive.pay': (input) => {
      const member = session.require('serve');
      return incentives.pay(input, member.id, visits.current()?.id ?? null);
    },
    // On the station the survey is the citizen's own: no sign-in, but only during a visit and
    // once per visit. At the console, staff type in paper forms.
    'survey.submit': (input, ctx) => {
      if (ctx.window === 'station') {
        if (input.source !== 'station') throw new AppError('forbidden', text('この画面からは紙のアンケートを入力できません。', 'Paper forms are entered at the console.'));
        const vault = visits.open();
        vault.assertSurveyOpen();
        const id = feedback.submitSurvey(input);
        vault.markSurveyTaken();
        return { id };
      }
      session.require('serve');
      if (input.source !== 'paper') throw new AppError('bad_request', text('操作画面では紙のアンケートを入力します。', 'The console enters paper forms.'));
      return { id: feedback.submitSurvey(input) };
    },
    'inquiry.add': (input) => {
      const member = session.require('serve');
      return { id: feedback.addInquiry(input, member.id) };
    },
    'wipe.all': async ({ pin, certificateDir, place }) => {
      const lead = session.require('wipe');
      // Confirmation: the lead types the PIN again (wrong PINs count towards the lock).
      await staff.signIn(lead.id, pin);
      if (!path.isAbsolute(certificateDir)) {
        throw new AppError('bad_request', text('証明書の保存先は絶対パスで指定してください（例: /media/usb/証明書）。', 'Give the certificate folder as an absolute path (e.g. /media/usb/certificates).'));
      }
      if (visits.current()) await endVisit('day-closed');
      if (day.current()) day.close(`staff:${lead.id}`);
      const r = await wipeAll({
        paths: deps.paths,
        store: deps.store,
        unlock: null,
        withoutExport: false,
        certificateDir,
        orderedBy: `${lead.displayName}（責任者）`,
        actor: `staff:${lead.id}`,
        place,
        canaries: [],
        extraRoots: deps.extraWipeRoots ?? [],
        exec: deps.doctorEnv.exec,
        now: deps.now,
        version: deps.version,
        log: deps.log,
      });
      if (r.alreadyWiped) throw new AppError('conflict', text('この端末はすでに消去されています。', 'This device has already been wiped.'));
      session.forget();
      day.forget();
      bus.emit('store.changed', storeStatus(deps.store));
      bus.emit('staff.changed', []);
      const c = r.certificate.certificate;
      return {
        certificateId: c.certificateId,
        certificatePdf: r.files.pdf,
        certificateJson: r.files.json,
        exports: r.files.exports,
        filesDestroyed: c.destroyed.reduce((n, d) => n + d.files, 0),
        verification: c.verification.result,
        cameraCardPhotos: r.cameraCardPhotos,
        spoolKeptJobs: r.spoolKeptJobs,
        certificateOnThisDisk: r.certificateOnThisDisk,
      };
    },
    'station.get': () => day.station(),
    'camera.snapshot': async () => {
      // The station's webcam is the camera: main has no picture of it (the demo camera's would mislead).
      if (photos.cameraState().webcam) {
        throw new AppError('conflict', text('ステーションのWebカメラで撮影します。ステーションの撮影画面で映り方を確かめてください。', 'The station’s webcam takes the photos: check the picture on the station’s shooting screen.'));
      }
      // The camera attached now (it may have reconnected since start-up).
      const jpeg = await camera.preview();
      return { mime: 'image/jpeg' as const, base64: jpeg.toString('base64'), simulated: camera.simulated };
    },
    'camera.state': () => photos.cameraState(),
    // Used from the next live frame and the next still on; a photo already judged keeps its turn.
    'camera.setTurn': ({ turn }) => keepCameraSetting('cameraTurnDegrees', turn),
    // The station follows at once (camera.changed); the desktop shell's permission for the camera
    // reads the setting at each request (App.settings).
    'camera.setWebcam': ({ on }) => keepCameraSetting('webcamFallback', on),
    'camera.webcamSeen': ({ seen }) => {
      photos.webcamSeen(seen);
      return null;
    },
    'camera.live': ({ on }, ctx) => photos.live(ctx.window, on),
    'camera.reconnect': async () => {
      await cameraService.reconnectNow();
      return photos.cameraState();
    },
    'photo.capture': (_input, ctx) => {
      if (ctx.window === 'console') session.require('serve');
      return photos.capture(ctx.window);
    },
    'photo.guide': ({ jpeg }) => photos.guideOf(Buffer.from(jpeg, 'base64')),
    'photo.captureFrame': ({ jpeg }) => photos.captureFrame(Buffer.from(jpeg, 'base64')),
    'photo.get': () => photos.current(),
    'photo.retake': (_input, ctx) => {
      if (ctx.window === 'console') session.require('serve');
      visits.open();
      return photos.retake();
    },
    'photo.turn': ({ degrees }) => {
      session.require('serve');
      return photos.turn(degrees);
    },
    'photo.accept': (_input, ctx) => {
      if (ctx.window === 'console') session.require('serve');
      return photos.accept();
    },
    'photo.print': ({ override, spoolConfirmed }, ctx) => photos.printSheet({ override, spoolConfirmed, ...printAs(ctx) }),
    'photo.printStatus': () => photos.printStatus(),
    'online.begin': ({ text: raw, source }) => {
      session.require('serve');
      return online.begin(raw, source);
    },
    'online.scanCamera': () => {
      session.require('serve');
      return online.scanCamera();
    },
    'online.get': () => online.state(),
    'online.open': () => {
      session.require('serve');
      return online.open();
    },
    'online.clear': () => {
      session.require('serve');
      return online.clear();
    },
    'guide.pinPrivacy': ({ on, guide }) => {
      session.require('serve');
      visits.open();
      deps.log.info('guide.pin_privacy', { on, guide });
      return setPinPrivacy({ on, guide: on ? guide : null });
    },
    'guide.pinDone': () => setPinPrivacy({ on: false, guide: null }),
    'printer.calibration': () => photos.calibrationState(),
    'printer.printCalibrationSheet': () => {
      session.require('changeSettings');
      return photos.printCalibrationSheet();
    },
    'printer.calibrate': async (m) => {
      session.require('changeSettings');
      const state = photos.calibrate(m);
      // The visit's photo, if there is one, prints with the correction measured now.
      await photos.sheetSettingsChanged();
      return state;
    },
    'settings.photo': () => {
      session.require('changeSettings');
      return photoSettingsView(settings);
    },
    'settings.savePhoto': async (next) => {
      session.require('changeSettings');
      const changed = photoSettingsChanged(settings, next);
      if (changed.length > 0) {
        // Used from the next shot on; a photo already judged keeps its checks.
        keepSettings({ ...settings, photo: next.rules, photoPaper: next.paper });
        deps.log.info('settings.changed', { what: 'photo', changed: changed.join(',') });
        // The visit's photo, if there is one, is made again for the paper now loaded.
        if (changed.includes('photoPaper')) await photos.sheetSettingsChanged();
      }
      return photoSettingsView(settings);
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
    session,
    settings: () => settings,
    recover: async () => {
      await visits.recoverAfterCrash();
      visits.flushPendingRecovery();
      day.restore();
    },
    close: async () => {
      photos.dispose();
      await detector.close?.();
      visits.dispose();
      deps.store.close();
      await cameraService.close();
    },
  };
}
