// `doctor`: the readiness check staff run before opening. Each line says ok / warn / fail and,
// when something is off, what to do in plain words. Missing hardware is a finding, not a crash:
// every check is fenced so one failure never hides the others.
import { readFile, statfs } from 'node:fs/promises';
import os from 'node:os';
import type { DoctorLine, DoctorLineId, DoctorReport, DoctorStatus } from '../../shared/contract.js';
import { text, type Text } from '../../shared/text.js';
import type { CameraSettings } from '../devices/camera/camera.js';
import { formatIsNotJpegOnly, type DetectedCamera } from '../devices/camera/gphoto2.js';
import type { HardwareProbe } from '../devices/devices.js';
import { ticketDevice } from '../devices/devices.js';
import { CupsPhotoPrinter } from '../devices/photo-printer/cups.js';
import { correctionsOf, type Settings } from '../settings/settings.js';
import type { PhotoSelfTest } from '../photo/self-test.js';
import { AppError } from '../../shared/errors.js';
import type { Exec } from '../system/exec.js';
import { errorOrigin } from '../log.js';
import type { KeyStoreStatus } from './key-store.js';
import { deviceFacts } from '../wipe/device-facts.js';

export interface DoctorEnv {
  exec: Exec;
  probe: () => Promise<HardwareProbe>;
  settings: Settings;
  dataDir: string;
  keyStore: () => KeyStoreStatus;
  versions: NodeJS.ProcessVersions;
  platform: NodeJS.Platform;
  now: () => Date;
  /** Reads a system file (cupsd.conf, /proc/net/route); injectable for tests. */
  readText: (file: string) => Promise<string>;
  /** Free bytes on the data folder's file system. */
  freeBytes: (dir: string) => Promise<number>;
  networkInterfaces: () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;
  /** Whether the disk under the data folder is encrypted (LUKS, BitLocker, FileVault). */
  diskEncryption: (dir: string) => Promise<{ encrypted: boolean | null; detail: string }>;
  /**
   * Reads the camera's capture target and recording format, with the camera to itself: the CLI
   * asks gphoto2 before the app starts; the app asks its camera service, which pauses the live
   * view meanwhile.
   */
  cameraSettings?: (cam: DetectedCamera) => Promise<CameraSettings>;
  /** The sample portrait judged with the app's detector and the rules in `settings` (photo/self-test.ts). */
  photoSelfTest: (settings: Settings) => Promise<PhotoSelfTest>;
}

export function systemDoctorEnv(base: Pick<DoctorEnv, 'exec' | 'probe' | 'settings' | 'dataDir' | 'keyStore' | 'photoSelfTest'>): DoctorEnv {
  return {
    ...base,
    versions: process.versions,
    platform: process.platform,
    now: () => new Date(),
    readText: (f) => readFile(f, 'utf8'),
    freeBytes: async (dir) => {
      const s = await statfs(dir);
      return s.bavail * s.bsize;
    },
    networkInterfaces: () => os.networkInterfaces(),
    diskEncryption: async (dir) => {
      const f = await deviceFacts(base.exec, dir);
      return { encrypted: f.diskEncrypted, detail: f.encryptionDetail };
    },
  };
}

type Finding = Omit<DoctorLine, 'id' | 'title'>;

/** An error's kind (its name), never its message: a line staff read carries no paths or data. */
const errorKind = (err: unknown) => errorOrigin(err).split(' | ')[0];

const line = (status: DoctorStatus, detail: Text, fix: Text | null = null): Finding => ({ status, detail, fix });

const TITLES: Record<DoctorLineId, Text> = {
  runtime: text('実行環境', 'Runtime'),
  camera: text('カメラ', 'Camera'),
  photoChecks: text('写真の判定（顔検出）', 'Photo checks (face detection)'),
  photoPrinter: text('写真プリンター', 'Photo printer'),
  ticketPrinter: text('整理券プリンター', 'Ticket printer'),
  keyStore: text('鍵の保護（OSキーストア）', 'Key protection (OS key store)'),
  printSpool: text('印刷ジョブの保存設定', 'Print job retention'),
  disk: text('空きディスク容量', 'Free disk space'),
  diskEncryption: text('ディスク全体の暗号化', 'Full-disk encryption'),
  antivirus: text('ウイルス対策', 'Antivirus'),
  network: text('ネットワーク', 'Network'),
};

