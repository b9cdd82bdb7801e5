import { describe, expect, it } from 'vitest';
import { DoctorLineId } from '../../../src/shared/contract.js';
import { cupsDirective, defaultRouteInterface, parseClamVersion, runDoctor, SLOW_PHOTO_MS, SPOOL_FIX, spoolKeeps, type DoctorEnv } from '../../../src/main/doctor/doctor.js';
import { AppError } from '../../../src/shared/errors.js';
import { text } from '../../../src/shared/text.js';
import type { CameraSettings } from '../../../src/main/devices/camera/camera.js';
import type { HardwareProbe } from '../../../src/main/devices/devices.js';
import { defaultSettings, type Settings } from '../../../src/main/settings/settings.js';
import type { Exec, ExecResult } from '../../../src/main/system/exec.js';

const result = (stdout: string, code = 0): ExecResult => ({ code, stdout: Buffer.from(stdout), stderr: '', timedOut: false, notFound: false });
const missing: ExecResult = { code: null, stdout: Buffer.alloc(0), stderr: '', timedOut: false, notFound: true };

const fullProbe: HardwareProbe = {
  camera: { found: true, cameras: [{ model: 'Canon EOS Kiss X10', port: 'usb:001,006' }] },
  cups: { ok: true, defaultQueue: 'DS-RX1', queues: [{ name: 'DS-RX1', enabled: true, idle: true }] },
  photoQueue: { queue: 'DS-RX1', enabled: true, choices: ['w252h360', 'w288h432'], media: { L: 'w252h360', KG: 'w288h432' }, dpi: 300 },
  usblp: [{ device: '/dev/usb/lp0', model: 'EPSON TM-T88VI', escpos: true }],
};

const correction = { scaleX: 1.004, scaleY: 0.998, offsetXMm: 0.3, offsetYMm: -0.2, measuredAt: '2026-11-22T00:00:00.000Z' };
/** The booth's printer measured on L and KG. */
const calibrated: Settings = { ...defaultSettings, printerCalibration: { 'DS-RX1': { dpi: 300, papers: { L: correction, KG: correction } } } };

function env(over: Partial<DoctorEnv> = {}, files: Record<string, string> = {}, execFn?: Exec): DoctorEnv {
  return {
    exec: execFn ?? (async (cmd) => (cmd === 'clamscan' ? result('ClamAV 1.0.7/27468/Sun Nov 22 09:35:39 2026\n') : missing)),
    probe: async () => fullProbe,
    settings: calibrated,
    dataDir: '/data',
    keyStore: () => ({ backend: 'gnome_libsecret', secure: true }),
    versions: { ...process.versions, node: '22.23.3' },
    platform: 'linux',
    now: () => new Date('2026-11-23T10:00:00Z'),
    readText: async (f) => {
      const v = { '/etc/cups/cupsd.conf': 'PreserveJobFiles No\nPreserveJobHistory No\nPageLogFormat ""\n', '/proc/net/route': 'Iface\tDestination\tGateway\nwlan0\t00000000\t0101A8C0\n', ...files }[f];
      if (v === undefined) throw new Error('ENOENT');
      return v;
    },
    freeBytes: async () => 50 * 1024 ** 3,
    networkInterfaces: () => ({ wlan0: [{ address: '192.0.2.5', internal: false } as never] }),
    diskEncryption: async () => ({ encrypted: true, detail: 'dm-crypt (luks-root)' }),
    photoSelfTest: async () => ({ faces: 1, located: true, ms: 180 }),
    ...over,
  };
}

