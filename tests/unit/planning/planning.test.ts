// Planning: issuance by age read from the CSVs the city has (Shift_JIS or UTF-8, varying column
// names, 男/女/計), and staff-hours spent where the next hour gains most.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cliRun } from '../../support/cli.js';
import { bandOf, parseIssuanceCsv, previewIssuanceCsv, UNREAD_LISTED } from '../../../src/main/planning/issuance-csv.js';
import { allocate, efficiency, makePlan, yieldOf, type ChannelEfficiency } from '../../../src/main/planning/plan.js';
import type { DayFigures } from '../../../src/shared/figures.js';
import { tempDir } from '../../support/test-app.js';

const MIC = [
  '令和4年9月末時点,,,,,,',
  '年齢,人口（男）,人口（女）,人口（計）,交付枚数（男）,交付枚数（女）,交付枚数（計）',
  '0～4歳,"2,510","2,390","4,900","700","650","1,350"',
  '5～9歳,2600,2500,5100,800,760,1560',
  '80～84歳,3000,4000,7000,1500,1900,3400',
  '85歳以上,2000,4100,6100,700,1200,1900',
  '不明,1,1,2,0,0,0',
  '合計,10111,12991,23102,3700,4510,8210',
].join('\r\n');

describe('issuance CSV', () => {
  it('reads Shift_JIS with 男/女/計 columns, taking the totals and reporting the line it could not read', () => {
    const r = parseIssuanceCsv(iconv.encode(MIC, 'Shift_JIS'));
    expect(r.encoding).toBe('shift_jis');
    expect(r.columns).toEqual({ band: '年齢', population: '人口（計）', issued: '交付枚数（計）' });
    expect(r.rows).toEqual([
      { band: '0-4', population: 4900, issued: 1350 },
      { band: '5-9', population: 5100, issued: 1560 },
      { band: '80-84', population: 7000, issued: 3400 },
      { band: '85+', population: 6100, issued: 1900 },
    ]);
    expect(r.unread).toEqual([{ line: 7, reason: '年齢区分を読めません: 「不明」' }]);
  });

  it('reads UTF-8 with other names and an open 80+ band; takes named columns; refuses what it cannot use', () => {
    const csv = '\ufeffage band,population,cards issued\n0-4,100,10\n80+,50,20\n5-9,abc,3\n10-14,10,20\n';
    const r = parseIssuanceCsv(Buffer.from(csv));
    expect(r.rows).toEqual([{ band: '0-4', population: 100, issued: 10 }, { band: '80+', population: 50, issued: 20 }]);
    expect(r.unread.map((u) => u.line)).toEqual([4, 5]);
    expect(() => parseIssuanceCsv(Buffer.from('区分,住民数,カード\n0-4,100,10\n'))).toThrow(/header/);
    const named = parseIssuanceCsv(Buffer.from('区分,住民数,カード\n0-4,100,10\n'), { band: '区分', population: '住民数', issued: 'カード' });
    expect(named.rows).toEqual([{ band: '0-4', population: 100, issued: 10 }]);
    expect(() => parseIssuanceCsv(Buffer.from('年齢,人口\n0-4,100\n'))).toThrow(/Columns not found: 交付枚数/);
    expect(() => parseIssuanceCsv(Buffer.alloc(6 * 1024 * 1024, 0x41))).toThrow(/too large/);
    // A file just under the limit, nearly every line unreadable (a wrong export): read to the end,
    // the first lines listed with their reason and the rest counted, not 400 000 reasons sent to
    // the console.
    const junk = '年齢,人口,交付枚数\n0-4,100,10\n' + '不明,1,1\n'.repeat(Math.floor((5 * 1024 * 1024 - 64) / 12));
    expect(Buffer.byteLength(junk)).toBeLessThan(5 * 1024 * 1024);
    const many = parseIssuanceCsv(Buffer.from(junk));
    expect(many.rows).toEqual([{ band: '0-4', population: 100, issued: 10 }]);
    expect(many.unread).toHaveLength(UNREAD_LISTED);
    expect(many.unread[0]).toEqual({ line: 3, reason: '年齢区分を読めません: 「不明」' });
    expect(many.unreadTotal).toBeGreaterThan(400_000);
    expect(() => parseIssuanceCsv(Buffer.from('年齢,人口,交付枚数\nx,1,1\n'))).toThrow(/Not one/);
    // The console offers the columns of the header line it read, even when a longer line follows
    // (an unreadable line with more cells); unread, the fullest of the first lines.
    const preview = previewIssuanceCsv(Buffer.from('年齢,人口（計）,交付枚数（計）\n60-64,9000,4300\n合計その1,x,y,z\n'));
    expect(preview.header).toEqual(['年齢', '人口（計）', '交付枚数（計）']);
    expect(preview.columns).toEqual({ band: '年齢', population: '人口（計）', issued: '交付枚数（計）' });
    expect(previewIssuanceCsv(Buffer.from('title\n区分,住民数,カード\n0-4,100,10\n')).header).toEqual(['区分', '住民数', 'カード']);
    expect(['0～4歳', '85歳以上', '85～', '100+', '3-7', '合計', '１０－１４'].map(bandOf)).toEqual(['0-4', '85+', '85+', '100+', null, 'total', '10-14']);
  });
});