// ---- the checks --------------------------------------------------------------------------

function checkRuntime(env: DoctorEnv): Finding {
  const node = env.versions.node;
  const electron = env.versions.electron;
  const detail = electron
    ? text(`Electron ${electron} / Node ${node}`, `Electron ${electron} / Node ${node}`)
    : text(`Node ${node}（ブラウザーホスト）`, `Node ${node} (browser host)`);
  if (node.split('.')[0] !== '22') {
    return line('warn', detail, text('Node 22 で実行してください（Electron 39 と同じ版）。', 'Run on Node 22 (the version Electron 39 bundles).'));
  }
  return line('ok', detail);
}

/**
 * A program holding the camera, which gphoto2 would then be refused: on a Linux desktop, GNOME's
 * gvfs mounts a camera as it is plugged in (for its photo import) and keeps it.
 */
export async function cameraHolder(exec: Exec, platform: NodeJS.Platform): Promise<string | null> {
  if (platform !== 'linux') return null;
  const r = await exec('pgrep', ['-x', 'gvfsd-gphoto2'], { timeoutMs: 3000 });
  return r.code === 0 ? 'gvfsd-gphoto2' : null;
}

function checkCamera(p: HardwareProbe, settings: Settings, platform: NodeJS.Platform, holder: string | null, read?: (cam: DetectedCamera) => Promise<CameraSettings>): Promise<Finding> | Finding {
  // Until a camera is attached: the station's webcam where the lead turned it on, else the demo camera.
  const sim = settings.webcamFallback
    ? text('それまではステーションのWebカメラで撮影します。', 'Until then the station’s webcam is used.')
    : text('デモ用の模擬カメラで動きます。', 'The simulated demo camera will be used.');
  if (!p.camera.found && p.camera.reason === 'not_installed' && platform === 'win32') {
    // gphoto2 does not run on Windows: the station's webcam is the camera there.
    return settings.webcamFallback
      ? line('ok', text('ステーションのWebカメラで撮影します（Windowsでは一眼カメラの接続は使えません）。', 'Photos are taken with the station’s webcam (tethered cameras are not available on Windows).'))
      : line('fail', text('Windowsでは一眼カメラをつなげません。', 'Tethered cameras are not available on Windows.'), text(`画面の「機器」の「Webカメラで撮影」で「使う」を選び、ステーションのWebカメラで撮影してください（設定ファイルでは webcamFallback）。${sim.ja}`, `Under Devices, set "Shoot with a webcam" to On and take photos with the station’s webcam (webcamFallback in the settings file). ${sim.en}`));
  }
  if (!p.camera.found) {
    if (p.camera.reason === 'not_installed') {
      return line('fail', text('gphoto2 がインストールされていません。', 'gphoto2 is not installed.'), text(`gphoto2 をインストールしてください（sudo apt install gphoto2）。${sim.ja}`, `Install gphoto2 (sudo apt install gphoto2). ${sim.en}`));
    }
    return line('warn', text(`カメラを確認できません（${p.camera.detail}）。`, `Could not check the camera (${p.camera.detail}).`), text('カメラの電源を入れ直し、USBケーブルを挿し直してください。', 'Switch the camera off and on, and re-plug the USB cable.'));
  }
  const cam = p.camera.cameras[0];
  if (!cam) {
    return line('warn', text('カメラが見つかりません。', 'No camera found.'), text(`カメラをUSBでつなぎ、電源を入れてください（スリープ中ならシャッターボタンを半押し）。${sim.ja}`, `Connect the camera by USB and switch it on (asleep: half-press the shutter button). ${sim.en}`));
  }
  if (holder) {
    return line(
      'warn',
      text(`${cam.model}（${cam.port}）をデスクトップの写真取り込み（${holder}）がつかんでいて、撮影できません。`, `${cam.model} (${cam.port}) is held by the desktop’s photo import (${holder}); photos cannot be taken.`),
      text(
        'ファイルマネージャーでカメラを「取り出す」か、端末で gio mount -s gphoto2 を実行してください。毎回起きる場合は systemctl --user mask gvfs-gphoto2-volume-monitor で自動マウントを止めてください。',
        'Eject the camera in the file manager, or run gio mount -s gphoto2 in a terminal. If it happens every time, stop the automount with systemctl --user mask gvfs-gphoto2-volume-monitor.',
      ),
    );
  }
  const more = p.camera.cameras.length > 1 ? ` (+${p.camera.cameras.length - 1})` : '';
  // Said when set, so whoever set up the booth can see it matches how the camera is mounted.
  const turned = settings.cameraTurnDegrees ? text(`、画像を右に${settings.cameraTurnDegrees}°回転`, `, picture turned ${settings.cameraTurnDegrees}° clockwise`) : text('', '');
  const found = text(`${cam.model}（${cam.port}）${more}${turned.ja}`, `${cam.model} (${cam.port})${more}${turned.en}`);
  if (!read) return line('ok', found);
  return read(cam).then(
    (s) => cameraSettingsFinding(found, s),
    () => line('ok', found),
  );
}

