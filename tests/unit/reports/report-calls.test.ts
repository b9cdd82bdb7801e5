// Reports and planning through the contract: who may, what comes back, and clear refusals.
import { existsSync, writeFileSync } from 'node:fs';
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
    // A folder it cannot use (here a file stands where the folder would be; on a booth, a USB
    // stick not plugged in): the lead is told which and what to check, not "internal error".
    writeFileSync(path.join(out, 'a-file'), 'x');
    const blocked = path.join(out, 'a-file', 'reports');
    const refused = await app.dispatch('report.make', { kind: 'weekly', outDir: blocked }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'unavailable', message: { ja: `${blocked} を使えません（ENOTDIR）。途中にフォルダーではなくファイルがあります。` } } });
    expect(await app.dispatch('bundle.export', { outDir: blocked }, ctx)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
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

describe('issuance and bundles through the contract', () => {
  it('previews a CSV (choosing columns where they are not found), imports it, and merges another booth’s bundle after confirming its fingerprint', async () => {
    const iconv = (await import('iconv-lite')).default;
    const { app } = await readyApp();
    const b64 = (s: string, enc = 'utf8') => (enc === 'sjis' ? iconv.encode(s, 'Shift_JIS') : Buffer.from(s)).toString('base64');
    const sjis = b64('令和4年9月末,,\n区分,住民数,カード\n0～4歳,100,10\n85歳以上,50,5\n合計,150,15\n', 'sjis');
    const first = await app.dispatch('plan.previewIssuance', { csv: sjis }, ctx);
    expect(first).toMatchObject({ ok: true, result: { header: ['区分', '住民数', 'カード'], rows: [], columns: null, problem: { en: expect.stringContaining('No header') } } });
    const mapped = await app.dispatch('plan.previewIssuance', { csv: sjis, mapping: { band: '区分', population: '住民数', issued: 'カード' } }, ctx);
    expect(mapped).toMatchObject({ ok: true, result: { encoding: 'shift_jis', rows: [{ band: '0-4', population: 100, issued: 10 }, { band: '85+', population: 50, issued: 5 }], problem: null } });
    expect(await app.dispatch('plan.importIssuance', { csv: sjis, mapping: { band: '区分', population: '住民数', issued: 'カード' }, asOf: '2022-09-30' }, ctx)).toMatchObject({ ok: true });
    expect(await app.dispatch('plan.importIssuance', { csv: sjis, asOf: '2022-09-30' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.dispatch('plan.previewIssuance', { csv: 'not base64!' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.dispatch('plan.get', { hours: 5 }, ctx)).toMatchObject({ ok: true, result: { issuance: { asOf: '2022-09-30', rateNow: 0.1 } } });

    // Another booth's bundle: first the fingerprint to confirm, then the merge.
    const other = await readyApp();
    await openDay(other.app);
    await other.app.dispatch('visit.start', {}, ctx);
    await other.app.dispatch('visit.record', { services: [], applicants: 2, ageBands: [], outcome: 'online' }, ctx);
    await other.app.dispatch('visit.end', {}, ctx);
    const exported = (await other.app.dispatch('bundle.export', { outDir: tempDir('madoguchi-bx-') }, ctx)) as { ok: true; result: { file: string } };
    const content = (await import('node:fs')).readFileSync(exported.result.file).toString('base64');
    const fp = ((await other.app.dispatch('device.identity', {}, ctx)) as { result: { fingerprint: string } }).result.fingerprint;
    expect(await app.dispatch('bundle.import', { name: 'b.json', content }, ctx)).toMatchObject({ ok: true, result: { status: 'unknown-device', fingerprint: fp, days: 1 } });
    expect(await app.dispatch('bundle.import', { name: 'b.json', content, trust: 'aaaa' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('bundle.import', { name: 'b.json', content, trust: fp }, ctx)).toMatchObject({ ok: true, result: { status: 'new', days: 1 } });
    expect(await app.dispatch('bundle.import', { name: 'b.json', content }, ctx)).toMatchObject({ ok: true, result: { status: 'again' } });
    expect(await app.dispatch('report.span', {}, ctx)).toMatchObject({ ok: true, result: { from: '2026-11-23' } });
    expect(await app.dispatch('bundle.import', { name: 'x.json', content: Buffer.from('{"format":').toString('base64') }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request', message: { ja: expect.stringContaining('壊れています') } } });
  });
});