describe('doctor', () => {
  it('reports every line, all ok on a ready booth', async () => {
    const r = await runDoctor(env());
    expect(r.lines.map((l) => l.id)).toEqual(DoctorLineId.options);
    expect(r.lines.filter((l) => l.status !== 'ok')).toEqual([]);
    expect(r.worst).toBe('ok');
    const by = Object.fromEntries(r.lines.map((l) => [l.id, l]));
    expect(by.camera!.detail.ja).toContain('Canon EOS Kiss X10');
    expect(by.photoPrinter!.detail.en).toContain('DS-RX1 (L, KG)');
    expect(by.antivirus!.detail.en).toContain('1 days old');
    expect(by.network!.detail.ja).toBe('wlan0（無線）');
    expect(by.camera!.detail.ja).toBe('Canon EOS Kiss X10（usb:001,006）');
    // A camera mounted on its side: the turn is said, so it can be checked against the mounting.
    const turned = await runDoctor(env({ settings: { ...defaultSettings, cameraTurnDegrees: 90 } }));
    const cam = turned.lines.find((l) => l.id === 'camera')!;
    expect([cam.status, cam.detail.ja, cam.detail.en]).toEqual(['ok', 'Canon EOS Kiss X10（usb:001,006）、画像を右に90°回転', 'Canon EOS Kiss X10 (usb:001,006), picture turned 90° clockwise']);
  });

  it('warns when the desktop’s photo import holds the camera, with how to let it go', async () => {
    const asked: string[] = [];
    const execFn: Exec = async (cmd, args) => {
      asked.push([cmd, ...args].join(' '));
      return cmd === 'pgrep' ? result('4242\n') : missing;
    };
    const held = (await runDoctor(env({}, {}, execFn))).lines.find((l) => l.id === 'camera')!;
    expect(asked).toContain('pgrep -x gvfsd-gphoto2');
    expect(held.status).toBe('warn');
    expect(held.detail.ja).toContain('gvfsd-gphoto2');
    expect(held.fix?.ja).toContain('gio mount -s gphoto2');
    expect(held.fix?.en).toContain('systemctl --user mask gvfs-gphoto2-volume-monitor');
    // pgrep finds nothing (exit 1): all well. Not Linux: not asked.
    const free = (await runDoctor(env({}, {}, async (cmd) => (cmd === 'pgrep' ? result('', 1) : missing)))).lines.find((l) => l.id === 'camera')!;
    expect(free.status).toBe('ok');
    asked.length = 0;
    await runDoctor(env({ platform: 'darwin' }, {}, execFn));
    expect(asked).not.toContain('pgrep -x gvfsd-gphoto2');
  });

  it('reads the camera’s settings where it may: RAW is a warning with the fix, a body without a capture target a warning to format its card', async () => {
    const camera = async (settings: CameraSettings) => (await runDoctor(env({ cameraSettings: async () => settings }))).lines.find((l) => l.id === 'camera')!;
    const jpeg = await camera({ captureTarget: 'Internal RAM', noCaptureTarget: false, imageFormat: 'Large Fine JPEG' });
    expect([jpeg.status, jpeg.detail.ja]).toEqual(['ok', 'Canon EOS Kiss X10（usb:001,006）、記録形式 Large Fine JPEG']);
    for (const format of ['RAW + Large Fine JPEG', 'NEF+Fine', 'RAW', 'Large Fine HEIF']) {
      const raw = await camera({ captureTarget: 'Internal RAM', noCaptureTarget: false, imageFormat: format });
      expect(raw.status, format).toBe('warn');
      expect(raw.detail.ja).toContain(format);
      expect(raw.fix?.ja).toContain('「JPEG」だけ');
    }
    const noTarget = await camera({ captureTarget: null, noCaptureTarget: true, imageFormat: 'Extra Fine' });
    expect(noTarget.status).toBe('warn');
    expect(noTarget.fix?.ja).toContain('カードを初期化');
    // A target set to the card is set back to RAM before every capture: nothing to say.
    expect((await camera({ captureTarget: 'Memory card', noCaptureTarget: false, imageFormat: null })).status).toBe('ok');
    // Settings that cannot be read leave the line as it was.
    const unread = (await runDoctor(env({ cameraSettings: () => Promise.reject(new Error('claimed')) }))).lines.find((l) => l.id === 'camera')!;
    expect([unread.status, unread.detail.ja]).toEqual(['ok', 'Canon EOS Kiss X10（usb:001,006）']);
    // A camera another program holds is not asked (it would be refused): the hold is what is said.
    let asked = false;
    const held = await runDoctor(env({ cameraSettings: async () => ((asked = true), { captureTarget: null, noCaptureTarget: false, imageFormat: null }) }, {}, async (cmd) => (cmd === 'pgrep' ? result('4242\n') : missing)));
    expect(asked).toBe(false);
    expect(held.lines.find((l) => l.id === 'camera')!.detail.ja).toContain('gvfsd-gphoto2');
  });

  it('says the station’s webcam is used until a camera is attached, where the lead turned it on', async () => {
    const noCamera = async () => ({ ...fullProbe, camera: { found: true as const, cameras: [] } });
    const r = await runDoctor(env({ probe: noCamera, settings: { ...calibrated, webcamFallback: true } }));
    const camera = r.lines.find((l) => l.id === 'camera')!;
    expect(camera.status).toBe('warn');
    expect(camera.fix!.ja).toContain('それまではステーションのWebカメラで撮影します。');
    expect(camera.fix!.ja).not.toContain('模擬カメラ');
  });

  it('warns or fails, with a fix in Japanese and English, when things are missing', async () => {
    const r = await runDoctor(
      env(
        {
          probe: async () => ({ camera: { found: true, cameras: [] }, cups: { ok: false, reason: 'no_scheduler', detail: '' }, photoQueue: null, usblp: [] }),
          keyStore: () => ({ backend: 'basic_text', secure: false }),
          freeBytes: async () => 100 * 1024 ** 2,
          networkInterfaces: () => ({}),
          exec: async () => missing,
          versions: { ...process.versions, node: '20.1.0' },
          diskEncryption: async () => ({ encrypted: false, detail: 'no dm-crypt layer under the data folder' }),
        },
        { '/etc/cups/cupsd.conf': 'LogLevel warn\n', '/proc/net/route': 'Iface\tDestination\n' },
      ),
    );
    const by = Object.fromEntries(r.lines.map((l) => [l.id, l]));
    expect(by.runtime!.status).toBe('warn');
    expect(by.camera!.status).toBe('warn');
    expect(by.camera!.fix!.ja).toContain('デモ用の模擬カメラ');
    expect(by.photoPrinter!.status).toBe('warn');
    expect(by.ticketPrinter!.status).toBe('warn');
    expect(by.keyStore!.status).toBe('warn');
    expect(by.printSpool).toMatchObject({ status: 'fail' });
    expect(by.printSpool!.detail.en).toContain('PreserveJobFiles=1d (default)');
    expect(by.disk!.status).toBe('fail');
    expect(by.diskEncryption!.status).toBe('warn');
    expect(by.diskEncryption!.fix!.ja).toContain('LUKS');
    expect(by.antivirus!.status).toBe('fail');
    expect(by.network!.status).toBe('warn');
    for (const l of r.lines.filter((x) => x.status !== 'ok')) {
      expect(l.fix?.ja.length).toBeGreaterThan(0);
      expect(l.fix?.en.length).toBeGreaterThan(0);
    }
    expect(r.worst).toBe('fail');
  });

  it('turns a check that throws into a fail line instead of crashing', async () => {
    const r = await runDoctor(env({ probe: () => Promise.reject(new Error('usb stack exploded')), freeBytes: () => Promise.reject(new TypeError('x')) }));
    const by = Object.fromEntries(r.lines.map((l) => [l.id, l]));
    expect(by.camera!.status).toBe('fail');
    expect(by.disk!.status).toBe('fail');
    expect(by.runtime!.status).toBe('ok');
    expect(r.lines).toHaveLength(DoctorLineId.options.length);
  });

  it('judges the sample photo with the app’s detector: a model that will not load or finds no face fails, a slow machine is warned', async () => {
    const photo = async (over: Partial<DoctorEnv>) => (await runDoctor(env(over))).lines.find((l) => l.id === 'photoChecks')!;
    const ok = await photo({});
    expect([ok.status, ok.detail.ja]).toEqual(['ok', '見本の写真で確認しました（2400万画素1枚 0.2 秒）。']);
    // The detector's own refusal is what staff read, with what to do.
    const unloadable = await photo({ photoSelfTest: () => Promise.reject(new AppError('unavailable', text('顔検出モデルを読み込めませんでした。アプリを入れ直してください。', 'The face detection model could not be loaded. Reinstall the app.'))) });
    expect([unloadable.status, unloadable.detail.ja, unloadable.fix?.en]).toEqual(['fail', '顔検出モデルを読み込めませんでした。アプリを入れ直してください。', 'Reinstall the app; if it persists, tell the developers.']);
    // Any other failure (the sample file gone, sharp's add-on missing) fails too, naming the error's kind only.
    const broken = await photo({ photoSelfTest: () => Promise.reject(Object.assign(new TypeError('x'), { stack: 'TypeError: x\n    at readFile' })) });
    expect([broken.status, broken.detail.en]).toEqual(['fail', 'The sample photo could not be judged (TypeError).']);
    const faceless = await photo({ photoSelfTest: async () => ({ faces: 0, located: false, ms: 90 }) });
    expect([faceless.status, faceless.detail.ja]).toEqual(['fail', '見本の写真で顔を正しく見つけられませんでした（顔 0）。']);
    const slow = await photo({ photoSelfTest: async () => ({ faces: 1, located: true, ms: SLOW_PHOTO_MS + 400 }) });
    expect([slow.status, slow.detail.ja]).toEqual(['warn', '写真1枚（2400万画素）の判定に 1.4 秒かかります。']);
    expect(slow.fix?.ja).toContain('電源');
    // The rules it is judged by are the lead's, as last saved.
    let given: Settings | null = null;
    await runDoctor(env({ settings: { ...calibrated, photoPaper: 'KG' }, photoSelfTest: async (s) => ((given = s), { faces: 1, located: true, ms: 100 }) }));
    expect(given!.photoPaper).toBe('KG');
  });

  it('fails the photo printer when its queue has no size for the paper chosen in the settings', async () => {
    const r = await runDoctor(env({ settings: { ...calibrated, photoPaper: '2L' } }));
    const printer = r.lines.find((l) => l.id === 'photoPrinter')!;
    expect(printer.status).toBe('fail');
    expect(printer.detail.ja).toBe('DS-RX1 に 2L 判の用紙サイズがありません（あるもの: L, KG）。');
    expect(printer.fix!.ja).toContain('「写真の設定」で用紙を L, KG から選び直す');
    expect((await runDoctor(env({ settings: { ...calibrated, photoPaper: 'KG' } }))).lines.find((l) => l.id === 'photoPrinter')!.status).toBe('ok');
  });

  it('warns when the photo printer was never calibrated on the booth’s paper', async () => {
    const printerLine = async (settings: Settings) => (await runDoctor(env({ settings }))).lines.find((l) => l.id === 'photoPrinter')!;
    const never = await printerLine(defaultSettings);
    expect([never.status, never.detail.ja, never.fix?.ja]).toEqual(['warn', 'DS-RX1（L, KG）: 校正がまだです。', '画面の「機器」で校正シートを L 判に印刷し、定規で測った値を入れてください。']);
    const onKgOnly = await printerLine({ ...defaultSettings, printerCalibration: { 'DS-RX1': { dpi: 300, papers: { KG: correction } } } });
    expect([onKgOnly.status, onKgOnly.detail.en]).toEqual(['warn', 'DS-RX1 (L, KG): not yet calibrated on L paper (the KG correction is used).']);
    // Another printer's correction is not this one's.
    expect((await printerLine({ ...defaultSettings, printerCalibration: { 'CP-1500': { dpi: 300, papers: { L: correction } } } })).status).toBe('warn');
  });

  it('flags old virus definitions and a stopped printer', async () => {
    const r = await runDoctor(
      env({
        exec: async () => result('ClamAV 1.0.7/27000/Mon Oct  5 09:35:39 2026\n'),
        probe: async () => ({ ...fullProbe, photoQueue: { ...fullProbe.photoQueue!, enabled: false } }),
      }),
    );
    const by = Object.fromEntries(r.lines.map((l) => [l.id, l]));
    expect(by.antivirus!.status).toBe('warn');
    expect(by.photoPrinter!.status).toBe('fail');
    expect(by.photoPrinter!.fix!.ja).toContain('cupsenable DS-RX1');
  });

  it('parses the pieces it reads', () => {
    expect(parseClamVersion('ClamAV 1.0.7/27468/Tue Nov 19 09:35:39 2024')).toMatchObject({ engine: '1.0.7', db: '27468' });
    expect(parseClamVersion('ClamAV 1.0.7')).toEqual({ engine: '1.0.7', db: null, dbDate: null });
    expect(parseClamVersion('bash: clamscan: not found')).toBeNull();
    expect(cupsDirective('# PreserveJobFiles Yes\nPreserveJobFiles Off\n', 'PreserveJobFiles')).toBe('Off');
    expect(defaultRouteInterface('Iface\tDestination\neth0\t0000FEA9\nenp3s0\t00000000\n')).toBe('enp3s0');
  });
});

