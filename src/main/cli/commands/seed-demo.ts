import { AppError } from '../../../shared/errors.js';
import { pick } from '../../../shared/text.js';
import { boot } from '../../boot.js';
import { noKeyStore } from '../../doctor/key-store.js';
import { silentLogger } from '../../log.js';
import { seedDemo } from '../../seed/seed-demo.js';
import { CliError, type Command } from '../cli-io.js';
import { readPassphrase } from '../passphrase.js';

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  summary: { ja: 'デモ用の架空の1シーズン分のデータを作ります', en: 'Fill the store with a synthetic season for demos and tests' },
  usage:
    'madoguchi seed-demo --visits N [--photos K] [--canary TEXT] [--seed S] [--data-dir D] [--json]\n' +
    '  The store passphrase comes from MADOGUCHI_PASSPHRASE or a prompt; an empty data folder is created with it.',
  options: { visits: { type: 'string' }, photos: { type: 'string' }, canary: { type: 'string' }, seed: { type: 'string' } },
  async run(values, flags, io) {
    const int = (name: string, v: unknown, dflt: number, max: number) => {
      const n = v === undefined ? dflt : Number(v);
      if (!Number.isInteger(n) || n < 0 || n > max) throw new CliError(`--${name} must be a whole number 0–${max}`);
      return n;
    };
    const visits = int('visits', values.visits, 300, 200_000);
    const photos = int('photos', values.photos, 0, visits);
    const seed = int('seed', values.seed, 1, 2 ** 31);
    const canary = typeof values.canary === 'string' ? values.canary : '';
    const passphrase = await readPassphrase(io.env, flags.lang === 'en' ? 'Store passphrase: ' : 'データベースのパスフレーズ: ', flags.lang);
    // A synthetic season: its own clock, from the first Saturday of October 2022 (when the city's
    // incentive began in the request for proposal), simulators only.
    const clock = { now: new Date('2022-10-01T01:00:00Z') };
    let booted;
    try {
      booted = await boot({
        dataDir: flags.dataDir,
        demo: true,
        host: 'browser',
        keyStore: () => noKeyStore,
        passphrase,
        now: () => clock.now,
        quietSimulators: true,
        consoleIdleMinutes: 24 * 60,
        log: silentLogger,
        extraWipeRoots: [],
      });
    } catch (err) {
      if (err instanceof AppError) throw new CliError(pick(err.body.message, flags.lang), 1);
      throw err;
    }
    if (!booted.store.isOpen()) {
      throw new CliError(flags.lang === 'en' ? 'The store did not open with that passphrase' : 'そのパスフレーズではデータベースを開けませんでした', 1);
    }
    try {
      const r = await seedDemo(booted.app, booted.devices, { visits, photos, canary, seed, clock });
      io.out(flags.json ? JSON.stringify(r) : `seed-demo: ${r.visits} visits on ${r.days} days, ${r.tickets} tickets, ${r.photos} photos (wiped with their visits), ${r.applicants} applicants, ${r.incentives} incentives, ${r.surveys} surveys, ${r.inquiries} inquiries — ${r.ms} ms`);
      return 0;
    } catch (err) {
      throw new CliError((err as Error).message.replace(/^seed-demo: /, ''), 1);
    } finally {
      await booted.app.close();
    }
  },
};
