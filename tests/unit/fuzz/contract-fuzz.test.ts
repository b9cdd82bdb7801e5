// Every call in the contract, from both windows, with payloads fast-check makes up: each answer
// is a result or a typed error — never a crash ("internal"), never a hang — and the app keeps
// serving afterwards.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calls } from '../../../src/shared/contract.js';
import { openDay, readyApp } from '../../support/test-app.js';

// Calls that would end the run's own set-up when given a valid payload by chance, or that run
// slow external tools; each still gets its malformed payloads below.
const SET_UP_ENDERS = new Set(['session.signOut', 'wipe.all', 'day.close', 'doctor.run']);

/** JSON-ish values, shaped like payloads some of the time: objects with the call's own keys. */
function payloads(method: string): fc.Arbitrary<unknown> {
  const shape = (calls as Record<string, { input: { shape?: Record<string, unknown> } }>)[method]?.input.shape;
  const keys = shape ? Object.keys(shape) : [];
  const value = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.integer({ min: -5, max: 100_000 }),
    fc.double({ noNaN: false }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('', '2026-11-23', '/tmp', 'console', '0', '23456789012345678901234', 'あいう', '\u0000', '../../etc/passwd'),
    fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
  );
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    keys.length > 0 ? fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }) : fc.constant({}),
    fc.constantFrom(undefined, null, [], 'x', 0, { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } }),
  );
}

describe('contract fuzz', () => {
  it('answers every call from both windows with a result or a typed error, and keeps serving', async () => {
    const { app } = await readyApp();
    await openDay(app);
    await app.dispatch('visit.start', {}, { window: 'console' });
    const crashes: string[] = [];
    let answered = 0;
    const served = { ok: 0, refused: 0 };
    for (const method of Object.keys(calls)) {
      for (const window of ['console', 'station'] as const) {
        await fc.assert(
          fc.asyncProperty(payloads(method), async (payload) => {
            if (SET_UP_ENDERS.has(method) && payload && typeof payload === 'object' && !Array.isArray(payload) && Object.keys(payload).length > 0) return;
            const r = await app.dispatch(method, payload, { window });
            answered += 1;
            served[r.ok ? 'ok' : 'refused'] += 1;
            if (!r.ok && r.error.code === 'internal') crashes.push(`${window} ${method} ${JSON.stringify(payload)?.slice(0, 120)}`);
            expect(r.ok || typeof r.error.message.ja === 'string').toBe(true);
          }),
          { numRuns: method.startsWith('photo.') || method.startsWith('camera.') ? 8 : 25, seed: 20261124 },
        );
      }
    }
    expect(crashes).toEqual([]);
    // Every call was tried many times, and some payloads got through to the services.
    expect(answered).toBeGreaterThan(Object.keys(calls).length * 2 * 8);
    expect(served.ok).toBeGreaterThan(50);
    expect(({}) as Record<string, unknown>).not.toHaveProperty('polluted');
    expect(await app.dispatch('app.status', {}, { window: 'console' })).toMatchObject({ ok: true });
    expect(await app.dispatch('station.get', {}, { window: 'station' })).toMatchObject({ ok: true });
  }, 240_000);
});