describe('spool hygiene', () => {
  it('names every way CUPS keeps a printed photo or its name', () => {
    expect(spoolKeeps('PreserveJobFiles No\nPreserveJobHistory No\nPageLogFormat ""\n').keeps).toEqual([]);
    expect(spoolKeeps('PreserveJobFiles No\nPreserveJobHistory No\n').keeps).toEqual(['PageLogFormat']);
    expect(spoolKeeps('PreserveJobFiles No\nPreserveJobHistory No\nPageLogFormat %p %u %j %{job-name}\n').keeps).toEqual(['PageLogFormat']);
    expect(spoolKeeps('PageLogFormat "%p %j"\n').keeps).toEqual(['PreserveJobFiles', 'PreserveJobHistory']);
    // A bare PageLogFormat (as Debian's cupsd.conf has it, page log off) is an empty format, not
    // the comment two lines down; and a directive's value is on its own line.
    const debian = spoolKeeps('LogLevel warn\nPageLogFormat\n\n# Specifies the maximum size of the log files before they are rotated.\nMaxLogSize 0\nPreserveJobFiles No\nPreserveJobHistory No\n');
    expect(debian).toEqual({ keeps: [], detail: 'PreserveJobFiles=No, PreserveJobHistory=No, PageLogFormat=""' });
    expect(spoolKeeps('PreserveJobFiles No\nPreserveJobHistory No\nPageLogFormat\n%{job-name}\n').keeps).toEqual([]);
    expect(cupsDirective('PreserveJobFiles\nNo\n', 'PreserveJobFiles')).toBeNull();
  });

  it('asks the lead to change only what CUPS keeps', async () => {
    const fix = async (conf: string) => (await runDoctor(env({}, { '/etc/cups/cupsd.conf': conf }))).lines.find((l) => l.id === 'printSpool')!.fix;
    // Debian's file as installed: the page log already off, job files and history kept.
    expect(await fix('LogLevel warn\nPageLogFormat\n')).toEqual(text('印刷した写真がスプールに残ります。sudo cupsctl PreserveJobFiles=No PreserveJobHistory=No を実行してください。', 'Printed photos would stay in the spool. Run: sudo cupsctl PreserveJobFiles=No PreserveJobHistory=No.'));
    expect((await fix('PreserveJobFiles No\nPageLogFormat ""\n'))?.ja).toBe('印刷した写真がスプールに残ります。sudo cupsctl PreserveJobHistory=No を実行してください。');
    expect((await fix('PreserveJobFiles No\nPreserveJobHistory No\n'))?.ja).toBe('印刷した写真の名前がCUPSのログに残ります。/etc/cups/cupsd.conf に PageLogFormat "" を加えてください。');
    expect(await fix('LogLevel warn\n')).toEqual(SPOOL_FIX);
    expect(await fix('PreserveJobFiles No\nPreserveJobHistory No\nPageLogFormat ""\n')).toBeNull();
  });
});
