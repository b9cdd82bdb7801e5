// What every CLI command shares: its I/O, the one-line failure, and the usage error.
import type { Lang } from '../../shared/text.js';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user interrupts (Ctrl+C / SIGTERM); used by long-running commands. */
  interrupted: () => Promise<void>;
}

export interface GlobalFlags {
  json: boolean;
  lang: Lang;
  dataDir: string | undefined;
}

/** A failure the user can fix: printed as one line, exit code as given. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface Command {
  name: string;
  summary: { ja: string; en: string };
  usage: string;
  /** Command-specific flags for node:util parseArgs, beside the global ones. */
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;
  /** Takes positional words (given to run() as values._positionals). */
  positionals?: boolean;
  run(values: Record<string, string | boolean | string[] | undefined>, flags: GlobalFlags, io: CliIo): Promise<number>;
}
