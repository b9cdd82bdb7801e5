// Runs an outside tool (gphoto2, lp, lpstat, clamscan …) as a child process. A hung tool is
// killed at its timeout so it can never stall the main process; output is capped in size.
import { spawn } from 'node:child_process';

export interface ExecResult {
  /** Exit code; null when killed (timeout) or never started. */
  code: number | null;
  stdout: Buffer;
  stderr: string;
  timedOut: boolean;
  /** The program is not installed (ENOENT). */
  notFound: boolean;
}

export interface ExecOptions {
  timeoutMs: number;
  input?: Uint8Array;
  maxStdoutBytes?: number;
  env?: NodeJS.ProcessEnv;
}

export type Exec = (cmd: string, args: readonly string[], opts: ExecOptions) => Promise<ExecResult>;

export const exec: Exec = (cmd, args, opts) =>
  new Promise((resolve) => {
    const maxOut = opts.maxStdoutBytes ?? 64 * 1024 * 1024;
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(cmd, [...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...(opts.env ?? process.env), LC_ALL: 'C', LANG: 'C' },
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    const finish = (r: Omit<ExecResult, 'stdout' | 'stderr' | 'timedOut'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, stdout: Buffer.concat(out), stderr: err.slice(0, 16_384), timedOut });
    };
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxOut) {
        child.kill('SIGKILL');
        return;
      }
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 16_384) err += chunk.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => finish({ code: null, notFound: e.code === 'ENOENT' }));
    child.on('close', (code) => finish({ code, notFound: false }));
    // The tool may exit before reading stdin (EPIPE); that shows in its exit code, not here.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? undefined);
  });