/** The camera found, and what its settings mean for the booth: RAW cannot be used; a still through the card needs the card formatted at the end. */
function cameraSettingsFinding(found: Text, s: CameraSettings): Finding {
  if (s.imageFormat && formatIsNotJpegOnly(s.imageFormat)) {
    return line(
      'warn',
      text(`${found.ja}。記録形式が「${s.imageFormat}」で、JPEG だけではありません。`, `${found.en}. It records "${s.imageFormat}", not JPEG alone.`),
      text('カメラの画質（記録形式）の設定を「JPEG」だけにしてください。RAW や HEIF の写真は使えません。', 'Set the camera’s image quality (file format) to JPEG only: RAW and HEIF photos cannot be used.'),
    );
  }
  // A target set to the card is set back to RAM before every capture; a body with none cannot be.
  if (s.noCaptureTarget) {
    return line(
      'warn',
      text(`${found.ja}。撮影先（内蔵メモリー）を選べない機種で、写真は一度カードに書かれます（取り込み後にアプリが消去）。`, `${found.en}. It has no capture target to choose: each photo is written to its card first (the app deletes it after download).`),
      text('消したデータは復元できることがあるため、イベントの終わりにカメラのメニューでカードを初期化してください。', 'Deleted files can sometimes be recovered: format the card in the camera’s menu at the end of the event.'),
    );
  }
  const format = s.imageFormat ? text(`、記録形式 ${s.imageFormat}`, `, recording ${s.imageFormat}`) : text('', '');
  return line('ok', text(`${found.ja}${format.ja}`, `${found.en}${format.en}`));
}

