import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedTicketPrinter } from '../../../src/main/devices/ticket-printer/simulated-ticket-printer.js';
import { IncentiveService, normalizeKana } from '../../../src/main/incentive/incentive-service.js';
import { defaultSettings } from '../../../src/main/settings/settings.js';
import { StaffService } from '../../../src/main/staff/staff-service.js';
import { AppError } from '../../../src/shared/errors.js';
import { readyApp } from '../../support/test-app.js';
import { openTestStore } from '../../support/store.js';

async function service(rules = defaultSettings.incentive) {
  const s = await openTestStore();
  const printed: string[] = [];
  const printer = new SimulatedTicketPrinter(path.join(s.paths.demoOutputDir, 'tickets'), undefined, true);
  const wrapped = { ...printer, simulated: true, status: () => printer.status(), print: async (b: Uint8Array) => { const r = await printer.print(b); printed.push(r.preview ?? ''); return r; } };
  const inc = new IncentiveService({ store: s.keeper, printer: wrapped, now: () => new Date('2023-01-15T02:00:00Z'), rules: () => rules, eventId: () => null });
  await new StaffService(s.keeper, () => new Date(), { N: 1024, r: 8, p: 1 }).add({ displayName: '担当', role: 'lead', pin: '1234' }, 'system');
  return { ...s, inc, printed };
}

const refusal = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as AppError).body;

describe('incentive', () => {
  it('treats every kana spelling of a name as one person', () => {
    expect(normalizeKana('ヤマダ　ハナコ')).toBe('やまだはなこ');
    expect(normalizeKana('ﾔﾏﾀﾞ ﾊﾅｺ')).toBe('やまだはなこ');
    expect(normalizeKana('やまだ・はなこ')).toBe('やまだはなこ');
    for (const bad of ['山田花子', 'yamada', '', '   ']) expect(() => normalizeKana(bad)).toThrow(AppError);
  });

  it('pays once per person, refuses the second time, and keeps no name', async () => {
    const { inc, keeper, printed } = await service();
    expect(await inc.pay({ nameKana: 'やまだ はなこ', birthDate: '1948-04-01', applicationDate: '2023-01-15' }, 1, null)).toMatchObject({ amountYen: 2000, day: { count: 1, totalYen: 2000 } });
    expect(await refusal(inc.pay({ nameKana: 'ヤマダ　ハナコ', birthDate: '1948-04-01', applicationDate: '2023-01-15' }, 1, null))).toMatchObject({
      code: 'conflict',
      message: { ja: 'この方には、すでに特典をお渡ししています。' },
    });
    // Same name, another birth date: another person.
    expect((await inc.pay({ nameKana: 'やまだはなこ', birthDate: '1975-09-09', applicationDate: '2023-01-10' }, 1, null)).amountYen).toBe(2000);
    expect(inc.today()).toEqual({ day: '2023-01-15', count: 2, totalYen: 4000 });
    const rows = JSON.stringify(keeper.get().db.prepare('SELECT * FROM incentives').all());
    expect(rows).not.toMatch(/やまだ|ヤマダ|1948-04-01/);
    expect(printed[0]).toContain('2,000 円');
    expect(printed.join('')).not.toMatch(/やまだ|ヤマダ/);
  });

  it('follows the window and the cap from settings', async () => {
    const { inc } = await service({ applicationFrom: '2022-10-01', applicationTo: '2023-02-28', amountYen: 2000, capPerPersonYen: 3000 });
    expect(await refusal(inc.pay({ nameKana: 'すずき', birthDate: '1960-01-01', applicationDate: '2023-03-01' }, 1, null))).toMatchObject({ code: 'conflict' });
    expect((await inc.pay({ nameKana: 'すずき', birthDate: '1960-01-01', applicationDate: '2023-02-28' }, 1, null)).amountYen).toBe(2000);
    expect((await inc.pay({ nameKana: 'スズキ', birthDate: '1960-01-01', applicationDate: '2023-02-28' }, 1, null)).amountYen).toBe(1000);
    expect(await refusal(inc.pay({ nameKana: 'すずき', birthDate: '1960-01-01', applicationDate: '2023-02-28' }, 1, null))).toMatchObject({ code: 'conflict' });
  });

  it('is a console call for signed-in staff, with the input checked', async () => {
    const { app } = await readyApp();
    const ctx = { window: 'console' as const };
    expect(await app.dispatch('incentive.pay', { nameKana: 'たなか', birthDate: '1950-13-40', applicationDate: '2023-01-01' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.dispatch('incentive.pay', { nameKana: 'たなか', birthDate: '1950-01-01', applicationDate: '2023-01-01' }, { window: 'station' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('incentive.pay', { nameKana: 'たなか', birthDate: '1950-01-01', applicationDate: '2023-01-01' }, ctx)).toMatchObject({ ok: true, result: { amountYen: 2000 } });
  });
});
