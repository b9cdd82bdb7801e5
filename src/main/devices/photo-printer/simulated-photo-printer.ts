// Demo mode: "prints" the rendered sheet to a folder shown on screen. Demo mode runs on the
// simulated camera's stock photographs, so nothing personal reaches this folder; the wipe
// clears it with the rest of the data folder.
import type { DeviceStatus } from '../../../shared/contract.js';
import { DemoOutputFolder } from '../demo-output.js';
import type { PhotoPrinter, PrintJob } from './photo-printer.js';

export class SimulatedPhotoPrinter implements PhotoPrinter {
  readonly simulated = true;
  private readonly out: DemoOutputFolder;

  constructor(outputDir: string, now?: () => Date) {
    this.out = new DemoOutputFolder(outputDir, now);
  }

  status(): DeviceStatus {
    return {
      kind: 'photoPrinter',
      simulated: true,
      name: '模擬写真プリンター / simulated photo printer',
      state: 'ready',
      outputDir: this.out.dir,
    };
  }

  print(job: PrintJob): Promise<{ jobId: string }> {
    const { n } = this.out.write(job.media, job.mime === 'application/pdf' ? 'pdf' : 'png', job.document);
    return Promise.resolve({ jobId: `sim-${n}` });
  }
}