function checkPhotoPrinter(p: HardwareProbe, settings: Settings): Finding {
  const sim = text('写真シートは模擬プリンターがファイルに書き出します。', 'Photo sheets go to files through the simulated printer.');
  if (!p.cups.ok && p.spooler === 'windows') {
    return line('warn', text('Windows の印刷スプーラーからプリンターを読めません。', 'Cannot read the printers from the Windows print spooler.'), text(`「Print Spooler」サービスが動いているか確認してください（${p.cups.detail}）。${sim.ja}`, `Check that the Print Spooler service is running (${p.cups.detail}). ${sim.en}`));
  }
  if (!p.cups.ok) {
    const why =
      p.cups.reason === 'not_installed'
        ? text('印刷システム（CUPS）がありません。', 'The print system (CUPS) is not installed.')
        : text('印刷システム（CUPS）が動いていません。', 'The print system (CUPS) is not running.');
    return line('warn', why, text(`CUPS を入れて起動してください（sudo apt install cups）。${sim.ja}`, `Install and start CUPS (sudo apt install cups). ${sim.en}`));
  }
  const q = p.photoQueue;
  if (!q) {
    return line('warn', text('プリンターが登録されていません。', 'No printer queue is set up.'), text(`写真プリンターをつなぎ、OSのプリンター設定で追加してください。${sim.ja}`, `Connect the photo printer and add it in the OS printer settings. ${sim.en}`));
  }
  const sizes = Object.keys(q.media).join(', ');
  if (!sizes) {
    return line('warn', text(`${q.queue}: L判・2L判・KG（4×6）の用紙サイズがありません。`, `${q.queue}: no L, 2L or KG (4×6) paper size.`), text('写真用のドライバーを選んでください。', 'Choose the photo printer driver for this queue.'));
  }
  // The paper the sheets are laid out for (「写真の設定」): a queue without it refuses every sheet.
  const paper = settings.photoPaper;
  if (!(paper in q.media)) {
    return line(
      'fail',
      text(`${q.queue} に ${paper} 判の用紙サイズがありません（あるもの: ${sizes}）。`, `${q.queue} has no ${paper} paper size (it has ${sizes}).`),
      text(`「写真の設定」で用紙を ${sizes} から選び直すか、${paper} 判に対応したドライバーを選んでください。`, `Choose the paper from ${sizes} in Photo settings, or a driver with ${paper} paper for this queue.`),
    );
  }
  if (!q.enabled) {
    return p.spooler === 'windows'
      ? line('fail', text(`${q.queue} はオフラインです。`, `${q.queue} is offline.`), text('プリンターの電源とケーブルを確認し、「プリンターをオフラインで使用する」を外してください。', 'Check the printer’s power and cable, and clear "Use printer offline".'))
      : line('fail', text(`${q.queue} は停止中です。`, `${q.queue} is stopped.`), text(`プリンターを再開してください（cupsenable ${q.queue}）。`, `Resume the printer (cupsenable ${q.queue}).`));
  }
  // Sheets from a printer never measured on this paper may be a millimetre or two off.
  const measured = correctionsOf(settings.printerCalibration[q.queue]);
  if (!measured.some((m) => m.paper === paper)) {
    const other = measured[0];
    return line(
      'warn',
      other
        ? text(`${q.queue}（${sizes}）: ${paper} 判での校正がまだです（${other.paper} 判の補正を使います）。`, `${q.queue} (${sizes}): not yet calibrated on ${paper} paper (the ${other.paper} correction is used).`)
        : text(`${q.queue}（${sizes}）: 校正がまだです。`, `${q.queue} (${sizes}): not yet calibrated.`),
      text(`画面の「機器」で校正シートを ${paper} 判に印刷し、定規で測った値を入れてください。`, `Under Devices, print the calibration sheet on ${paper} paper and enter what a ruler shows.`),
    );
  }
  return line('ok', text(`${q.queue}（${sizes}）`, `${q.queue} (${sizes})`));
}

function checkTicketPrinter(p: HardwareProbe, settings: Settings): Finding {
  const dev = ticketDevice(p, settings);
  if (!dev) {
    return line('warn', text('整理券プリンターが見つかりません。', 'No ticket printer found.'), text('レシートプリンターをUSBでつないでください。見つからない間は整理券を画面に表示します。', 'Connect the receipt printer by USB. Until then tickets are shown on screen.'));
  }
  return line('ok', text(`${dev.model}（${dev.device}）`, `${dev.model} (${dev.device})`));
}

function checkKeyStore(k: KeyStoreStatus): Finding {
  if (k.backend === null) {
    return line('warn', text('OSのキーストアを使えません（ブラウザーホスト/CLI）。', 'No OS key store here (browser host / CLI).'), text('開局時に責任者がパスフレーズを入力して鍵を保護します。', 'The lead enters a passphrase when opening the day to protect the key.'));
  }
  if (!k.secure) {
    return line('warn', text(`キーストアが安全ではありません（${k.backend}）。`, `The key store is not secure (${k.backend}).`), text('パスフレーズで鍵を保護します。可能ならGNOMEキーリング等を有効にしてください。', 'A passphrase will protect the key; enable GNOME Keyring or similar if you can.'));
  }
  return line('ok', text(k.backend, k.backend));
}

/** The value of a cupsd.conf directive, or null when absent (the CUPS default applies). */
export function cupsDirective(conf: string, name: string): string | null {
  // Within one line: a directive with no value must not take the next line's first word.
  const m = new RegExp(`^[ \\t]*${name}[ \\t]+(\\S+)`, 'im').exec(conf);
  return m ? (m[1] ?? null) : null;
}

const OFF = /^(no|off|false|0)$/i;

