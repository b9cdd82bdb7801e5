// Venues, events, duties, and the booth day they open: kept in the store, resumed after a
// restart, and every fact of the day filed under its event.
import { describe, expect, it } from 'vitest';
import { LEAD_PIN, makeEvent, openDay, readyApp, testApp } from '../../support/test-app.js';

const ctx = { window: 'console' as const };

describe('venues and events', () => {
  it('keeps venues unique by name and refuses an event that ends before it starts', async () => {
    const { app } = await readyApp();
    const v = await app.dispatch('season.saveVenue', { name: '皆生公民館', address: '米子市皆生', channel: 'communityCentre' }, ctx);
    expect(v).toMatchObject({ ok: true, result: { name: '皆生公民館', channel: 'communityCentre' } });
    expect(await app.dispatch('season.saveVenue', { name: '皆生公民館', channel: 'other' }, ctx)).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'name' }] } });
    const venueId = (v as { result: { id: number } }).result.id;
    const base = { venueId, name: '出張申請会', firstDay: '2026-12-05', lastDay: '2026-12-06', opens: '10:00', closes: '16:00', counters: 2 };
    expect(await app.dispatch('season.saveEvent', { ...base, lastDay: '2026-12-04' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'lastDay' }] } });
    expect(await app.dispatch('season.saveEvent', { ...base, closes: '09:00' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request', issues: [{ path: 'closes' }] } });
    expect(await app.dispatch('season.saveEvent', { ...base, opens: '25:00' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request', issues: expect.arrayContaining([{ path: 'opens', message: 'HH:MM' }]) } });
    expect(await app.dispatch('season.saveEvent', { ...base, venueId: 99 }, ctx)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const saved = await app.dispatch('season.saveEvent', base, ctx);
    expect(saved).toMatchObject({ ok: true, result: { venue: { name: '皆生公民館' }, duties: [] } });
    const eventId = (saved as { result: { id: number } }).result.id;
    // An edit keeps the id and moves updatedAt; duties name roster members only.
    expect(await app.dispatch('season.saveEvent', { ...base, id: eventId, counters: 3 }, ctx)).toMatchObject({ ok: true, result: { id: eventId, counters: 3 } });
    expect(await app.dispatch('season.setDuties', { eventId, duties: [{ staffId: 1, duty: 'chief' }, { staffId: 1, duty: 'photo' }] }, ctx)).toMatchObject({ ok: true, result: { duties: [{ staffId: 1, duty: 'chief' }, { staffId: 1, duty: 'photo' }] } });
    expect(await app.dispatch('season.setDuties', { eventId, duties: [{ staffId: 42, duty: 'guide' }] }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.dispatch('season.events', {}, ctx)).toMatchObject({ ok: true, result: [{ id: eventId, duties: [{ duty: 'chief' }, { duty: 'photo' }] }] });
  });

  it('needs manageEvents: plain staff cannot plan events', async () => {
    const { app, leadId } = await readyApp();
    const clerk = await app.dispatch('staff.add', { displayName: '佐藤', role: 'staff', pin: '2580' }, ctx);
    await app.dispatch('session.signIn', { staffId: (clerk as { result: { id: number } }).result.id, pin: '2580' }, ctx);
    expect(await app.dispatch('season.saveVenue', { name: 'x', channel: 'other' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await app.dispatch('session.signIn', { staffId: leadId, pin: LEAD_PIN }, ctx);
    expect(await app.dispatch('season.saveVenue', { name: 'x', channel: 'other' }, ctx)).toMatchObject({ ok: true });
  });
});

describe('the booth day in the store', () => {
  it('files every fact of the day under its event', async () => {
    const { app, store } = await readyApp();
    const eventId = await openDay(app);
    await app.dispatch('queue.issue', {}, ctx);
    await app.dispatch('queue.callNext', { counter: 1 }, ctx);
    await app.dispatch('visit.start', { ticketNumber: 1 }, ctx);
    await app.dispatch('visit.record', { services: ['formHelp'], applicants: 1, ageBands: ['70-74'], outcome: 'paper' }, ctx);
    await app.dispatch('survey.submit', { answers: { satisfaction: '5' }, source: 'station' }, { window: 'station' });
    await app.dispatch('inquiry.add', { category: 'card', text: '受け取りの時期' }, ctx);
    await app.dispatch('incentive.pay', { nameKana: 'やまだ', birthDate: '1950-01-01', applicationDate: '2023-01-10' }, ctx);
    await app.dispatch('visit.end', {}, ctx);
    const db = store.get().db;
    for (const table of ['queue_tickets', 'visits', 'survey_answers', 'inquiries']) {
      expect(db.prepare(`SELECT DISTINCT event_id AS e FROM ${table}`).all(), table).toEqual([{ e: eventId }]);
    }
    const closed = await app.dispatch('day.close', {}, ctx);
    expect(closed).toMatchObject({ ok: true, result: { totals: { visits: 1, applicants: 1, surveys: 1 } } });
    expect(db.prepare('SELECT event_id, closed_at IS NOT NULL AS closed, staff_ids FROM booth_days').all()).toEqual([{ event_id: eventId, closed: 1, staff_ids: '[1]' }]);
  });

  it('resumes today’s day after a restart, and closes one left open on an earlier day', async () => {
    let now = new Date('2026-11-23T02:00:00Z');
    const first = await readyApp({ now: () => now });
    const eventId = await openDay(first.app);
    await first.app.close();

    // Same day, the app restarts: the day carries on.
    const again = testApp({ dataDir: first.dataDir, now: () => now });
    await again.app.dispatch('store.unlock', { passphrase: 'correct horse battery' }, ctx);
    expect(await again.app.dispatch('day.get', {}, ctx)).toMatchObject({ ok: true, result: { eventId, day: '2026-11-23', staff: ['山田 花子'] } });
    await again.app.close();

    // Next morning: yesterday's day was never closed; it is closed at the event's closing time.
    now = new Date('2026-11-24T00:30:00Z');
    const next = testApp({ dataDir: first.dataDir, now: () => now });
    await next.app.dispatch('store.unlock', { passphrase: 'correct horse battery' }, ctx);
    expect(await next.app.dispatch('day.get', {}, ctx)).toEqual({ ok: true, result: null });
    const db = next.store.get().db;
    expect(db.prepare('SELECT closed_at FROM booth_days').get()).toEqual({ closed_at: '2026-11-23T08:00:00.000Z' });
    expect(next.store.get().accessLog.rows().map((r) => r.action)).toContain('day.closed_at_restart');
    await next.app.close();
  });

  it('refuses to open an event that is not scheduled today', async () => {
    const { app } = await readyApp();
    const eventId = await makeEvent(app, { firstDay: '2026-11-01' });
    const e = await app.dispatch('season.events', {}, ctx);
    expect(e).toMatchObject({ ok: true, result: [{ firstDay: '2026-11-01', lastDay: '2026-12-31' }] });
    expect(await app.dispatch('day.open', { eventId, staffIds: [] }, ctx)).toMatchObject({ ok: true });
  });
});
