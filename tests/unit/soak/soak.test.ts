// The CI-sized simulated day: 60 visits through the browser host's contract, each photographed,
// printed and wiped. Its figures go to test-output/soak.json; what is asserted is correctness
// (no error, every sheet printed, every session wipe logged), never a time.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cliRun } from '../../support/cli.js';
import { repoRoot } from '../../support/test-app.js';
import { FAULT_KINDS, planFaults } from '../../../src/main/soak/faults.js';

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

  it('carries the day through every hardware fault, as staff would, without a lost visit or a second sheet', async () => {
    const visits = 40;
    const r = await builtCli(['soak', '--visits', String(visits), '--faults', '--seed', '7', '--json']);
    expect(r.err).toEqual([]);
    const out = JSON.parse(r.out[0]!) as { ok: boolean; errors: string[]; sessionWipesLogged: number; printed: number; remnants: unknown[]; faults: Record<string, { injected: number; recovered: number; told: string }>; spool: { sheetsOut: number; leftInSpool: number }; frames: number };
    writeFileSync(path.join(repoRoot, 'test-output', 'soak-faults.json'), JSON.stringify(out, null, 2) + '\n');
    expect(out.errors).toEqual([]);
    expect(out.remnants).toEqual([]);
    // Every kind happened (twice each) and was put right; staff were told in Japanese what to do.
    expect(Object.keys(out.faults).sort()).toEqual([...FAULT_KINDS].sort());
    for (const [kind, t] of Object.entries(out.faults)) {
      expect(t.injected, kind).toBe(2);
      expect(t.recovered, kind).toBe(t.injected);
      expect(t.told, kind).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(out.faults.cameraUnpluggedCapture?.told).toContain('USBケーブル');
    expect(out.faults.printerOutOfPaper?.told).toContain('用紙がありません');
    // One sheet per visit on paper (a jammed job is purged before the sheet is sent again), and
    // nothing left in the spool.
    expect(out.spool).toEqual({ sheetsOut: visits, leftInSpool: 0 });
    expect(out).toMatchObject({ ok: true, sessionWipesLogged: visits, printed: visits });
    expect(out.frames).toBeGreaterThan(visits);
    expect(r.code).toBe(0);
  }, 120_000);

  it('plans faults by seed: the same seed the same visits, each kind twice, never the first visit', () => {
    const a = planFaults(60, 7);
    expect([...a]).toEqual([...planFaults(60, 7)]);
    expect([...a]).not.toEqual([...planFaults(60, 8)]);
    expect(new Set(a.values())).toEqual(new Set(FAULT_KINDS));
    expect(a.size).toBe(16);
    for (const kind of FAULT_KINDS) expect([...a.values()].filter((k) => k === kind), kind).toHaveLength(2);
    expect(planFaults(600, 1).size).toBe(100);
    expect(a.has(0)).toBe(false);
    expect([...a.keys()].every((v) => v > 0 && v < 60)).toBe(true);
    expect(planFaults(9, 1).size).toBe(8);
  });

  it('refuses a data folder that is not empty, and a bad count', async () => {
    expect((await cliRun(['soak', '--visits', 'many'])).code).toBe(2);
    expect((await cliRun(['soak', '--visits', '1', '--data-dir', repoRoot])).code).toBe(2);
    expect((await cliRun(['soak', '--visits', '5', '--faults'])).code).toBe(2);
    expect((await cliRun(['soak', '--visits', '20', '--faults', '--seed', '-1'])).code).toBe(2);
  });
});