/**
 * What CUPS keeps of a printed job, from cupsd.conf: job files (the photo itself), job history,
 * and the page log's job names. Empty when it keeps nothing. CUPS 2.x keeps history by default,
 * files for a day, and logs %{job-name} in its default PageLogFormat.
 */
export function spoolKeeps(conf: string): { detail: string; keeps: string[] } {
  const files = cupsDirective(conf, 'PreserveJobFiles') ?? '1d (default)';
  const history = cupsDirective(conf, 'PreserveJobHistory') ?? 'Yes (default)';
  // A bare PageLogFormat (Debian's default file) is an empty format: no page log.
  const pageLog = /^[ \t]*PageLogFormat(?:[ \t]+(.*))?$/im.exec(conf);
  const format = pageLog ? (pageLog[1] ?? '').trim() : null;
  const logsNames = format === null || /%\{job-name\}/.test(format);
  const keeps: string[] = [];
  if (!OFF.test(files)) keeps.push('PreserveJobFiles');
  if (!OFF.test(history)) keeps.push('PreserveJobHistory');
  if (logsNames) keeps.push('PageLogFormat');
  return { detail: `PreserveJobFiles=${files}, PreserveJobHistory=${history}, PageLogFormat=${format === null ? '(default, with job-name)' : format || '""'}`, keeps };
}

export const SPOOL_FIX = text(
  '印刷した写真や名前がスプールに残ります。sudo cupsctl PreserveJobFiles=No PreserveJobHistory=No を実行し、/etc/cups/cupsd.conf に PageLogFormat "" を加えてください。',
  'Printed photos or names would stay in the spool. Run: sudo cupsctl PreserveJobFiles=No PreserveJobHistory=No, and add PageLogFormat "" to /etc/cups/cupsd.conf.',
);

/** The fix for what cupsd.conf says CUPS keeps: only the settings that need it (all where unknown). */
export function spoolFix(keeps: readonly string[] | null): Text {
  if (keeps === null) return SPOOL_FIX;
  const cupsctl = ['PreserveJobFiles', 'PreserveJobHistory'].filter((k) => keeps.includes(k)).map((k) => `${k}=No`);
  const pageLog = keeps.includes('PageLogFormat');
  const run = cupsctl.length > 0 ? `sudo cupsctl ${cupsctl.join(' ')}` : null;
  if (run && pageLog) return SPOOL_FIX;
  if (run) return text(`印刷した写真がスプールに残ります。${run} を実行してください。`, `Printed photos would stay in the spool. Run: ${run}.`);
  return text('印刷した写真の名前がCUPSのログに残ります。/etc/cups/cupsd.conf に PageLogFormat "" を加えてください。', 'The names of printed photos would stay in the CUPS log. Add PageLogFormat "" to /etc/cups/cupsd.conf.');
}

/**
 * What CUPS keeps of a printed photo: from cupsd.conf, or, where it cannot be read (cupsd
 * rewrites it root:lp 0640, as cupsctl, the fix, makes it do), from the scheduler itself, with a
 * blank page held and cancelled that never prints. Only the file says whether job names reach
 * the page log; asked, the scheduler says whether it keeps ended jobs, which is where the photo
 * would be (null: it could not be asked). `printer` is looked for only when it is to be asked.
 */
export async function cupsRetention(
  readConf: () => Promise<string>,
  printer: () => Promise<CupsPhotoPrinter | null>,
): Promise<({ from: 'file' } & ReturnType<typeof spoolKeeps>) | { from: 'scheduler'; queue: string | null; kept: boolean | null }> {
  const conf = await readConf().catch(() => null);
  if (conf !== null) return { from: 'file', ...spoolKeeps(conf) };
  const p = await printer();
  return { from: 'scheduler', queue: p ? p.status().name : null, kept: p ? await p.keepsEndedJobs() : null };
}

/** What CUPS keeps, for printing to wait on the lead: the fix to make; null, nothing. */
export async function cupsSpoolKeeps(readConf: () => Promise<string>, printer: CupsPhotoPrinter | null): Promise<Text | null> {
  const r = await cupsRetention(readConf, () => Promise.resolve(printer));
  if (r.from === 'file') return r.keeps.length > 0 ? spoolFix(r.keeps) : null;
  return r.kept !== false ? SPOOL_FIX : null;
}

