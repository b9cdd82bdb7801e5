import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEAD_PIN, openDay, readyApp, tempDir } from '../../support/test-app.js';

const ctx = { window: 'console' as const };

describe('wipe from the console', () => {
  it('refuses a wrong PIN, a relative folder and staff without the role, destroying nothing', async () => {
    const { app, dataDir } = await readyApp();
    const certificateDir = tempDir('madoguchi-cert-');
    expect(await app.dispatch('wipe.all', { pin: '000000', certificateDir, place: '' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('wipe.all', { pin: LEAD_PIN, certificateDir: 'certs', place: '' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.dispatch('wipe.all', { pin: LEAD_PIN, certificateDir: path.join(dataDir, 'certs'), place: '' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const clerk = (await app.dispatch('staff.add', { displayName: '佐藤', role: 'staff', pin: '2580' }, ctx)) as { ok: true; result: { id: number } };
    await app.dispatch('session.signIn', { staffId: clerk.result.id, pin: '2580' }, ctx);
    expect(await app.dispatch('wipe.all', { pin: '2580', certificateDir, place: '' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(existsSync(path.join(dataDir, 'store-key.json'))).toBe(true);
    expect(readdirSync(certificateDir)).toEqual([]);
  });

  it('wipes, certifies, ends the session and says the device was wiped', async () => {
    const { app, dataDir } = await readyApp();
    const certificateDir = tempDir('madoguchi-cert-');
    await openDay(app);
    await app.dispatch('visit.start', {}, ctx);
    const r = await app.dispatch('wipe.all', { pin: LEAD_PIN, certificateDir, place: '米子市役所' }, ctx);
    // The simulated camera has no card: nothing for staff to format.
    // The certificate folder is on the data's disk here: the lead is told to copy it off.
    expect(r).toMatchObject({ ok: true, result: { verification: 'pass', cameraCardPhotos: 0, spoolKeptJobs: 0, certificateOnThisDisk: true } });
    expect(readdirSync(dataDir)).toEqual(['wiped.json']);
    expect(readdirSync(certificateDir).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    // The final aggregates carry the season's days in figures (the visit the wipe ended is one).
    const aggregates = readdirSync(certificateDir).find((f) => f.startsWith('final-aggregates-')) as string;
    const exported = JSON.parse(readFileSync(path.join(certificateDir, aggregates), 'utf8')) as { days: { visits: number; venue: string }[] };
    expect(exported.days).toMatchObject([{ visits: 1, venue: '米子駅前ショッピングセンター' }]);
    expect(await app.dispatch('session.get', {}, ctx)).toEqual({ ok: true, result: null });
    expect(await app.dispatch('store.status', {}, ctx)).toMatchObject({
      ok: true,
      result: { state: 'wiped', wipeCertificate: (r as { result: { certificatePdf: string } }).result.certificatePdf, afterWipe: { cameraCardPhotos: 0, spoolKeptJobs: 0, certificateOnThisDisk: true } },
    });
    expect(await app.dispatch('visit.get', {}, ctx)).toMatchObject({ ok: true, result: { visit: null } });
    // Starting afresh on the wiped device works.
    expect(await app.dispatch('store.unlock', { passphrase: 'a new season passphrase' }, ctx)).toMatchObject({ ok: true, result: { state: 'open' } });
  });
});
