import { AppError } from '../../../shared/errors.js';
import { pick, type Lang } from '../../../shared/text.js';
import { CliError } from '../cli-io.js';

/** Runs a step whose AppError should end the command with its message as the one line. */
export function settingsOrCliError<T>(step: () => T, lang: Lang): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof AppError) throw new CliError(pick(err.body.message, lang), 1);
    throw err;
  }
}
