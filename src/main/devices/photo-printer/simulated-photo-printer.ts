// Demo mode: "prints" the rendered sheet to a folder shown on screen. Demo mode runs on the
// simulated camera's stock photographs, so nothing personal reaches this folder; the wipe
// clears it with the rest of the data folder.
import type { DeviceStatus } from '../../../shared/contract.js';
import { shredIfPresent } from '../../wipe/shred.js';
import { DemoOutputFolder } from '../demo-output.js';
import type { JobState, PhotoPrinter, PrintJob, SpoolPurge } from './photo-printer.js';

export class SimulatedPhotoPrinter implements PhotoPrinter {
  readonly simulated = true;
  readonly nativeDpi = null;
  private readonly out: DemoOutputFolder;
  private readonly files = new Map<string, string>();

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
    const { n, file } = this.out.write(job.media, job.mime === 'application/pdf' ? 'pdf' : 'png', job.document);
    const jobId = `sim-${n}`;
    this.files.set(jobId, file);
    return Promise.resolve({ jobId });
  }

  /** The simulator prints at once. */
  jobState(_jobId: string): Promise<JobState> {
    return Promise.resolve({ state: 'done', problem: null });
  }

  /** The sheet may hold a real photo (webcam fallback): it goes when the visit ends. */
  purge(jobIds: readonly string[]): Promise<SpoolPurge> {
    let gone = 0;
    for (const id of jobIds) {
      const file = this.files.get(id);
      if (file && shredIfPresent(file).files > 0) gone += 1;
      this.files.delete(id);
    }
    return Promise.resolve({ gone, kept: 0 });
  }
}