/** Windows: the printer's "keep printed documents" would keep every photo in the spool. */
export const WINDOWS_SPOOL_FIX = text('プリンターのプロパティの［詳細設定］で「印刷後ドキュメントを残す」をオフにしてください。', 'In the printer’s properties (Advanced), turn off "Keep printed documents".');

async function checkPrintSpool(env: DoctorEnv, probe: Promise<HardwareProbe>): Promise<Finding> {
  if (env.platform === 'win32') {
    const q = (await probe).photoQueue;
    if (!q) return line('warn', text('写真プリンターがないため確認していません。', 'Not checked: no photo printer.'), WINDOWS_SPOOL_FIX);
    return q.keepsPrintedJobs
      ? line('fail', text(`${q.queue} は印刷後のドキュメントを残す設定です。`, `${q.queue} keeps printed documents.`), WINDOWS_SPOOL_FIX)
      : line('ok', text(`${q.queue}: 印刷後のドキュメントを残しません`, `${q.queue}: printed documents are not kept`));
  }
  const r = await cupsRetention(
    () => env.readText('/etc/cups/cupsd.conf'),
    async () => {
      const q = (await probe).photoQueue;
      return q ? new CupsPhotoPrinter(env.exec, q.queue, q.media) : null;
    },
  );
  if (r.from === 'file') {
    return r.keeps.length === 0 ? line('ok', text(r.detail, r.detail)) : line('fail', text(r.detail, r.detail), spoolFix(r.keeps));
  }
  if (r.queue && r.kept === false) {
    return line('ok', text(`${r.queue}: 終わったジョブを残しません（CUPSに確かめました。設定ファイルは読めません）`, `${r.queue}: ended jobs are not kept (asked of CUPS; its settings file cannot be read)`));
  }
  if (r.queue && r.kept === true) {
    return line('fail', text(`${r.queue}: 終わったジョブを残します（CUPSに確かめました）`, `${r.queue}: ended jobs are kept (asked of CUPS)`), SPOOL_FIX);
  }
  return line('warn', text('CUPSの設定（/etc/cups/cupsd.conf）を読めません。', 'Cannot read the CUPS settings (/etc/cups/cupsd.conf).'), text('CUPSを入れてから、ジョブファイルと履歴を残さない設定にしてください（sudo cupsctl PreserveJobFiles=No PreserveJobHistory=No）。', 'After installing CUPS, stop it keeping job files and history (sudo cupsctl PreserveJobFiles=No PreserveJobHistory=No).'));
}

const GB = 1024 ** 3;

async function checkDisk(env: DoctorEnv): Promise<Finding> {
  const free = await env.freeBytes(env.dataDir);
  const gb = (free / GB).toFixed(1);
  const detail = text(`${gb} GB（${env.dataDir}）`, `${gb} GB (${env.dataDir})`);
  if (free < 0.2 * GB) return line('fail', detail, text('空き容量がほとんどありません。不要なファイルを削除してください。', 'Almost no space left. Remove files you do not need.'));
  if (free < 2 * GB) return line('warn', detail, text('空き容量が少なめです（2 GB 未満）。', 'Free space is low (under 2 GB).'));
  return line('ok', detail);
}

async function checkDiskEncryption(env: DoctorEnv): Promise<Finding> {
  const r = await env.diskEncryption(env.dataDir);
  const detail = text(r.detail, r.detail);
  const fix = text(
    'ノートPCのディスク全体を暗号化してください（Linux: LUKS、Windows: BitLocker、Mac: FileVault）。SSDでは上書き消去を証明できないため、終了時の消去を完全にするのはディスク暗号化です。',
    'Encrypt the laptop’s whole disk (Linux: LUKS, Windows: BitLocker, Mac: FileVault). Overwriting cannot be proven on SSDs; disk encryption is what makes the end-of-event wipe complete.',
  );
  if (r.encrypted === true) return line('ok', detail);
  return line('warn', r.encrypted === false ? text(`暗号化されていません（${r.detail}）`, `Not encrypted (${r.detail})`) : text(`確認できません（${r.detail}）`, `Cannot tell (${r.detail})`), fix);
}

