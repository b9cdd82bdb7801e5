// Demo mode: renders the ESC/POS bytes as a text preview, keeps the last one for the screen, and
// writes it to the demo output folder. Tickets carry a number and a time, nothing personal.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DeviceStatus } from '../../../shared/contract.js';
import { renderPreview } from './escpos.js';
import type { TicketPrinter } from './ticket-printer.js';

export class SimulatedTicketPrinter implements TicketPrinter {
  readonly simulated = true;
  private count = 0;

  constructor(
    private readonly outputDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  status(): DeviceStatus {
    return {
      kind: 'ticketPrinter',
      simulated: true,
      name: '模擬整理券プリンター / simulated ticket printer',
      state: 'ready',
      outputDir: this.outputDir,
    };
  }

  print(bytes: Uint8Array): Promise<{ preview: string | null }> {
    const preview = renderPreview(bytes);
    mkdirSync(this.outputDir, { recursive: true, mode: 0o700 });
    this.count += 1;
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    writeFileSync(path.join(this.outputDir, `${stamp}-${this.count}.txt`), preview + '\n', { mode: 0o600 });
    return Promise.resolve({ preview });
  }
}