function day(channel: DayFigures['channel'], date: string, staffHours: number, applicants: number, older = 0.5): DayFigures {
  const bands = Object.fromEntries(['0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65-69', '70-74', '75-79', '80-84', '85+'].map((b) => [b, 0])) as DayFigures['ageBands'];
  bands['70-74'] = Math.round(applicants * older);
  bands['30-34'] = applicants - bands['70-74'];
  return {
    deviceId: 'd', eventId: 1, eventName: 'e', venue: channel, channel, day: date, hoursOpen: staffHours / 2, staffHours, staffOnDuty: 2, tickets: applicants, visits: applicants, applicants,
    outcomes: { paper: applicants, online: 0, both: 0, none: 0 }, applications: { paper: applicants, online: 0, both: 0 },
    services: { formHelp: 0, photo: 0, envelope: 0, onlineHelp: 0, mynaPoint: 0, vaccineCert: 0, inquiry: 0 }, ageBands: bands, byHour: { '10': applicants },
    incentives: { count: 0, yen: 0 }, surveys: { count: 0, answers: {} }, inquiries: { count: 0, escalated: 0, byCategory: { procedure: 0, card: 0, mynaPoint: 0, vaccineCert: 0, complaint: 0, other: 0 } },
  };
}

describe('the plan', () => {
  const season = [day('shoppingCentre', '2022-10-01', 20, 80, 0.3), day('shoppingCentre', '2022-10-08', 20, 60, 0.3), day('communityCentre', '2022-10-02', 10, 20, 0.9), day('workplace', '2022-10-05', 6, 24, 0.05)];

  it('measures applications per staff-hour by channel, weekday and weekend', () => {
    const eff = efficiency(season);
    expect(eff.map((c) => [c.channel, c.perStaffHour])).toEqual([['workplace', 4], ['shoppingCentre', 3.5], ['communityCentre', 2]]);
    expect(eff.find((c) => c.channel === 'communityCentre')?.olderShare).toBe(0.9);
    const p = makePlan(season, null, 10);
    expect(p.weekend).toEqual({ perStaffHour: 3.2, days: 3 });
    expect(p.weekday).toEqual({ perStaffHour: 4, days: 1 });
  });

  it('spends hours where the next one gains most, with falling returns, as well as any split could', () => {
    const eff = efficiency(season);
    // Concave: each further hour in a channel gains less than the one before.
    const c = eff[0] as ChannelEfficiency;
    const gains = [1, 2, 3, 20, 40].map((h) => yieldOf(c, h) - yieldOf(c, h - 1));
    for (let i = 1; i < gains.length; i++) expect(gains[i]!).toBeLessThan(gains[i - 1]!);
    const a = allocate(eff, 60);
    expect(a.reduce((n, x) => n + x.hours, 0)).toBe(60);
    // No split of 60 hours over the three channels does better (brute force, whole hours).
    const got = a.reduce((n, x) => n + yieldOf(eff.find((e) => e.channel === x.channel)!, x.hours), 0);
    let best = 0;
    for (let x = 0; x <= 60; x++) for (let y = 0; x + y <= 60; y++) best = Math.max(best, yieldOf(eff[0]!, x) + yieldOf(eff[1]!, y) + yieldOf(eff[2]!, 60 - x - y));
    expect(got).toBeCloseTo(best, 6);
    // With many hours, returns fall enough that more than one channel is used.
    expect(allocate(eff, 400).length).toBeGreaterThan(1);
  });

  it('projects the issuance rate by age band from where the hours go', () => {
    const p = makePlan(season, { asOf: '2022-09-30', rows: [{ band: '30-34', population: 1000, issued: 400 }, { band: '70-74', population: 1000, issued: 300 }] }, 50);
    expect(p.issuance?.rateNow).toBe(0.35);
    expect(p.issuance!.rateProjected).toBeGreaterThan(0.35);
    expect(p.issuance!.rateProjected).toBeCloseTo(0.35 + p.gained / 2000, 2);
    expect(p.assumptions.length).toBe(4);
    // A channel seen for an hour says too little: shown, not planned with.
    const thin = makePlan([...season, day('school', '2022-10-06', 1, 9)], null, 30);
    expect(thin.channels.find((c) => c.channel === 'school')).toMatchObject({ perStaffHour: 9, enough: false });
    expect(thin.allocation.map((a) => a.channel)).not.toContain('school');
  });

  it('imports from the command line and recommends, with clear refusals', async () => {
    const dataDir = tempDir('madoguchi-plan-');
    const run = (args: string[]) => cliRun(args);
    expect((await run(['seed-demo', '--visits', '80', '--data-dir', dataDir])).code).toBe(0);
    const csv = path.join(dataDir, '..', `issuance-${path.basename(dataDir)}.csv`);
    writeFileSync(csv, iconv.encode(MIC, 'Shift_JIS'));
    const imported = await run(['plan', 'import', csv, '--as-of', '2022-09-30', '--data-dir', dataDir]);
    expect(imported.code).toBe(0);
    expect(imported.out.join('\n')).toContain('4 区分を読み込みました');
    expect(imported.out.join('\n')).toContain('行 7: 年齢区分を読めません');
    const rec = await run(['plan', 'recommend', '--hours', '40', '--data-dir', dataDir, '--json']);
    const plan = JSON.parse(rec.out[0]!) as { allocation: { hours: number }[]; issuance: { rateNow: number; rateProjected: number } };
    expect(plan.allocation.reduce((n, a) => n + a.hours, 0)).toBe(40);
    expect(plan.issuance.rateProjected).toBeGreaterThan(plan.issuance.rateNow);
    expect((await run(['plan', 'recommend', '--hours', 'lots', '--data-dir', dataDir])).code).toBe(2);
    expect((await run(['plan', 'import', path.join(dataDir, 'nope.csv'), '--data-dir', dataDir])).code).toBe(2);
    // The final report carries the plan.
    const out = tempDir('madoguchi-plan-report-');
    const rep = await run(['report', 'final', '--data-dir', dataDir, '--out', out, '--json']);
    expect(rep.code).toBe(0);
  }, 60_000);
});
