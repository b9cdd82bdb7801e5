// The tethered camera through the gphoto2 command-line tool. A child process per call means a
// libgphoto2 hang or crash never takes the main process down; every call has a timeout.
import type { DeviceStatus } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import { text, type Text } from '../../../shared/text.js';
import { spawnStream, type Exec, type SpawnStream } from '../../system/exec.js';
import { CameraRefusedShot, type Camera, type CameraSettings, type CardClear, type LiveView } from './camera.js';
import { MjpegSplitter } from './mjpeg.js';
import { jpegEnd, stillFormat } from './still-file.js';

export interface DetectedCamera {
  model: string;
  port: string;
}

/** Parses `gphoto2 --auto-detect`: a header, a dashed rule, then "Model   port" rows. */
export function parseAutoDetect(out: string): DetectedCamera[] {
  const lines = out.split('\n');
  const rule = lines.findIndex((l) => /^-{10,}/.test(l.trim()));
  if (rule < 0) return [];
  return lines
    .slice(rule + 1)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim().length > 0)
    .map((l) => {
      const m = /^(.*?)\s{2,}(\S+)$/.exec(l.trim());
      return m ? { model: (m[1] ?? '').trim(), port: m[2] ?? '' } : null;
    })
    .filter((c): c is DetectedCamera => c !== null && c.model.length > 0);
}

export type Gphoto2Probe =
  | { found: true; cameras: DetectedCamera[] }
  | { found: false; reason: 'not_installed' | 'timeout' | 'error'; detail: string };

export async function detectCameras(exec: Exec, timeoutMs = 8000): Promise<Gphoto2Probe> {
  const r = await exec('gphoto2', ['--auto-detect'], { timeoutMs });
  if (r.notFound) return { found: false, reason: 'not_installed', detail: 'gphoto2 not found on PATH' };
  if (r.timedOut) return { found: false, reason: 'timeout', detail: `gphoto2 --auto-detect took over ${timeoutMs} ms` };
  if (r.code !== 0) return { found: false, reason: 'error', detail: r.stderr.trim().split('\n')[0] ?? `exit ${r.code}` };
  return { found: true, cameras: parseAutoDetect(r.stdout.toString('utf8')) };
}

