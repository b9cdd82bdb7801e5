// What one visit holds that must not outlive it: photo buffers and other secrets (the 申請書ID
// as bytes, never as a string that cannot be zeroed), and any temporary file the visit could not
// avoid. The session wipe zeroes and destroys all of it.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import { makeDirs } from '../paths.js';

export class VisitVault {
  readonly id = randomUUID();
  private readonly photos: Buffer[] = [];
  private readonly secrets: Buffer[] = [];
  readonly printJobs: string[] = [];
  private tempCount = 0;
  private surveyTaken = false;

  /** One survey per visit from the station: refuses a second one. */
  assertSurveyOpen(): void {
    if (this.surveyTaken) throw new AppError('conflict', text('アンケートはすでに回答済みです。ありがとうございました。', 'The survey has already been answered. Thank you.'));
  }

  /** Called once the answer is stored, so a refused answer can be corrected and sent again. */
  markSurveyTaken(): void {
    this.surveyTaken = true;
  }

  constructor(
    private readonly tempRoot: string,
    readonly startedAt: Date,
  ) {}

  get tempDir(): string {
    return path.join(this.tempRoot, this.id);
  }

  /** Takes ownership of a photo buffer; the wipe zeroes it. */
  holdPhoto(buf: Buffer): Buffer {
    this.photos.push(buf);
    return buf;
  }

  holdSecret(buf: Buffer): Buffer {
    this.secrets.push(buf);
    return buf;
  }

  holdPrintJob(jobId: string): void {
    this.printJobs.push(jobId);
  }

  /** A path for a temporary file of this visit (its folder is mode 0700). */
  tempFile(ext: string): string {
    makeDirs(this.tempDir, 0o700);
    this.tempCount += 1;
    return path.join(this.tempDir, `${this.tempCount}.${ext.replace(/[^a-z0-9]/gi, '')}`);
  }

  /** Zeroes every buffer it holds and forgets them; answers how many of each. */
  zero(): { photos: number; secrets: number; bytes: number } {
    let bytes = 0;
    for (const b of [...this.photos, ...this.secrets]) {
      bytes += b.length;
      b.fill(0);
    }
    const counts = { photos: this.photos.length, secrets: this.secrets.length, bytes };
    this.photos.length = 0;
    this.secrets.length = 0;
    return counts;
  }
}
