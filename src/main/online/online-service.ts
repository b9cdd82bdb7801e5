// The online application (⑤): the citizen's 申請書ID from the form's QR code (scanner or camera)
// or typed, held for the visit only as zeroable bytes, and the isolated window that opens the
// application with it, the visit's online photo handed to its upload field. Staff see the ID's
// last four digits; logs never carry it.
import { writeFileSync } from 'node:fs';
import { maskApplicationId, parseApplicationId } from '../../shared/application-id.js';
import type { OnlineState } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { text, type Text } from '../../shared/text.js';
import type { CameraService } from '../devices/camera/camera-service.js';
import type { EventBus } from '../event-bus.js';
import type { Logger } from '../log.js';
import type { PhotoService } from '../photo/photo-service.js';
import type { Settings } from '../settings/settings.js';
import type { VisitService } from '../visit/visit-service.js';
import type { VisitVault } from '../visit/visit-vault.js';
import { shredIfPresent } from '../wipe/shred.js';
import { readQrCodes } from './qr-reader.js';

/** Opens the isolated window (the Electron shell); absent in the browser host. */
export interface OnlineWindowOpener {
  open(o: { url: string; allowHosts: readonly string[]; photoFile: string | null; onClosed: () => void }): void;
  closeAll(): void;
}

interface Current {
  vault: VisitVault;
  /** The 23 digits as bytes, zeroed by the visit's wipe. */
  id: Buffer;
  /** The QR's own https address (it carries the ID), or null. */
  url: string | null;
  source: OnlineState['source'];
  window: 'closed' | 'open';
  photoFile: string | null;
}

export interface OnlineServiceDeps {
  visits: VisitService;
  photos: PhotoService;
  camera: CameraService;
  settings: () => Settings;
  opener: OnlineWindowOpener | null;
  bus: EventBus;
  log: Logger;
}

export class OnlineService {
  private current: Current | null = null;

  constructor(private readonly d: OnlineServiceDeps) {}

  private mine(): Current | null {
    const vault = this.d.visits.openVault();
    return this.current && this.current.vault === vault ? this.current : null;
  }

  /** Where the window would go, or why it cannot. */
  private target(c: Current): { url: string; host: string } | { problem: Text } {
    const { allowHosts, urlTemplate } = this.d.settings().onlineApplication;
    const url = c.url ?? (urlTemplate ? urlTemplate.replace('{id}', c.id.toString('ascii')) : null);
    if (!url) return { problem: text('手入力の申請書IDで開く申請画面のアドレスが設定されていません（設定 onlineApplication.urlTemplate）。QRコードを読み取ってください。', 'No address is set for typed application IDs (setting onlineApplication.urlTemplate). Scan the QR code instead.') };
    const host = new URL(url).host;
    if (!allowHosts.includes(host)) {
      return { problem: text(`申請画面のホスト ${host} は許可されていません。市役所に確認のうえ、設定 onlineApplication.allowHosts に加えてください。`, `The host ${host} is not allowed. After checking with the city office, add it to the setting onlineApplication.allowHosts.`) };
    }
    return { url, host };
  }

  state(): OnlineState | null {
    const c = this.mine();
    if (!c) return null;
    const t = this.target(c);
    const photo = this.d.photos.onlineFile();
    return {
      id: maskApplicationId(c.id.toString('ascii')),
      source: c.source,
      host: 'host' in t ? t.host : null,
      photo: photo ? { width: photo.width, height: photo.height, bytes: photo.jpeg.length } : null,
      window: !this.d.opener ? 'unavailable' : c.window,
      problem: 'problem' in t ? t.problem : !this.d.opener ? text('この画面（ブラウザでの開発用表示）からは申請画面を開けません。アプリ（Electron）で開いてください。', 'The application window opens only in the app (Electron), not in this development browser view.') : null,
    };
  }

  private announce(): OnlineState | null {
    const s = this.state();
    this.d.bus.emit('online.changed', s);
    return s;
  }

  begin(raw: string, source: OnlineState['source']): OnlineState {
    const vault = this.d.visits.open();
    const parsed = parseApplicationId(raw);
    if (!parsed.ok) {
      this.d.log.info('online.refused', { reason: parsed.reason, source });
      throw new AppError('bad_request', parsed.message);
    }
    this.clear();
    this.current = { vault, id: vault.holdSecret(Buffer.from(parsed.id, 'ascii')), url: parsed.url, source, window: 'closed', photoFile: null };
    this.d.log.info('online.id_read', { source });
    return this.announce() as OnlineState;
  }

  /** The form held up to the camera: a frame, its QR codes, the first that is a 申請書ID. */
  async scanCamera(): Promise<OnlineState> {
    this.d.visits.open();
    const frame = await this.d.camera.preview();
    let codes: string[];
    try {
      codes = await readQrCodes(frame);
    } finally {
      frame.fill(0);
    }
    if (codes.length === 0) throw new AppError('not_found', text('QRコードが見つかりません。申請書のQRコードをカメラに向けて、もう一度押してください。', 'No QR code was found. Hold the form’s QR code up to the camera and press again.'));
    const found = codes.find((c) => parseApplicationId(c).ok);
    return this.begin(found ?? codes[0] ?? '', 'camera');
  }

  open(): OnlineState {
    const c = this.mine();
    if (!c) throw new AppError('conflict', text('申請書IDがまだ読み取られていません。', 'No application ID has been read yet.'));
    const t = this.target(c);
    if ('problem' in t) throw new AppError('unavailable', t.problem);
    if (!this.d.opener) throw new AppError('unavailable', (this.state() as OnlineState).problem ?? text('申請画面を開けません。', 'The application window cannot open.'));
    // The photo goes to the visit's RAM-backed folder for the upload field, and is destroyed when
    // the window closes (the visit's wipe destroys the folder in any case).
    const photo = this.d.photos.onlineFile();
    if (photo && !c.photoFile) {
      c.photoFile = c.vault.tempFile('jpg');
      writeFileSync(c.photoFile, photo.jpeg, { mode: 0o600 });
    }
    const opened = c;
    this.d.opener.open({
      url: t.url,
      allowHosts: this.d.settings().onlineApplication.allowHosts,
      photoFile: c.photoFile,
      onClosed: () => {
        if (opened.photoFile) shredIfPresent(opened.photoFile);
        opened.photoFile = null;
        opened.window = 'closed';
        if (this.current === opened) this.announce();
      },
    });
    c.window = 'open';
    this.d.log.info('online.window_opened', { photo: photo !== null });
    return this.announce() as OnlineState;
  }

  /** Forgets the ID now (its bytes zeroed) and closes the window. */
  clear(): null {
    const c = this.current;
    this.current = null;
    if (!c) return null;
    c.id.fill(0);
    this.d.opener?.closeAll();
    if (c.photoFile) shredIfPresent(c.photoFile);
    this.d.bus.emit('online.changed', null);
    return null;
  }
}
