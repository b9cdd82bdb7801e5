// Reports and planning through the contract: who may, what comes back, and clear refusals.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEAD_PIN, openDay, readyApp, tempDir, train } from '../../support/test-app.js';

const ctx = { window: 'console' as const };

describe('report and plan calls', () => {
  it('reviews opinions, writes the reports and the plan for the lead; refuses plain staff', async () => {
    let now = new Date('2026-11-23T01:00:00Z');
    const { app, leadId } = await readyApp({ now: () => now, consoleIdleMinutes: 600 });
    await openDay(app);
    await app.dispatch('visit.start', {}, ctx);
    await app.dispatch('visit.record', { services: ['photo'], applicants: 1, ageBands: ['70-74'], outcome: 'paper' }, ctx);
    await app.dispatch('survey.submit', { answers: { satisfaction: '4' }, comment: '田中さんの説明が分かりやすかった', source: 'station' }, { window: 'station' });
    await app.dispatch('visit.end', {}, ctx);
    now = new Date('2026-11-23T04:00:00Z'); // three hours open, one on duty
    await app.dispatch('day.close', {}, ctx);

    expect(await app.dispatch('report.span', {}, ctx)).toEqual({ ok: true, result: { from: '2026-11-23', to: '2026-11-23' } });
    const listed = await app.dispatch('report.opinions', { from: '2026-11-23', to: '2026-11-23' }, ctx);
    expect(listed).toMatchObject({ ok: true, result: [{ source: 'survey', suggestion: '〇〇さんの説明が分かりやすかった', confirmed: null, venue: '米子駅前ショッピングセンター' }] });
    const id = (listed as { result: { id: number }[] }).result[0]!.id;
    expect(await app.dispatch('report.opinions', { from: '2026-11-24', to: '2026-11-23' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.dispatch('report.confirmOpinion', { source: 'survey', id, text: '〇〇さんの説明が分かりやすかった', exclude: false }, ctx)).toMatchObject({ ok: true, result: { confirmed: '〇〇さんの説明が分かりやすかった' } });

    const out = tempDir('madoguchi-report-calls-');
    expect(await app.dispatch('report.make', { kind: 'weekly', outDir: 'relative/dir' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const made = await app.dispatch('report.make', { kind: 'weekly', outDir: out }, ctx);
    expect(made).toMatchObject({ ok: true, result: { kind: 'weekly', visits: 1, applicants: 1, unreviewedOpinions: 0, period: { from: '2026-11-17', to: '2026-11-23' } } });
    expect(existsSync((made as { result: { files: { pdf: string } } }).result.files.pdf)).toBe(true);
    expect(path.dirname((made as { result: { files: { pdf: string } } }).result.files.pdf)).toBe(out);
    const plan = await app.dispatch('plan.get', { hours: 20 }, ctx);
    expect(plan).toMatchObject({ ok: true, result: { hours: 20, issuance: null, channels: [{ channel: 'shoppingCentre', staffHours: 3, enough: true }], allocation: [{ channel: 'shoppingCentre', hours: 20 }] } });

    // Plain staff serve; they do not export reports.
    const clerk = (await app.dispatch('staff.add', { displayName: '佐藤', role: 'staff', pin: '2580' }, ctx)) as { result: { id: number } };
    await train(app, clerk.result.id);
    await app.dispatch('session.signIn', { staffId: clerk.result.id, pin: '2580' }, ctx);
    for (const [m, p] of [['report.make', { kind: 'final' }], ['plan.get', { hours: 5 }], ['report.opinions', { from: '2026-11-23', to: '2026-11-23' }]] as const) {
      expect(await app.dispatch(m, p, ctx), m).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    await app.dispatch('session.signIn', { staffId: leadId, pin: LEAD_PIN }, ctx);
  });
});
