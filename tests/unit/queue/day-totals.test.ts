import { describe, expect, it } from 'vitest';
import { openDay, readyApp } from '../../support/test-app.js';

const ctx = { window: 'console' as const };

describe('closing the day', () => {
  it('totals the day from the store and prints a summary with figures only', async () => {
    const { app } = await readyApp();
    const call = async (m: string, p: unknown, c: { window: 'console' | 'station' } = ctx) => {
      const r = await app.dispatch(m, p, c);
      if (!r.ok) throw new Error(`${m}: ${r.error.code}`);
      return r.result as Record<string, unknown>;
    };
    await openDay(app);
    for (let i = 0; i < 3; i++) await call('queue.issue', {});
    await call('queue.callNext', { counter: 1 });
    await call('visit.start', { ticketNumber: 1 });
    await call('visit.record', { services: ['formHelp', 'photo'], applicants: 2, ageBands: ['70-74'], outcome: 'paper' });
    await call('survey.submit', { answers: { satisfaction: '5' }, source: 'station' }, { window: 'station' });
    await call('incentive.pay', { nameKana: 'やまだ', birthDate: '1950-01-01', applicationDate: '2023-01-10' });
    await call('inquiry.add', { category: 'complaint', text: '待ち時間', escalate: true });
    await call('visit.end', {});
    // The ticket's service ended with its visit.
    expect((await call('queue.get', {})).serving).toEqual([]);
    await call('queue.skip', { number: 2 });
    const s = await call('day.close', {});
    expect(s.totals).toMatchObject({
      tickets: { issued: 3, served: 1, skipped: 1, stillWaiting: 1 },
      visits: 1,
      applicants: 2,
      outcomes: { paper: 1, online: 0, both: 0, none: 0 },
      services: { formHelp: 1, photo: 1 },
      incentives: { count: 1, yen: 2000 },
      surveys: 1,
      inquiries: { count: 1, escalated: 1 },
    });
    expect(s.preview).toContain('未対応の整理券 1 枚');
    expect(s.preview).toContain('来訪 1 件  申請 2 人');
    expect(s.preview).toContain('特典 1 件 2,000 円');
    expect(s.preview).not.toMatch(/やまだ|山田/);
    expect(s.printed).toBe(false); // simulated printer
  });
});
