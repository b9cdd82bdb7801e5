import { describe, expect, it } from 'vitest';
import { can } from '../../../src/main/staff/roles.js';
import { lockMinutes, StaffService } from '../../../src/main/staff/staff-service.js';
import { AppError } from '../../../src/shared/errors.js';
import { openTestStore } from '../../support/store.js';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

async function setup() {
  const s = await openTestStore();
  let now = new Date('2026-11-23T09:00:00+09:00');
  const staff = new StaffService(s.keeper, () => now, CHEAP);
  const lead = await staff.add({ displayName: '山田 花子', role: 'lead', pin: '482913' }, 'system');
  const clerk = await staff.add({ displayName: '佐藤 一郎', role: 'staff', pin: '1234' }, 'staff:1');
  return { ...s, staff, lead, clerk, advance: (min: number) => (now = new Date(now.getTime() + min * 60_000)) };
}

describe('staff sign-in', () => {
  it('signs in with the right PIN and logs it without the PIN', async () => {
    const { staff, lead, keeper } = await setup();
    expect(await staff.signIn(lead.id, '482913')).toMatchObject({ displayName: '山田 花子', role: 'lead' });
    const log = keeper.get().accessLog.rows();
    expect(log.map((r) => r.action)).toEqual(['staff.added', 'staff.added', 'signin']);
    expect(JSON.stringify(log)).not.toContain('482913');
    expect(JSON.stringify(log)).not.toContain('山田');
  });

  it('refuses bad PINs at creation', async () => {
    const { staff } = await setup();
    for (const pin of ['123', '123456789', 'abcd', '12 34']) {
      await expect(staff.add({ displayName: 'x', role: 'staff', pin }, 'system')).rejects.toThrow(AppError);
    }
  });

  it('locks after five wrong PINs, for a growing time', async () => {
    const { staff, clerk, advance, keeper } = await setup();
    for (let i = 1; i <= 4; i++) {
      const e = (await staff.signIn(clerk.id, '0000').catch((x: unknown) => x)) as AppError;
      expect(e.body.message.ja).toContain(`あと${5 - i}回`);
    }
    const fifth = (await staff.signIn(clerk.id, '0000').catch((x: unknown) => x)) as AppError;
    expect(fifth.body.message.ja).toContain('1分間ロック');
    // Even the right PIN is refused while locked.
    const locked = (await staff.signIn(clerk.id, '1234').catch((x: unknown) => x)) as AppError;
    expect(locked.body.message.ja).toContain('ロックされています');
    advance(2);
    const sixth = (await staff.signIn(clerk.id, '9999').catch((x: unknown) => x)) as AppError;
    expect(sixth.body.message.ja).toContain('2分間ロック');
    advance(3);
    expect(await staff.signIn(clerk.id, '1234')).toMatchObject({ id: clerk.id });
    expect(keeper.get().accessLog.rows().map((r) => r.action)).toContain('signin.locked');
    expect(keeper.get().accessLog.verify()).toBeNull();
    expect([4, 5, 6, 7, 20].map(lockMinutes)).toEqual([0, 1, 2, 4, 60]);
  });

  it('refuses an unknown staff member', async () => {
    const { staff } = await setup();
    await expect(staff.signIn(999, '1234')).rejects.toThrow(AppError);
  });
});

describe('roles', () => {
  it('let only the lead wipe and change settings; the office export reports', async () => {
    expect(can('lead', 'wipe')).toBe(true);
    expect(can('staff', 'wipe')).toBe(false);
    expect(can('office', 'wipe')).toBe(false);
    expect(can('staff', 'serve')).toBe(true);
    expect(can('office', 'exportReports')).toBe(true);
    expect(can('staff', 'changeSettings')).toBe(false);
    const { staff, clerk } = await setup();
    expect(() => staff.require(clerk, 'wipe')).toThrow(AppError);
  });
});
