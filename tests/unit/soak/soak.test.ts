// The CI-sized simulated day: 60 visits through the browser host's contract, each photographed,
// printed and wiped. Its figures go to test-output/soak.json; what is asserted is correctness
// (no error, every sheet printed, every session wipe logged), never a time.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cliRun } from '../../support/cli.js';
import { repoRoot } from '../../support/test-app.js';

/** The built CLI in its own process (as CI runs it after the build): the detector runs in its worker thread. */
function builtCli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, 'bin', 'madoguchi.js'), ...args], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out: stdout.split('\n').filter(Boolean), err: stderr.split('\n').filter(Boolean) });
    });
  });
}

// MADOGUCHI_LONG=1 runs the full day (600 visits) instead of the CI-sized one.
const VISITS = process.env.MADOGUCHI_LONG ? 600 : 60;

describe('soak', () => {
  it(`runs ${VISITS} visits end to end with no error and every session wipe logged`, async () => {
    const r = await builtCli(['soak', '--visits', String(VISITS), '--json']);
    expect(r.err).toEqual([]);
    const out = JSON.parse(r.out[0]!) as { ok: boolean; errors: string[]; sessionWipesLogged: number; printed: number; steps: Record<string, { runs: number }>; remnants: unknown[] };
    mkdirSync(path.join(repoRoot, 'test-output'), { recursive: true });
    writeFileSync(path.join(repoRoot, 'test-output', 'soak.json'), JSON.stringify(out, null, 2) + '\n');
    expect(out.errors).toEqual([]);
    // The run's canaries (staff name, comments, inquiries, the incentive's kana name) are nowhere
    // in the data folder — not in the app's log, not in clear in the store — and no photo is left.
    expect(out.remnants).toEqual([]);
    expect(out).toMatchObject({ ok: true, sessionWipesLogged: VISITS, printed: VISITS });
    expect(r.code).toBe(0);
    for (const step of ['queue.issue', 'visit.start', 'photo.capture', 'photo.print', 'visit.record', 'survey.submit', 'visit.end']) expect(out.steps[step]?.runs, step).toBe(VISITS);
    expect(out.steps['incentive.pay']?.runs).toBe(VISITS / 2);
  }, VISITS * 2_000);

  it('refuses a data folder that is not empty, and a bad count', async () => {
    expect((await cliRun(['soak', '--visits', 'many'])).code).toBe(2);
    expect((await cliRun(['soak', '--visits', '1', '--data-dir', repoRoot])).code).toBe(2);
  });
});