/** `clamscan --version` → "ClamAV 1.0.7/27468/Tue Nov 19 09:35:39 2024": engine, db, db date. */
export function parseClamVersion(out: string): { engine: string; db: string | null; dbDate: Date | null } | null {
  const m = /ClamAV\s+([\d.]+)(?:\/(\d+)\/(.+))?/.exec(out);
  if (!m) return null;
  const date = m[3] ? new Date(m[3].trim()) : null;
  return { engine: m[1] ?? '', db: m[2] ?? null, dbDate: date && !Number.isNaN(date.getTime()) ? date : null };
}

async function checkAntivirus(env: DoctorEnv): Promise<Finding> {
  if (env.platform === 'win32') {
    const r = await env.exec('powershell.exe', ['-NoProfile', '-Command', 'Get-MpComputerStatus | Select-Object AntivirusEnabled,AntivirusSignatureAge | ConvertTo-Json'], { timeoutMs: 15000 });
    try {
      const s = JSON.parse(r.stdout.toString('utf8')) as { AntivirusEnabled?: boolean; AntivirusSignatureAge?: number };
      const detail = text(`Microsoft Defender：定義ファイル ${s.AntivirusSignatureAge ?? '?'} 日前`, `Microsoft Defender: definitions ${s.AntivirusSignatureAge ?? '?'} days old`);
      if (!s.AntivirusEnabled) return line('fail', detail, text('Microsoft Defender を有効にしてください。', 'Turn Microsoft Defender on.'));
      if ((s.AntivirusSignatureAge ?? 99) > 7) return line('warn', detail, text('定義ファイルを更新してください。', 'Update the virus definitions.'));
      return line('ok', detail);
    } catch {
      return line('warn', text('Microsoft Defender の状態を読めません。', 'Cannot read Microsoft Defender status.'), text('Windows セキュリティで状態を確認してください。', 'Check the status in Windows Security.'));
    }
  }
  if (env.platform !== 'linux') {
    return line('warn', text('この OS では自動確認していません。', 'Not checked automatically on this OS.'), text('ウイルス対策ソフトが有効で最新か確認してください。', 'Check that antivirus is on and up to date.'));
  }
  const r = await env.exec('clamscan', ['--version'], { timeoutMs: 15000 });
  const v = r.notFound ? null : parseClamVersion(r.stdout.toString('utf8'));
  if (!v) {
    return line('fail', text('ウイルス対策（ClamAV）が見つかりません。', 'No antivirus (ClamAV) found.'), text('ClamAV を入れて定義を更新してください（sudo apt install clamav clamav-freshclam）。', 'Install ClamAV and update its definitions (sudo apt install clamav clamav-freshclam).'));
  }
  if (!v.dbDate) {
    return line('warn', text(`ClamAV ${v.engine}：定義ファイルがありません。`, `ClamAV ${v.engine}: no virus definitions.`), text('sudo freshclam で定義ファイルを取得してください。', 'Fetch definitions with sudo freshclam.'));
  }
  const days = Math.floor((env.now().getTime() - v.dbDate.getTime()) / 86_400_000);
  const detail = text(`ClamAV ${v.engine}：定義 ${v.db}（${days} 日前）`, `ClamAV ${v.engine}: definitions ${v.db} (${days} days old)`);
  if (days > 7) return line('warn', detail, text('定義ファイルが古くなっています。sudo freshclam で更新してください。', 'Definitions are old. Update with sudo freshclam.'));
  return line('ok', detail);
}

/** The interface of the default route in /proc/net/route (destination 00000000). */
export function defaultRouteInterface(routeTable: string): string | null {
  for (const row of routeTable.split('\n').slice(1)) {
    const f = row.trim().split(/\s+/);
    if (f[1] === '00000000' && f[0]) return f[0];
  }
  return null;
}

