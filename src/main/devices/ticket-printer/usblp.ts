// A USB receipt printer through the kernel's usblp driver (/dev/usb/lpN on Linux): the ESC/POS
// bytes are written to the character device. Only devices whose IEEE 1284 ID looks like a
// receipt printer are picked, so a photo printer on usblp never receives ESC/POS.
import { open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DeviceStatus } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import { TICKET_PRINTER_UNREACHABLE, type TicketPrinter } from './ticket-printer.js';

export interface UsblpDevice {
  device: string;
  /** MFG and MDL from the IEEE 1284 device ID, e.g. "EPSON TM-T88VI". */
  model: string;
  escpos: boolean;
}

export function parseIeee1284(id: string): { mfg: string; mdl: string; cmd: string } {
  const field = (keys: string[]) => {
    for (const k of keys) {
      const m = new RegExp(`(?:^|;)\\s*${k}:([^;]*)`, 'i').exec(id);
      if (m) return (m[1] ?? '').trim();
    }
    return '';
  };
  return { mfg: field(['MFG', 'MANUFACTURER']), mdl: field(['MDL', 'MODEL']), cmd: field(['CMD', 'COMMAND SET']) };
}

export function looksLikeReceiptPrinter(id: { mfg: string; mdl: string; cmd: string }): boolean {
  return /ESC\/?POS/i.test(id.cmd) || /^TM-|^TSP|^RP-|^CT-S|^SRP-/i.test(id.mdl);
}

export async function findUsblpPrinters(sysRoot = '/sys/class/usbmisc', devRoot = '/dev/usb'): Promise<UsblpDevice[]> {
  let names: string[];
  try {
    names = (await readdir(sysRoot)).filter((n) => /^lp\d+$/.test(n));
  } catch {
    return [];
  }
  const found: UsblpDevice[] = [];
  for (const n of names.sort()) {
    let raw = '';
    try {
      raw = await readFile(path.join(sysRoot, n, 'device', 'ieee1284_id'), 'utf8');
    } catch {
      // no ID: cannot tell what it is, so it is listed but never chosen automatically
    }
    const id = parseIeee1284(raw);
    found.push({ device: path.join(devRoot, n), model: `${id.mfg} ${id.mdl}`.trim() || n, escpos: looksLikeReceiptPrinter(id) });
  }
  return found;
}

export class UsblpTicketPrinter implements TicketPrinter {
  readonly simulated = false;

  constructor(
    private readonly device: string,
    private readonly model: string,
    private readonly timeoutMs = 5000,
  ) {}

  status(): DeviceStatus {
    return { kind: 'ticketPrinter', simulated: false, name: `${this.model} (${this.device})`, state: 'ready', outputDir: null };
  }

  async print(bytes: Uint8Array): Promise<{ preview: string | null }> {
    const failed = () => new AppError('unavailable', TICKET_PRINTER_UNREACHABLE);
    let timer: NodeJS.Timeout | undefined;
    const fh = await open(this.device, 'w').catch(() => {
      throw failed();
    });
    try {
      // usblp blocks while the printer is out of paper; a timeout turns that into a message.
      await Promise.race([
        fh.write(bytes),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(failed()), this.timeoutMs);
        }),
      ]);
    } catch (err) {
      throw err instanceof AppError ? err : failed();
    } finally {
      clearTimeout(timer);
      await fh.close().catch(() => {});
    }
    return { preview: null };
  }
}
