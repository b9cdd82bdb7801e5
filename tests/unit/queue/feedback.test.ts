import { describe, expect, it } from 'vitest';
import { personalDataIn, SURVEY } from '../../../src/shared/survey.js';
import { readyApp } from '../../support/test-app.js';

const consoleCtx = { window: 'console' as const };
const stationCtx = { window: 'station' as const };

describe('personal data in free text', () => {
  it('finds the individual number, an application ID and phone numbers, in any width', () => {
    expect(personalDataIn('番号は１２３４　５６７８　９０１２です')).toBe('individual_number');
    expect(personalDataIn('123456789012')).toBe('individual_number');
    expect(personalDataIn('ID 12345678901234567890123')).toBe('application_id');
    expect(personalDataIn('連絡先 0859-22-1111')).toBe('phone');
    expect(personalDataIn('090-1234-5678')).toBe('phone');
    expect(personalDataIn('待ち時間が30分で長かった。2023年1月15日')).toBeNull();
  });
});

describe('survey', () => {
  it('takes one answer per visit from the station, anonymous, and refuses personal data', async () => {
    const { app, store } = await readyApp();
    const answers = { satisfaction: '5', wait: 'ok', howKnew: 'flyer' };
    expect(await app.dispatch('survey.submit', { answers, source: 'station' }, stationCtx)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await app.dispatch('visit.start', {}, consoleCtx);
    expect(await app.dispatch('survey.submit', { answers, source: 'paper' }, stationCtx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('survey.submit', { answers, comment: '電話 0859-22-1111 に連絡を', source: 'station' }, stationCtx)).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: { ja: expect.stringContaining('電話番号') } },
    });
    expect(await app.dispatch('survey.submit', { answers, ageBand: '70-74', comment: '丁寧でした', source: 'station' }, stationCtx)).toMatchObject({ ok: true });
    expect(await app.dispatch('survey.submit', { answers, source: 'station' }, stationCtx)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await app.dispatch('survey.submit', { answers: { satisfaction: '9' }, source: 'paper' }, consoleCtx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.dispatch('survey.submit', { answers: { recommend: 'yes' }, source: 'paper' }, consoleCtx)).toMatchObject({ ok: true });
    expect(store.get().db.prepare('SELECT source, age_band, comment FROM survey_answers ORDER BY id').all()).toEqual([
      { source: 'station', age_band: '70-74', comment: '丁寧でした' },
      { source: 'paper', age_band: null, comment: null },
    ]);
    expect(SURVEY.length).toBeGreaterThanOrEqual(3);
    expect(SURVEY.length).toBeLessThanOrEqual(6);
  });
});

describe('inquiries', () => {
  it('records category, text, resolution and escalation, refusing an individual number', async () => {
    const { app, store, leadId } = await readyApp();
    expect(await app.dispatch('inquiry.add', { category: 'procedure', text: '番号 1234-5678-9012 の確認', escalate: false }, consoleCtx)).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: { ja: expect.stringContaining('個人番号') } },
    });
    expect(await app.dispatch('inquiry.add', { category: 'complaint', text: '待ち時間が長い', resolution: '窓口を増やした', escalate: true }, consoleCtx)).toMatchObject({ ok: true });
    expect(await app.dispatch('inquiry.add', { category: 'complaint', text: 'x' }, stationCtx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(store.get().db.prepare('SELECT category, text, resolution, escalate, staff_id FROM inquiries').all()).toEqual([
      { category: 'complaint', text: '待ち時間が長い', resolution: '窓口を増やした', escalate: 1, staff_id: leadId },
    ]);
  });
});
