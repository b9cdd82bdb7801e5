import { describe, expect, it } from 'vitest';
import { LEAD_PIN, makeEvent, openDay, readyApp, testApp } from '../../support/test-app.js';

const ctx = { window: 'console' as const };

describe('console session', () => {
  it('lets a new roster register its lead without signing in, and nobody else', async () => {
    const { app } = testApp();
    await app.dispatch('store.unlock', { passphrase: 'correct horse battery' }, ctx);
    expect(await app.dispatch('staff.add', { displayName: '佐藤', role: 'staff', pin: '1234' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.dispatch('staff.add', { displayName: '山田', role: 'lead', pin: '4829' }, ctx)).toMatchObject({ ok: true, result: { role: 'lead' } });
    // The roster is no longer new: adding now needs a signed-in lead.
    expect(await app.dispatch('staff.add', { displayName: '鈴木', role: 'lead', pin: '1111' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a bad PIN format before any hashing', async () => {
    const { app } = testApp();
    await app.dispatch('store.unlock', { passphrase: 'correct horse battery' }, ctx);
    expect(await app.dispatch('staff.add', { displayName: '山田', role: 'lead', pin: '12' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'pin' }] } });
  });

  it('gives each role its calls: staff serve once trained, only the lead manages staff', async () => {
    const { app, leadId } = await readyApp();
    const eventId = await makeEvent(app);
    const added = await app.dispatch('staff.add', { displayName: '佐藤 一郎', role: 'staff', pin: '2580' }, ctx);
    expect(added).toMatchObject({ ok: true, result: { trainingMissing: ['conduct', 'ethics', 'privacy', 'procedure'] } });
    const clerkId = (added as { result: { id: number } }).result.id;
    // Not trained yet: signed in, but nothing to serve with, and told why.
    expect(await app.dispatch('session.signIn', { staffId: clerkId, pin: '2580' }, ctx)).toMatchObject({ ok: true, result: { member: { role: 'staff' }, permissions: [] } });
    const refused = await app.dispatch('day.open', { eventId, staffIds: [] }, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(JSON.stringify(refused)).toContain('研修（服務規律・倫理・コンプライアンス・個人情報保護・業務手順）が未了');
    expect(await app.dispatch('staff.add', { displayName: 'x', role: 'staff', pin: '1234' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('staff.recordTraining', { staffId: clerkId, heldOn: '2026-10-01', topics: ['conduct'], trainer: '講師' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The lead records three topics: still not enough; the fourth completes it.
    await app.dispatch('session.signIn', { staffId: leadId, pin: LEAD_PIN }, ctx);
    expect(await app.dispatch('staff.recordTraining', { staffId: clerkId, heldOn: '2026-10-01', topics: ['conduct', 'ethics', 'privacy'], trainer: '講師' }, ctx)).toMatchObject({ ok: true, result: { trainingMissing: ['procedure'] } });
    expect(await app.dispatch('staff.recordTraining', { staffId: clerkId, heldOn: '2026-12-01', topics: ['procedure'], trainer: '講師' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.dispatch('day.open', { eventId, staffIds: [clerkId] }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('staff.recordTraining', { staffId: clerkId, heldOn: '2026-10-02', topics: ['procedure'], trainer: '講師' }, ctx)).toMatchObject({ ok: true, result: { trainingMissing: [] } });
    expect(await app.dispatch('session.signIn', { staffId: clerkId, pin: '2580' }, ctx)).toMatchObject({ ok: true, result: { permissions: ['serve'] } });
    expect(await app.dispatch('day.open', { eventId, staffIds: [leadId] }, ctx)).toMatchObject({ ok: true, result: { staff: ['佐藤 一郎', '山田 花子'], eventId } });
    expect(await app.dispatch('staff.training', { staffId: clerkId }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('locks after the idle minutes, on the server too, and logs sign-outs', async () => {
    let now = new Date('2026-11-23T09:00:00+09:00');
    const { app, store, leadId } = await readyApp({ now: () => now, consoleIdleMinutes: 5 });
    now = new Date(now.getTime() + 4 * 60_000);
    await openDay(app);
    now = new Date(now.getTime() + 6 * 60_000);
    expect(await app.dispatch('day.close', {}, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden', message: { ja: '担当者のPINでサインインしてください。' } } });
    expect(await app.dispatch('session.get', {}, ctx)).toEqual({ ok: true, result: null });
    expect(store.get().accessLog.rows().map((r) => r.action)).toEqual(['staff.added', 'signin', 'staff.training_recorded', 'venue.added', 'event.added', 'day.opened', 'signout.idle']);
    expect(await app.dispatch('session.signIn', { staffId: leadId, pin: '000000' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('session.signIn', { staffId: leadId, pin: LEAD_PIN }, ctx)).toMatchObject({ ok: true });
  });
});
