// Demo mode: renders the ESC/POS bytes as a text preview, answers with it for the screen, and
// writes it to the demo output folder. Tickets carry a number and a time, nothing personal.
import type { DeviceStatus } from '../../../shared/contract.js';
import { DemoOutputFolder } from '../demo-output.js';
import { renderPreview } from './escpos.js';
import type { TicketPrinter } from './ticket-printer.js';

export class SimulatedTicketPrinter implements TicketPrinter {
  readonly simulated = true;
  private readonly out: DemoOutputFolder;

  constructor(
    outputDir: string,
    now?: () => Date,
    /** Render only, write nothing (seed-demo prints thousands of tickets). */
    private readonly quiet = false,
  ) {
    this.out = new DemoOutputFolder(outputDir, now);
  }

  status(): DeviceStatus {
    return {
      kind: 'ticketPrinter',
      simulated: true,
      name: '模擬整理券プリンター / simulated ticket printer',
      state: 'ready',
      outputDir: this.out.dir,
    };
  }

  print(bytes: Uint8Array): Promise<{ preview: string | null }> {
    const preview = renderPreview(bytes);
    if (!this.quiet) this.out.write('ticket', 'txt', preview + '\n');
    return Promise.resolve({ preview });
  }
}
