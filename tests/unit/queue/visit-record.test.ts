import { describe, expect, it } from 'vitest';
import { openDay, readyApp } from '../../support/test-app.js';

const ctx = { window: 'console' as const };

describe('visit records', () => {
  it('records what was given, corrects it, and closes it with the visit', async () => {
    const { app, store, leadId } = await readyApp();
    await openDay(app);
    await app.dispatch('queue.issue', {}, ctx);
    await app.dispatch('queue.callNext', { counter: 1 }, ctx);
    const started = await app.dispatch('visit.start', { ticketNumber: 1 }, ctx);
    expect(started).toMatchObject({ ok: true, result: { ticketNumber: 1 } });
    const first = { services: ['formHelp', 'photo'], applicants: 1, ageBands: ['70-74'], outcome: 'paper' };
    expect(await app.dispatch('visit.record', first, ctx)).toMatchObject({ ok: true, result: { record: first } });
    const corrected = { services: ['formHelp', 'photo', 'envelope'], applicants: 2, ageBands: ['70-74', '40-44'], outcome: 'paper' };
    expect(await app.dispatch('visit.record', corrected, ctx)).toMatchObject({ ok: true, result: { record: corrected } });
    await app.dispatch('visit.end', {}, ctx);
    const row = store.get().db.prepare('SELECT * FROM visits').get() as Record<string, unknown>;
    expect(row).toMatchObject({ ticket_number: 1, staff_id: leadId, applicants: 2, outcome: 'paper', end_reason: 'ended' });
    expect(JSON.parse(row.services as string)).toEqual(['formHelp', 'photo', 'envelope']);
    expect(JSON.parse(row.age_bands as string)).toEqual(['70-74', '40-44']);
    expect(row.ended_at).toBeTruthy();
  });

  it('refuses records that do not add up', async () => {
    const { app } = await readyApp();
    await app.dispatch('visit.start', {}, ctx);
    const bad = [
      { services: [], applicants: 1, ageBands: ['70-74', '40-44'], outcome: 'paper' }, // more bands than people
      { services: ['inquiry'], applicants: 0, ageBands: [], outcome: 'paper' }, // an application with nobody applying
      { services: ['inquiry'], applicants: 1, ageBands: [], outcome: 'none' }, // someone applied but no outcome
      { services: ['teleport'], applicants: 0, ageBands: [], outcome: 'none' },
      { services: [], applicants: 1, ageBands: ['17'], outcome: 'online' },
    ];
    for (const r of bad) expect(await app.dispatch('visit.record', r, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.dispatch('visit.record', { services: ['inquiry'], applicants: 0, ageBands: [], outcome: 'none' }, ctx)).toMatchObject({ ok: true });
  });

  it('needs an open visit', async () => {
    const { app } = await readyApp();
    expect(await app.dispatch('visit.record', { services: [], applicants: 0, ageBands: [], outcome: 'none' }, ctx)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
