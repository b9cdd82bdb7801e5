// The lead's photo settings through the contract: shown beside the defaults with the unconfirmed
// figures named, changed by the lead only, written to the settings file before they are used,
// and used by the next shot (the checks' words and the sheet's paper follow them).
import { describe, expect, it } from 'vitest';
import type { PhotoReview, PhotoSettingsView, PrinterCalibrationState } from '../../../src/shared/contract.js';
import { createLogger } from '../../../src/main/log.js';
import type { Settings } from '../../../src/main/settings/settings.js';
import { readyApp } from '../../support/test-app.js';

const console_ = { window: 'console' as const };
const station = { window: 'station' as const };

type App = Awaited<ReturnType<typeof readyApp>>['app'];
async function call<T>(app: App, method: string, payload: unknown, ctx: { window: 'console' | 'station' } = console_): Promise<T> {
  const r = await app.dispatch(method, payload, ctx);
  if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.code} ${r.error.message.en}`), { body: r.error });
  return r.result as T;
}

describe('photo settings', () => {
  it('shows the rules beside the defaults, keeps a change in the file first, and the next shot is judged by it', async () => {
    const written: Settings[] = [];
    const lines: string[] = [];
    const { app } = await readyApp({ saveSettings: (s) => written.push(s), log: createLogger((l) => lines.push(l)) });
    const view = await call<PhotoSettingsView>(app, 'settings.photo', {});
    expect(view.current).toEqual(view.defaults);
    expect(view.defaults).toMatchObject({ paper: 'L', rules: { headMm: { min: 32, target: 34, max: 36 }, topMarginMm: { min: 2, target: 3.5, max: 4 } } });
    expect(view.unconfirmed).toEqual(['headMm', 'topMarginMm']);

    // The city confirms other figures: a narrower head range, and 2L paper.
    const rules = { ...view.current.rules, headMm: { min: 33, target: 34, max: 35 } };
    const saved = await call<PhotoSettingsView>(app, 'settings.savePhoto', { rules, paper: '2L' });
    expect(saved.current).toEqual({ rules, paper: '2L' });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ photo: { headMm: { min: 33, max: 35 } }, photoPaper: '2L' });
    // The log names what changed, not to what (its line has no other field).
    const logged = JSON.parse(lines.find((l) => l.includes('settings.changed')) as string) as Record<string, unknown>;
    expect(logged).toMatchObject({ event: 'settings.changed', what: 'photo', changed: 'headMm,photoPaper' });
    expect(Object.keys(logged).sort()).toEqual(['changed', 'event', 'level', 't', 'what']);
    // Saving the same again writes nothing.
    await call(app, 'settings.savePhoto', { rules, paper: '2L' });
    expect(written).toHaveLength(1);

    // The next shot: its head-size check is worded with the new range; calibration is for 2L.
    await call(app, 'visit.start', {});
    const shot = await call<PhotoReview>(app, 'photo.capture', {}, station);
    expect(shot.checks.find((c) => c.id === 'head_size')?.message.ja).toContain('33–35 mm');
    expect(shot.sheet).toMatchObject({ paper: '2L', photos: 9 });
    expect((await call<PrinterCalibrationState>(app, 'printer.calibration', {})).design).toMatchObject({ rulerXMm: 100, rulerYMm: 100 });
    // Measured on 2L, then the paper goes back to L: the console is told the correction was for 2L.
    const on2L = await call<PrinterCalibrationState>(app, 'printer.calibrate', { rulerXMm: 100.4, rulerYMm: 100, boxLeftMm: 10, boxTopMm: 10 });
    expect(on2L).toMatchObject({ measuredOn: '2L', measured: [{ paper: '2L' }] });
    await call(app, 'settings.savePhoto', { rules, paper: 'L' });
    expect(await call<PrinterCalibrationState>(app, 'printer.calibration', {})).toMatchObject({ paper: 'L', measuredOn: '2L', scaleX: on2L.scaleX });
    // Measured on L too (its sheet printed with 2L's correction): L gets its own, 2L keeps its own.
    const onL = await call<PrinterCalibrationState>(app, 'printer.calibrate', { rulerXMm: 70, rulerYMm: 99.5, boxLeftMm: 10.5, boxTopMm: 10 });
    expect(onL).toMatchObject({ paper: 'L', measuredOn: 'L', scaleX: on2L.scaleX, scaleY: 1.00503, sheet: { photos: 4, leftOff: 0 } });
    expect(onL.offsetXMm).toBeCloseTo(-0.5, 1);
    expect(onL.measured.map((m) => m.paper).sort()).toEqual(['2L', 'L']);
    const kept = written.at(-1)?.printerCalibration.simulated?.papers;
    expect(kept?.L).toMatchObject({ scaleY: 1.00503 });
    expect(kept?.['2L']).toMatchObject({ scaleX: on2L.scaleX, scaleY: 1, offsetXMm: on2L.offsetXMm });
    await call(app, 'settings.savePhoto', { rules, paper: '2L' });
    expect(await call<PrinterCalibrationState>(app, 'printer.calibration', {})).toMatchObject({ paper: '2L', measuredOn: '2L', scaleX: on2L.scaleX, scaleY: 1, offsetXMm: on2L.offsetXMm });
    await app.close();
  });

  it('makes the visit’s sheet again for a new paper or a new correction, keeping the checks it was judged by', async () => {
    const lines: string[] = [];
    const { app } = await readyApp({ log: createLogger((l) => lines.push(l)) });
    await call(app, 'visit.start', {});
    const told: (PhotoReview | null)[] = [];
    app.bus.subscribe((name, payload) => name === 'photo.changed' && told.push(payload as PhotoReview | null));
    const shot = await call<PhotoReview>(app, 'photo.capture', {}, station);
    expect(shot.sheet).toMatchObject({ paper: 'L', photos: 4 });
    await call(app, 'photo.accept', {}, station);
    // KG is loaded: the lead changes the paper, and a narrower head range in the same save.
    const view = await call<PhotoSettingsView>(app, 'settings.photo', {});
    await call(app, 'settings.savePhoto', { rules: { ...view.current.rules, headMm: { min: 35, target: 35.5, max: 36 } }, paper: 'KG' });
    const onKG = await call<PhotoReview>(app, 'photo.get', {}, station);
    expect(onKG.sheet).toMatchObject({ paper: 'KG', photos: 6 });
    expect(onKG.sheet?.preview).not.toBe(shot.sheet?.preview);
    // The same photo, the same checks (new rules apply from the next shot on), still accepted.
    expect(onKG.checks).toEqual(shot.checks);
    expect([onKG.shot, onKG.accepted]).toEqual([1, true]);
    expect(told.at(-1)).toEqual(onKG);
    // A new correction measured on KG: the sheet is made again with it.
    const { design } = await call<PrinterCalibrationState>(app, 'printer.calibration', {});
    await call<PrinterCalibrationState>(app, 'printer.calibrate', { ...design, rulerYMm: design.rulerYMm + 1, boxTopMm: design.boxTopMm + 0.5 });
    const corrected = await call<PhotoReview>(app, 'photo.get', {}, station);
    expect(corrected.sheet).toMatchObject({ paper: 'KG' });
    expect(corrected.sheet?.preview).not.toBe(onKG.sheet?.preview);
    expect(corrected.checks).toEqual(shot.checks);
    expect(lines.filter((l) => l.includes('photo.sheet_redrawn'))).toHaveLength(2);
    // The next shot is judged by the new rules.
    const next = await call<PhotoReview>(app, 'photo.capture', {}, station);
    expect(next.checks.find((c) => c.id === 'head_size')?.message.ja).toContain('35–36 mm');
    await call(app, 'visit.end', {});
    await app.close();
  });

  it('refuses a range out of order, a figure out of bounds, and anyone but the lead; a file that cannot be written changes nothing', async () => {
    let failWrites = false;
    const { app } = await readyApp({
      saveSettings: () => {
        if (failWrites) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    });
    const { current } = await call<PhotoSettingsView>(app, 'settings.photo', {});
    const refused = async (payload: unknown) => {
      const r = await app.dispatch('settings.savePhoto', payload, console_);
      return r.ok ? 'accepted' : r.error.code;
    };
    expect(await refused({ rules: { ...current.rules, headMm: { min: 36, target: 34, max: 32 } }, paper: 'L' })).toBe('bad_request');
    expect(await refused({ rules: { ...current.rules, minDpi: 90 }, paper: 'L' })).toBe('bad_request');
    expect(await refused({ rules: current.rules, paper: 'A4' })).toBe('bad_request');
    // A slip of the keyboard (3.4 for 34), and a head and margin that cannot fit in 45 mm together.
    expect(await refused({ rules: { ...current.rules, headMm: { min: 3.4, target: 34, max: 36 } }, paper: 'L' })).toBe('bad_request');
    expect(await refused({ rules: { ...current.rules, headMm: { min: 36, target: 38, max: 40 }, topMarginMm: { min: 4, target: 5, max: 6 } }, paper: 'L' })).toBe('bad_request');

    failWrites = true;
    expect(await refused({ rules: { ...current.rules, maxRollDeg: 2 }, paper: 'L' })).toBe('unavailable');
    expect((await call<PhotoSettingsView>(app, 'settings.photo', {})).current.rules.maxRollDeg).toBe(3);
    // Nor a printer's correction (it was once used before it was written, and so kept without the file).
    const calibrated = await app.dispatch('printer.calibrate', { rulerXMm: 70.4, rulerYMm: 100, boxLeftMm: 10, boxTopMm: 10 }, console_);
    expect(calibrated.ok ? 'accepted' : calibrated.error.code).toBe('unavailable');
    expect((await call<PrinterCalibrationState>(app, 'printer.calibration', {})).measuredAt).toBeNull();

    // A clerk serves but does not change the rules, nor read them here.
    const clerk = await call<{ id: number }>(app, 'staff.add', { displayName: '佐藤 一郎', role: 'staff', pin: '2580' });
    await call(app, 'session.signIn', { staffId: clerk.id, pin: '2580' });
    expect(await refused({ rules: current.rules, paper: '2L' })).toBe('forbidden');
    expect((await app.dispatch('settings.photo', {}, console_)).ok).toBe(false);
    // And the station cannot call it at all.
    expect((await app.dispatch('settings.photo', {}, station)).ok).toBe(false);
    await app.close();
  });
});
