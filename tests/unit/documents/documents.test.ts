// The documents due to the city: made as Japanese PDFs with their version and date, tracked per
// event (missing, outdated after a change, made, submitted, overdue).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src/main/settings/settings.js';
import { SURVEY } from '../../../src/shared/survey.js';
import { makeEvent, readyApp, tempDir } from '../../support/test-app.js';

const ctx = { window: 'console' as const };
const pdfText = (f: string) => execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });

describe('documents for the city', () => {
  it('tracks what is due per event, makes versions, and marks them submitted', async () => {
    let now = new Date('2026-11-23T01:00:00Z');
    const settings = { ...defaultSettings, cityPageUrl: 'https://www.city.yonago.lg.jp/mynumber/', incentive: { ...defaultSettings.incentive, applicationFrom: '2026-11-01', applicationTo: '2027-03-31', amountYen: 2000 } };
    const { app, leadId } = await readyApp({ now: () => now, settings, consoleIdleMinutes: 60 * 24 * 30 });
    const eventId = await makeEvent(app, { firstDay: '2026-12-05', name: '皆生公民館 出張申請会', venue: '皆生公民館' });
    await app.dispatch('season.setDuties', { eventId, duties: [{ staffId: leadId, duty: 'chief' }, { staffId: leadId, duty: 'photo' }] }, ctx);
    const out = tempDir('madoguchi-docs-');

    const list = (await app.dispatch('documents.list', {}, ctx)) as { ok: true; result: { kind: string; eventId: number | null; state: string; due: string | null; overdue: boolean; latest: { id: number; version: number; file: string } | null }[] };
    expect(list.result.map((d) => [d.kind, d.state, d.due])).toEqual([
      ['runSheet', 'missing', '2026-11-30'],
      ['flyer', 'missing', '2026-11-30'],
      ['surveyForm', 'missing', '2026-11-30'],
      ['roster', 'missing', null],
    ]);

    const sheet = await app.dispatch('documents.make', { kind: 'runSheet', eventId, outDir: out }, ctx);
    expect(sheet).toMatchObject({ ok: true, result: { state: 'made', latest: { version: 1 } } });
    const file = (sheet as { result: { latest: { file: string } } }).result.latest.file;
    expect(existsSync(file)).toBe(true);
    const t = pdfText(file);
    for (const s of ['運営マニュアル', '皆生公民館 出張申請会', '第1版', '山田 花子：責任者、撮影', 'パーテーション・背景スクリーン', '消毒液・アクリル板', '写真プリンターが印刷しない', '10:00〜17:00']) expect(t).toContain(s);

    // The event changes after a consultation: the run sheet is outdated until made again.
    now = new Date('2026-11-23T05:00:00Z');
    await app.dispatch('season.saveEvent', { id: eventId, venueId: 1, name: '皆生公民館 出張申請会', firstDay: '2026-12-05', lastDay: '2027-02-03', opens: '09:30', closes: '15:00', counters: 1, contacts: '米子市 市民課' }, ctx);
    now = new Date('2026-11-24T01:00:00Z');
    const after = (await app.dispatch('documents.list', {}, ctx)) as typeof list;
    expect(after.result.find((d) => d.kind === 'runSheet')?.state).toBe('outdated');
    const v2 = (await app.dispatch('documents.make', { kind: 'runSheet', eventId, outDir: out }, ctx)) as { ok: true; result: { state: string; latest: { id: number; version: number; file: string } } };
    expect(v2.result).toMatchObject({ state: 'made', latest: { version: 2 } });
    expect(pdfText(v2.result.latest.file)).toContain('09:30〜15:00');
    expect(pdfText(v2.result.latest.file)).toContain('米子市 市民課');
    const submitted = (await app.dispatch('documents.submitted', { id: v2.result.latest.id }, ctx)) as typeof list;
    expect(submitted.result.find((d) => d.kind === 'runSheet')?.state).toBe('submitted');
    expect(await app.dispatch('documents.submitted', { id: v2.result.latest.id }, ctx)).toMatchObject({ ok: false, error: { code: 'conflict' } });

    // Past the due day, what is not submitted is overdue.
    now = new Date('2026-12-01T01:00:00Z');
    const late = (await app.dispatch('documents.list', {}, ctx)) as typeof list;
    expect(late.result.filter((d) => d.overdue).map((d) => d.kind)).toEqual(['flyer', 'surveyForm']);

    // The flyer: venue, hours, the incentive while it applies, the city's page as a QR code.
    const flyer = (await app.dispatch('documents.make', { kind: 'flyer', eventId, outDir: out }, ctx)) as typeof v2;
    const ft = pdfText(flyer.result.latest.file);
    for (const s of ['出張申請窓口', '皆生公民館', '09:30〜15:00', '2,000 円分の特典', 'https://www.city.yonago.lg.jp/mynumber/', '本人確認書類']) expect(ft).toContain(s);
    expect(execFileSync('pdfimages', ['-list', flyer.result.latest.file], { encoding: 'utf8' })).toMatch(/\n\s*1\s+0\s+image/);
    const form = (await app.dispatch('documents.make', { kind: 'surveyForm', eventId, outDir: out }, ctx)) as typeof v2;
    const st = pdfText(form.result.latest.file);
    for (const q of SURVEY) expect(st).toContain(q.text.ja);
    expect(st).toContain('個人番号は書かないでください');

    // The roster: who handles personal data, and their training (or its absence).
    await app.dispatch('staff.add', { displayName: '佐藤 一郎', role: 'staff', pin: '2580' }, ctx);
    const roster = (await app.dispatch('documents.make', { kind: 'roster', outDir: out }, ctx)) as typeof v2;
    const rt = pdfText(roster.result.latest.file);
    expect(rt).toContain('個人情報取扱従事者名簿');
    expect(rt).toContain('山田 花子');
    expect(rt).toContain('佐藤 一郎');
    expect(rt).toContain('未受講');
    expect(await app.dispatch('documents.make', { kind: 'flyer', outDir: out }, ctx)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await app.dispatch('documents.make', { kind: 'flyer', eventId, outDir: 'here' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  }, 30_000);
});