/** Counts the files `gphoto2 --list-files` shows ("#1  IMG_0001.JPG  rd  6012 KB …" rows). */
export function countListedFiles(out: string): number {
  return out.split('\n').filter((l) => /^#\d+\s/.test(l.trim())).length;
}

/**
 * The folders `gphoto2 --list-files` shows files in, with how many: "There are 3 files in folder
 * '/DCIM/100CANON'." then a "#n …" row each (n counts across folders; --delete-file counts
 * within its --folder).
 */
export function listedFolders(out: string): { folder: string; files: number }[] {
  const folders: { folder: string; files: number }[] = [];
  let current: { folder: string; files: number } | null = null;
  for (const line of out.split('\n').map((l) => l.trim())) {
    const m = /^There (?:is|are) (?:no|\d+) files? in folder '(.*)'[.:]$/.exec(line);
    if (m) {
      current = { folder: m[1] ?? '', files: 0 };
      folders.push(current);
    } else if (current && /^#\d+\s/.test(line)) {
      current.files += 1;
    }
  }
  return folders.filter((f) => f.files > 0);
}

/** At most this many files are deleted one by one when deleting them all stopped at one. */
const ONE_BY_ONE_AT_MOST = 20;

/** The "Current:" line of `gphoto2 --get-config NAME`. */
export function configCurrent(out: string): string | null {
  const m = /^Current:\s*(.*)$/m.exec(out);
  return m ? (m[1] ?? '').trim() : null;
}

/** A recording format that is not JPEG alone: RAW in any maker's name, or HEIF. */
export function formatIsNotJpegOnly(current: string): boolean {
  return /raw|nef|raf|arw|cr2|cr3|dng|orf|rw2|heif|heic/i.test(current);
}

/**
 * Reads the capture target and the recording format (Canon calls it imageformat; Nikon, Sony and
 * Fujifilm imagequality). Claims the camera for each call: only for when nothing else holds it.
 */
export async function readCameraSettings(exec: Exec, cam: DetectedCamera, timeoutMs = 8000): Promise<CameraSettings> {
  const get = async (name: string) => {
    const r = await exec('gphoto2', ['--port', cam.port, '--get-config', name], { timeoutMs });
    return { current: r.code === 0 ? configCurrent(r.stdout.toString('utf8')) : null, absent: r.code !== 0 && /not found in configuration tree/i.test(r.stderr) };
  };
  const target = await get('capturetarget');
  let imageFormat: string | null = null;
  for (const name of ['imageformat', 'imagequality']) {
    imageFormat = (await get(name)).current;
    if (imageFormat) break;
  }
  return { captureTarget: target.current, noCaptureTarget: target.absent, imageFormat };
}

/** A gphoto2 call killed at its timeout. */
export const CAMERA_TIMED_OUT = text('カメラが応答しません。電源とUSBケーブルを確認してください。', 'The camera does not answer. Check its power and USB cable.');

/** What went wrong, from gphoto2's error lines, in words for staff. */
export function gphoto2Problem(stderr: string): { kind: 'focus' | 'card' | 'busy' | 'claimed' | 'no_target' | 'unsupported' | 'gone' | 'other'; message: Text } {
  // gphoto2 stops at the first option that fails, so a body without a capture target (many Sony
  // and Fujifilm bodies) refuses the whole call before the shutter. Read before "gone", whose
  // "not found" it would otherwise match.
  if (/capturetarget (?:not found in configuration tree|is read only)/i.test(stderr)) {
    return {
      kind: 'no_target',
      message: text('このカメラは撮影先（内蔵メモリー）を選べません。', 'This camera has no capture target (internal RAM) to choose.'),
    };
  }
  // libgphoto2's own words: Canon "Canon EOS Capture failed to release: Perhaps no focus?", Nikon "Out of Focus".
  if (/no focus|out of focus/i.test(stderr)) {
    return {
      kind: 'focus',
      message: text(
        'ピントが合わず、撮影できませんでした。カメラの正面で少し動いてもらい、もう一度撮影してください。続く場合は照明を明るくするか、レンズをMF（手動ピント）にして合わせてください。',
        'The camera could not focus and took no picture. Ask the citizen to move a little in front of the camera and shoot again. If it keeps happening, add light or set the lens to MF and focus by hand.',
      ),
    };
  }
  // Canon "…failed to release: Perhaps no more memory on card?"; libgphoto2's -115 "Not enough space".
  if (/no more memory on card|-115\b|not enough (?:free )?space/i.test(stderr)) {
    return {
      kind: 'card',
      message: text(
        'カメラのカードに空きがないため撮影できませんでした。空のSDカードに入れ替えてください（写真はカードに保存しませんが、空きがないと撮影しない機種があります）。',
        'The camera took no picture: its card is full. Put in an empty SD card (photos are not kept on it, but some bodies will not shoot without room).',
      ),
    };
  }
  // 0x2019 is PTP's "device busy" (a Canon body still writing or focusing).
  if (/-110|I\/O in progress|busy|Capture failed: 2019/i.test(stderr)) {
    return { kind: 'busy', message: text('カメラが処理中です。少し待ってからもう一度お試しください。', 'The camera is busy. Wait a moment and try again.') };
  }
  // The app never runs two gphoto2 at once (the camera service waits for each to end), so a
  // refused claim is another program: on a Linux desktop, its photo import (gvfs) mounting the camera.
  if (/-53\b|Could not claim/i.test(stderr)) {
    return {
      kind: 'claimed',
      message: text(
        '別のプログラムがカメラを使っています（パソコンの写真の取り込みなど）。そのプログラムを閉じてください。自動で再接続します。',
        'Another program is using the camera (the computer’s photo import, say). Close it. It reconnects by itself.',
      ),
    };
  }
  // -6 is libgphoto2's "Unsupported operation": a body in a USB mode for copying files (or one
  // that cannot be shot from a computer at all). Changing the mode re-plugs it, and it is found again.
  // Its live view ends with "can not capture previews" and no error number (and exit status 0).
  if (/\(-6:|Unsupported operation|does not support (?:generic )?capture|can not capture/i.test(stderr)) {
    return {
      kind: 'unsupported',
      message: text(
        'このカメラは、いまの設定ではパソコンから撮影できません。カメラのUSB接続の設定を、パソコンから操作して撮影するモード（「PCリモート」「テザー撮影」など）にしてください。そのモードがない機種は使えません。',
        'This camera cannot be shot from the computer as it is set. Set its USB connection to the mode for shooting from a computer (“PC Remote”, “tethered shooting” …). Models without one cannot be used.',
      ),
    };
  }
  if (/-52|-105|-7\b|Could not (?:find|detect)|No camera found|not found|I\/O problem|LIBUSB_ERROR/i.test(stderr)) {
    return {
      kind: 'gone',
      message: text(
        'カメラとの接続が切れました。電源が入っているか、USBケーブルが抜けていないか確認してください。スリープしていたら、シャッターボタンを半押ししてください。自動で再接続します。',
        'The camera was disconnected. Check that it is switched on and the USB cable is plugged in. If it has gone to sleep, half-press the shutter button. It reconnects by itself.',
      ),
    };
  }
  return { kind: 'other', message: text('カメラから画像を受け取れませんでした。もう一度お試しください。', 'No image came from the camera. Please try again.') };
}

/** The body has no capture target to set: the adapter shoots again without setting one. */
class NoCaptureTarget extends AppError {
  constructor(message: Text) {
    super('unavailable', message);
  }
}

/** A still in a format the pipeline does not take, from a body set to record RAW or HEIF. */
export const NOT_JPEG = text(
  'カメラが JPEG 以外の形式（RAW・HEIF など）で記録しているため、写真を使えませんでした。カメラの画質（記録形式）の設定を「JPEG」だけにしてください（RAW+JPEG ではなく）。',
  'The camera records in a format other than JPEG (RAW, HEIF …), so the photo could not be used. Set the camera’s image quality (file format) to JPEG only (not RAW+JPEG).',
);

const SHOOT = ['--capture-image-and-download', '--stdout'];
const TO_RAM = ['--set-config', 'capturetarget=0'];
/**
 * Models found to have no capture target, for the app's run: a camera looked for again (a new
 * adapter) is the same body, and need not be refused once more before its next shot.
 */
const modelsWithoutTarget = new Set<string>();

export class Gphoto2Camera implements Camera {
  readonly simulated = false;
  private state: DeviceStatus['state'] = 'ready';
  /** Captures since the last clearCard() that went through the card. */
  private shotsViaCard = 0;

  constructor(
    private readonly exec: Exec,
    private readonly camera: DetectedCamera,
    private readonly timeouts = { preview: 5000, capture: 20000 },
    private readonly spawn: SpawnStream = spawnStream,
  ) {}

  /**
   * A capture goes to the camera's RAM (most Canon and Nikon bodies, once told), or, for a body
   * without a capture target to set, to its card, from which gphoto2 deletes the file once it
   * has been downloaded. Learnt at the first capture (or from settings()), per model.
   */
  private get shootsThroughCard(): boolean {
    return modelsWithoutTarget.has(this.camera.model);
  }

  /** `--capture-movie --stdout`: the camera's live view as motion JPEG, split into frames. */
  startLiveView(onFrame: (jpeg: Buffer) => void): LiveView {
    const splitter = new MjpegSplitter(onFrame);
    const child = this.spawn('gphoto2', ['--port', this.camera.port, '--capture-movie', '--stdout'], (c) => splitter.push(c));
    this.state = 'busy';
    let stopped = false;
    const ended = child.exited.then((code) => {
      this.state = stopped || code === 0 ? 'ready' : 'offline';
      return stopped ? null : new AppError('unavailable', gphoto2Problem(child.stderr() || 'ended').message);
    });
    return {
      ended,
      stop: async () => {
        stopped = true;
        await child.stop();
      },
    };
  }

  status(): DeviceStatus {
    return { kind: 'camera', simulated: false, name: this.camera.model, state: this.state, outputDir: null };
  }

  private async run(args: string[], timeoutMs: number): Promise<Buffer> {
    this.state = 'busy';
    const r = await this.exec('gphoto2', ['--port', this.camera.port, ...args], { timeoutMs });
    this.state = r.code === 0 ? 'ready' : 'offline';
    // Whatever came that is not used is a picture of the citizen too: zeroed before it is let go.
    const format = r.code === 0 && !r.timedOut ? stillFormat(r.stdout) : 'unknown';
    if (format !== 'jpeg') r.stdout.fill(0);
    if (r.timedOut) {
      throw new AppError('unavailable', CAMERA_TIMED_OUT);
    }
    // A body set to record RAW or HEIF answers with that file: it works, only its setting is wrong.
    if (format === 'raw' || format === 'heif') throw new CameraRefusedShot(NOT_JPEG);
    if (format !== 'jpeg') {
      const problem = gphoto2Problem(r.stderr);
      if (problem.kind === 'no_target') throw new NoCaptureTarget(problem.message);
      throw problem.kind === 'focus' || problem.kind === 'card' ? new CameraRefusedShot(problem.message) : new AppError('unavailable', problem.message);
    }
    // RAW+JPEG with the JPEG first: the JPEG is used, the file after it zeroed.
    const end = jpegEnd(r.stdout);
    if (end !== null && end < r.stdout.length) {
      r.stdout.fill(0, end);
      return r.stdout.subarray(0, end);
    }
    return r.stdout;
  }

  preview(): Promise<Buffer> {
    return this.run(['--capture-preview', '--stdout'], this.timeouts.preview);
  }

  /**
   * Sets the capture target to the camera's internal RAM before every capture (some bodies flip
   * it back) and streams the image to stdout, so it is never written to a file here. A body that
   * has no capture target refuses the whole call; it is then shot without one, from then on.
   */
  async capture(): Promise<Buffer> {
    if (!this.shootsThroughCard) {
      try {
        return await this.run([...TO_RAM, ...SHOOT], this.timeouts.capture);
      } catch (err) {
        if (!(err instanceof NoCaptureTarget)) throw err;
        modelsWithoutTarget.add(this.camera.model);
      }
    }
    const jpeg = await this.run(SHOOT, this.timeouts.capture);
    this.shotsViaCard += 1;
    return jpeg;
  }

  /** The body's settings; one found to have no capture target is shot without one from the start. */
  async settings(): Promise<CameraSettings> {
    const s = await readCameraSettings(this.exec, this.camera, this.timeouts.preview);
    if (s.noCaptureTarget) modelsWithoutTarget.add(this.camera.model);
    return s;
  }

  private async listFiles(): Promise<string> {
    const r = await this.exec('gphoto2', ['--port', this.camera.port, '--list-files'], { timeoutMs: this.timeouts.preview * 2 });
    if (r.timedOut || r.code !== 0) {
      throw new AppError('unavailable', text('カメラのメモリーカードを確認できません。', 'Cannot check the camera’s memory card.'));
    }
    return r.stdout.toString('utf8');
  }

  async clearCard(): Promise<CardClear> {
    const found = countListedFiles(await this.listFiles());
    // Shots gphoto2 deleted from the card itself after downloading them; when the card cannot
    // be listed they are kept for the next clearing, so each deletion is recorded once.
    const throughCard = this.shotsViaCard;
    this.shotsViaCard = 0;
    if (found === 0) return { found, deleted: 0, remaining: 0, throughCard };
    await this.exec('gphoto2', ['--port', this.camera.port, '--delete-all-files', '--recurse'], { timeoutMs: this.timeouts.capture });
    let left = await this.listFiles();
    // gphoto2 stops at the first file it cannot delete (a picture the camera protects), leaving
    // the files after it too: those go one by one, last first so the numbers hold.
    const stuck = listedFolders(left);
    if (stuck.length > 0 && countListedFiles(left) <= ONE_BY_ONE_AT_MOST) {
      for (const { folder, files } of stuck) {
        for (let n = files; n >= 1; n -= 1) {
          await this.exec('gphoto2', ['--port', this.camera.port, '--folder', folder, '--delete-file', String(n)], { timeoutMs: this.timeouts.capture });
        }
      }
      left = await this.listFiles();
    }
    const remaining = countListedFiles(left);
    return { found, deleted: found - remaining, remaining, throughCard };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
