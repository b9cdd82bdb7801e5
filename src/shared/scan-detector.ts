// A USB barcode/QR scanner in keyboard mode types the whole code in a burst, far faster than a
// person (a few ms a key), then Enter. This tells such a burst from typing, anywhere in the
// console, so staff need not click into a field first and typing is never mistaken for a scan.
export interface ScanTiming {
  /** Longest gap between keys still counted as the scanner's. */
  maxGapMs: number;
  /** Fewest characters a scan has (a 23-digit ID, or a URL). */
  minLength: number;
}

export const DEFAULT_SCAN_TIMING: ScanTiming = { maxGapMs: 35, minLength: 10 };

export class ScanDetector {
  private buf = '';
  private last = -Infinity;

  constructor(private readonly timing: ScanTiming = DEFAULT_SCAN_TIMING) {}

  /**
   * One key as the browser reports it (`KeyboardEvent.key`) and when. Answers the scanned text
   * when Enter ends a burst long and fast enough; null otherwise.
   */
  key(key: string, atMs: number): string | null {
    const gap = atMs - this.last;
    this.last = atMs;
    if (key === 'Enter' || key === 'Tab') {
      const scanned = this.buf;
      this.buf = '';
      return gap <= this.timing.maxGapMs * 2 && scanned.length >= this.timing.minLength ? scanned : null;
    }
    if (key.length !== 1) {
      this.buf = '';
      return null;
    }
    // A pause: what came before was typing (or another burst that never ended).
    if (gap > this.timing.maxGapMs) this.buf = '';
    this.buf += key;
    return null;
  }

  /** Whether keys are arriving as a scan right now (the console lets them pass by fields). */
  scanning(atMs: number): boolean {
    return this.buf.length >= 3 && atMs - this.last <= this.timing.maxGapMs;
  }
}
