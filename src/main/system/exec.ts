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
      const stdout = Buffer.concat(out);
      // The pieces as they came off the pipe may hold a photo (gphoto2 --stdout): only the joined
      // copy, which the caller owns and wipes, is kept.
      for (const chunk of out) chunk.fill(0);
      resolve({ ...r, stdout, stderr: err.slice(0, 16_384), timedOut });
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

export interface StreamingChild {
  /** Resolves with the exit code (null when killed) once the tool has ended. */
  readonly exited: Promise<number | null>;
  /** Ends the tool and whatever it started: SIGINT (as Ctrl-C), then SIGKILL after a grace period. */
  stop(graceMs?: number): Promise<void>;
  stderr(): string;
}

export type SpawnStream = (cmd: string, args: readonly string[], onData: (chunk: Buffer) => void) => StreamingChild;

/** A long-running tool whose output is consumed as it comes (a camera's live view). */
export const spawnStream: SpawnStream = (cmd, args, onData) => {
  const group = process.platform !== 'win32';
  const child = spawn(cmd, [...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, detached: group });
  let err = '';
  child.stdout.on('data', onData);
  child.stderr.on('data', (c: Buffer) => {
    if (err.length < 16_384) err += c.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('exit', (code) => resolve(code));
  });
  const signal = (sig: NodeJS.Signals) => {
    try {
      if (group && child.pid) process.kill(-child.pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };
  return {
    exited,
    stderr: () => err,
    async stop(graceMs = 1500) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // As Ctrl-C: gphoto2 ends its live-view loop after the frame under way and lets go of the
      // camera properly (a Canon leaves live view, its mirror down); SIGTERM would skip that.
      signal('SIGINT');
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      child.stdout.destroy();
      child.stderr.destroy();
    },
  };
};
