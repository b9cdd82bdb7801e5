// Finds the hardware and picks, per port, the real adapter when its device is there and the
// simulated one otherwise (photos print through CUPS, or the print spooler on Windows). Doctor
// reads the same probe, so the screen and `doctor` agree.
import path from 'node:path';
import type { AppMode, DeviceStatus } from '../../shared/contract.js';
import { appModeOf } from '../../shared/app-mode.js';
import type { Exec } from '../system/exec.js';
import type { Settings } from '../settings/settings.js';
import type { DataPaths } from '../paths.js';
import type { Camera } from './camera/camera.js';
import { detectCameras, Gphoto2Camera, type Gphoto2Probe } from './camera/gphoto2.js';
import { SimulatedCamera } from './camera/simulated-camera.js';
import { CupsPhotoPrinter, probeCups, queueOptions, type CupsProbe } from './photo-printer/cups.js';
import type { PhotoPrinter, SheetMedia } from './photo-printer/photo-printer.js';
import { SimulatedPhotoPrinter } from './photo-printer/simulated-photo-printer.js';
import { asPrintSystemProbe, probeWindowsPrinters, WindowsSpoolerPhotoPrinter, windowsMedia } from './photo-printer/windows-spooler.js';
import { SimulatedTicketPrinter } from './ticket-printer/simulated-ticket-printer.js';
import type { TicketPrinter } from './ticket-printer/ticket-printer.js';
import { findUsblpPrinters, UsblpTicketPrinter, type UsblpDevice } from './ticket-printer/usblp.js';
import { looksLikeWindowsReceiptPrinter, WindowsRawTicketPrinter } from './ticket-printer/windows-raw.js';

export interface DeviceSet {
  camera: Camera;
  photoPrinter: PhotoPrinter;
  ticketPrinter: TicketPrinter;
}

export interface PhotoQueueProbe {
  queue: string;
  enabled: boolean;
  choices: string[];
  media: Partial<Record<SheetMedia, string>>;
  /** Windows: the printer keeps documents after printing (the photo would stay in the spool). */
  keepsPrintedJobs?: boolean;
  /** The driver's default resolution in dpi; null: it names none. */
  dpi: number | null;
}

export interface HardwareProbe {
  camera: Gphoto2Probe;
  /** The print system: CUPS, or on Windows the print spooler (see `spooler`). */
  cups: CupsProbe;
  /** Set on Windows: photos print through the Windows spooler rather than CUPS. */
  spooler?: 'windows';
  /** The queue the booth would print photos on, with its paper sizes; null when none. */
  photoQueue: PhotoQueueProbe | null;
  /**
   * Receipt printers for tickets: usblp devices on Linux; on Windows, printers whose name or driver
   * is a receipt printer's (`device` is then the printer's name).
   */
  usblp: UsblpDevice[];
}

export async function probeHardware(exec: Exec, settings: Settings, platform: NodeJS.Platform = process.platform): Promise<HardwareProbe> {
  if (platform === 'win32') {
    const [camera, spooler] = await Promise.all([detectCameras(exec), probeWindowsPrinters(exec)]);
    const printers = spooler.ok ? spooler.printers : [];
    // Receipt printers take tickets (RAW ESC/POS through the spooler), never photos.
    const receipt = printers.filter((p) => looksLikeWindowsReceiptPrinter(p.name, p.driver));
    const photo = printers.filter((p) => !receipt.includes(p)).map((p) => ({ ...p, media: windowsMedia(p.papers) }));
    const hasSheets = (p: { media: object }) => Object.keys(p.media).length > 0;
    // The one named in the settings; else the default, or the first, that has a booth sheet size.
    const chosen = settings.photoPrinterQueue
      ? photo.find((p) => p.name === settings.photoPrinterQueue)
      : (photo.find((p) => p.isDefault && hasSheets(p)) ?? photo.find(hasSheets) ?? photo[0]);
    const photoQueue: PhotoQueueProbe | null = chosen
      ? { queue: chosen.name, enabled: !chosen.offline, choices: chosen.papers.map((p) => p.name), media: chosen.media, keepsPrintedJobs: chosen.keepPrintedJobs, dpi: chosen.dpi }
      : null;
    // The ticket printer's "device" on Windows is its printer name.
    const usblp = receipt.map((p) => ({ device: p.name, model: p.driver || p.name, escpos: true }));
    return { camera, cups: asPrintSystemProbe(spooler), spooler: 'windows', photoQueue, usblp };
  }
  const [camera, cups, usblp] = await Promise.all([detectCameras(exec), probeCups(exec), findUsblpPrinters()]);
  let photoQueue: PhotoQueueProbe | null = null;
  if (cups.ok) {
    const name = settings.photoPrinterQueue ?? cups.defaultQueue ?? cups.queues[0]?.name ?? null;
    const queue = cups.queues.find((q) => q.name === name);
    if (name && queue) {
      photoQueue = { queue: name, enabled: queue.enabled, ...(await queueOptions(exec, name)) };
    }
  }
  return { camera, cups, photoQueue, usblp };
}

export function ticketDevice(probe: HardwareProbe, settings: Settings): UsblpDevice | null {
  if (settings.ticketPrinterDevice) {
    return probe.usblp.find((d) => d.device === settings.ticketPrinterDevice) ?? {
      device: settings.ticketPrinterDevice,
      model: path.basename(settings.ticketPrinterDevice),
      escpos: true,
    };
  }
  return probe.usblp.find((d) => d.escpos) ?? null;
}

export interface ChooseOptions {
  /** Force every port onto its simulator (demo mode by choice, and tests). */
  demo: boolean;
  settings: Settings;
  paths: DataPaths;
  exec: Exec;
  /** The photographs shipped with the app for the simulated camera. */
  bundledDemoPhotos: string;
  /** Simulated printers keep their output in memory only. */
  quiet?: boolean;
}

export function chooseDevices(probe: HardwareProbe | null, o: ChooseOptions): DeviceSet {
  const real = o.demo ? null : probe;
  const cam = real && real.camera.found ? real.camera.cameras[0] : undefined;
  const queue = real?.photoQueue && Object.keys(real.photoQueue.media).length > 0 ? real.photoQueue : null;
  const ticket = real ? ticketDevice(real, o.settings) : null;
  return {
    camera: cam ? new Gphoto2Camera(o.exec, cam) : new SimulatedCamera(o.settings.demoPhotosDir ?? o.bundledDemoPhotos),
    photoPrinter: queue
      ? real?.spooler === 'windows'
        ? new WindowsSpoolerPhotoPrinter(o.exec, queue.queue, queue.media, queue.dpi)
        : new CupsPhotoPrinter(o.exec, queue.queue, queue.media, queue.dpi)
      : new SimulatedPhotoPrinter(path.join(o.paths.demoOutputDir, 'photo-sheets')),
    ticketPrinter: ticket
      ? real?.spooler === 'windows'
        ? new WindowsRawTicketPrinter(o.exec, ticket.device, ticket.model)
        : new UsblpTicketPrinter(ticket.device, ticket.model)
      : new SimulatedTicketPrinter(path.join(o.paths.demoOutputDir, 'tickets'), undefined, o.quiet === true),
  };
}

export function deviceStatuses(d: DeviceSet): DeviceStatus[] {
  return [d.camera.status(), d.photoPrinter.status(), d.ticketPrinter.status()];
}

export function appMode(d: DeviceSet): AppMode {
  return appModeOf(deviceStatuses(d));
}
