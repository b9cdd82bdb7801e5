// A growing wait after each wrong passphrase, kept in a small file so restarting the CLI does not
// reset it: 0 s for the first 2 failures, then 2, 4, 8 … up to 60 s.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface UnlockGuard {
  /** Milliseconds to wait before the next attempt may be checked. */
  delayMs(): number;
  failed(): void;
  succeeded(): void;
  failures(): number;
}

export function unlockDelayMs(failures: number): number {
  if (failures < 2) return 0;
  return Math.min(60_000, 1000 * 2 ** (failures - 1));
}

export function fileUnlockGuard(file: string): UnlockGuard {
  const read = (): number => {
    try {
      if (!existsSync(file)) return 0;
      const n = (JSON.parse(readFileSync(file, 'utf8')) as { failures?: unknown }).failures;
      return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : 0;
    } catch {
      return 0;
    }
  };
  const write = (n: number) => writeFileSync(file, JSON.stringify({ failures: n }) + '\n', { mode: 0o600 });
  return {
    delayMs: () => unlockDelayMs(read()),
    failed: () => write(read() + 1),
    succeeded: () => write(0),
    failures: read,
  };
}