async function checkNetwork(env: DoctorEnv): Promise<Finding> {
  const ifaces = env.networkInterfaces();
  const up = Object.entries(ifaces).filter(([, addrs]) => (addrs ?? []).some((a) => !a.internal));
  let route: string | null = null;
  if (env.platform === 'linux') {
    route = await env.readText('/proc/net/route').then(defaultRouteInterface, () => null);
  }
  const inUse = route ?? up[0]?.[0] ?? null;
  if (!inUse) {
    return line('warn', text('ネットワークにつながっていません。', 'No network connection.'), text('オンライン申請の補助には専用回線（モバイルルーター等）が必要です。それ以外の業務はオフラインで続けられます。', 'Online application help needs the booth’s own line (e.g. a mobile router). Everything else works offline.'));
  }
  const wireless = /^(wl|wlan|wifi)/.test(inUse) ? '（無線）' : '';
  return line('ok', text(`${inUse}${wireless}`, `${inUse}${wireless ? ' (wireless)' : ''}`), null);
}

/** A 24 MP photo judged slower than this keeps a citizen waiting (the target is 0.2 s on two cores). */
export const SLOW_PHOTO_MS = 1000;

async function checkPhotoChecks(env: DoctorEnv): Promise<Finding> {
  const reinstall = text('アプリを入れ直してください。続く場合は開発者に連絡してください。', 'Reinstall the app; if it persists, tell the developers.');
  let r: PhotoSelfTest;
  try {
    r = await env.photoSelfTest(env.settings);
  } catch (err) {
    const why = err instanceof AppError ? err.body.message : text(`見本の写真を判定できませんでした（${errorKind(err)}）。`, `The sample photo could not be judged (${errorKind(err)}).`);
    return line('fail', why, reinstall);
  }
  if (r.faces !== 1 || !r.located) {
    return line('fail', text(`見本の写真で顔を正しく見つけられませんでした（顔 ${r.faces}）。`, `The face on the sample photo was not found as it should be (faces: ${r.faces}).`), reinstall);
  }
  const s = (r.ms / 1000).toFixed(1);
  if (r.ms > SLOW_PHOTO_MS) {
    return line(
      'warn',
      text(`写真1枚（2400万画素）の判定に ${s} 秒かかります。`, `Judging one photo (24 MP) takes ${s} s.`),
      text('ほかのアプリを閉じ、パソコンを電源につないでください（省電力の設定では遅くなります）。', 'Close other apps and plug the laptop in (power saving slows it down).'),
    );
  }
  return line('ok', text(`見本の写真で確認しました（2400万画素1枚 ${s} 秒）。`, `Checked on the sample photo (a 24 MP photo in ${s} s).`));
}

// ---- the report -------------------------------------------------------------------------

const RANK: Record<DoctorStatus, number> = { ok: 0, warn: 1, fail: 2 };

export async function runDoctor(env: DoctorEnv): Promise<DoctorReport> {
  const probe = env.probe();
  const checks: [DoctorLineId, () => Promise<Finding> | Finding][] = [
    ['runtime', () => checkRuntime(env)],
    ['camera', async () => {
      const holder = await cameraHolder(env.exec, env.platform);
      // Asked only of a camera nothing else holds: a second program would be refused it.
      return checkCamera(await probe, env.settings, env.platform, holder, holder ? undefined : env.cameraSettings);
    }],
    ['photoChecks', () => checkPhotoChecks(env)],
    ['photoPrinter', async () => checkPhotoPrinter(await probe, env.settings)],
    ['ticketPrinter', async () => checkTicketPrinter(await probe, env.settings)],
    ['keyStore', () => checkKeyStore(env.keyStore())],
    ['printSpool', () => checkPrintSpool(env, probe)],
    ['disk', () => checkDisk(env)],
    ['diskEncryption', () => checkDiskEncryption(env)],
    ['antivirus', () => checkAntivirus(env)],
    ['network', () => checkNetwork(env)],
  ];
  const lines = await Promise.all(
    checks.map(async ([id, check]): Promise<DoctorLine> => {
      try {
        return { id, title: TITLES[id], ...(await check()) };
      } catch (err) {
        return {
          id,
          title: TITLES[id],
          status: 'fail',
          detail: text(`確認中にエラー: ${errorKind(err)}`, `The check failed: ${errorKind(err)}`),
          fix: text('もう一度実行し、続く場合は開発者に連絡してください。', 'Run it again; if it persists, tell the developers.'),
        };
      }
    }),
  );
  const worst = lines.reduce<DoctorStatus>((w, l) => (RANK[l.status] > RANK[w] ? l.status : w), 'ok');
  return { checkedAt: env.now().toISOString(), lines, worst };
}
