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
    // Its own process group (POSIX), so a timeout kills whatever the tool started too: a helper
    // left holding the output pipe would otherwise keep the call waiting.
    const group = process.platform !== 'win32';
    const child = spawn(cmd, [...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...(opts.env ?? process.env), LC_ALL: 'C', LANG: 'C' },
      detached: group,
    });
    const kill = () => {
      try {
        if (group && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
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
        kill();
        return;
      }
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < 16_384) err += chunk.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => finish({ code: null, notFound: e.code === 'ENOENT' }));
    child.on('close', (code) => finish({ code, notFound: false }));
    // After a kill, do not wait for pipes a stray grandchild might still hold.
    child.on('exit', (code) => {
      if (timedOut) {
        child.stdout.destroy();
        child.stderr.destroy();
        finish({ code, notFound: false });
      }
    });
    // The tool may exit before reading stdin (EPIPE); that shows in its exit code, not here.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? undefined);
  });
