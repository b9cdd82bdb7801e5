// After each capture the camera's own storage is listed, emptied and listed again, through the
// real gphoto2 adapter on a fake gphoto2: a body that leaves a copy on the card has it deleted and
// logged (counts only); one whose card cannot be emptied holds the next visit for staff.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Gphoto2Camera } from '../../../src/main/devices/camera/gphoto2.js';
import { exec } from '../../../src/main/system/exec.js';
import type { CameraState, DoctorReport } from '../../../src/shared/contract.js';
import { demoPhotos, readyApp, repoRoot, tempDir } from '../../support/test-app.js';

const saved = { ...process.env };
let card: string;
beforeEach(() => {
  card = path.join(tempDir(), 'card');
  mkdirSync(card);
  process.env.PATH = `${path.join(repoRoot, 'tests', 'support', 'fake-bin')}:${saved.PATH}`;
  process.env.FAKE_GPHOTO2_JPEG = path.join(demoPhotos, 'astronaut-eileen-collins.jpg');
  process.env.FAKE_GPHOTO2_CARD = card;
  process.env.FAKE_GPHOTO2_LEAVE = '1';
});
afterEach(() => {
  process.env = { ...saved };
});

const ctx = { window: 'console' as const };

async function captureOnce(mode: 'one' | 'stuck-card', model = 'Canon EOS Kiss X10') {
  process.env.FAKE_GPHOTO2 = mode;
  const camera = new Gphoto2Camera(exec, { model, port: 'usb:001,006' });
  const t = await readyApp({ camera });
  await t.app.dispatch('visit.start', {}, ctx);
  const shot = await t.app.dispatch('photo.capture', {}, ctx);
  return { ...t, shot };
}

describe('camera storage after each capture', () => {
  it('deletes the copy a capture left on the card and says so in the deletion log', async () => {
    const { app, store, shot } = await captureOnce('one');
    expect(shot.ok).toBe(true);
    expect(readdirSync(card)).toEqual([]);
    const rows = store.get().deletionLog.rows();
    const entry = rows.find((r) => r.action === 'capture_card_clear');
    expect(entry).toBeDefined();
    expect(JSON.parse(entry!.detail)).toMatchObject({ found: 1, deleted: 1, remaining: 0 });
    // Counts and method only: no file name from the card.
    expect(entry!.detail).not.toMatch(/IMG_/);
    const state = await app.dispatch('visit.get', {}, ctx);
    expect(state.ok && (state.result as { blocked: boolean }).blocked).toBe(false);
    await app.close();
  });

  it('records the shots a body without a capture target wrote to its card, and tells staff to format it', async () => {
    process.env.FAKE_GPHOTO2_TARGET = 'none';
    process.env.FAKE_GPHOTO2_LEAVE = '0';
    // (What a model lacks is remembered for the app's run: a model of its own here.)
    const { app, store, shot } = await captureOnce('one', 'Fujifilm X-T5');
    expect(shot.ok).toBe(true);
    expect(readdirSync(card)).toEqual([]);
    const entry = store.get().deletionLog.rows().find((r) => r.action === 'capture_card_clear');
    expect(JSON.parse(entry!.detail)).toMatchObject({ found: 0, deleted: 0, remaining: 0, throughCard: 1 });
    const camera = await app.dispatch('camera.state', {}, ctx);
    expect(camera.ok && (camera.result as CameraState).note?.ja).toMatch(/カードを初期化/);
    await app.close();
  });

  it('doctor in the app reads the body’s settings through the camera service: no capture target is told, and the first shot asks for none', async () => {
    process.env.FAKE_GPHOTO2_TARGET = 'none';
    process.env.FAKE_GPHOTO2_LEAVE = '0';
    process.env.FAKE_GPHOTO2_STILL = 'jpeg';
    process.env.FAKE_GPHOTO2_LOG = path.join(tempDir(), 'calls.log');
    const camera = new Gphoto2Camera(exec, { model: 'Sony ILCE-7C', port: 'usb:001,006' });
    const { app } = await readyApp({ camera });
    const report = await app.dispatch('doctor.run', {}, ctx);
    const line = report.ok ? (report.result as DoctorReport).lines.find((l) => l.id === 'camera') : undefined;
    expect(line?.status).toBe('warn');
    expect(line?.fix?.ja).toContain('カードを初期化');
    await app.dispatch('visit.start', {}, ctx);
    expect((await app.dispatch('photo.capture', {}, ctx)).ok).toBe(true);
    const calls = readFileSync(process.env.FAKE_GPHOTO2_LOG, 'utf8').trim().split('\n');
    expect(calls.filter((l) => l.includes('--capture-image-and-download'))).toEqual(['--port usb:001,006 --capture-image-and-download --stdout']);
    await app.close();
  });

  it('says nothing of the card for a body that shoots to its RAM and leaves nothing', async () => {
    process.env.FAKE_GPHOTO2_LEAVE = '0';
    const { app, store, shot } = await captureOnce('one');
    expect(shot.ok).toBe(true);
    expect(store.get().deletionLog.rows().filter((r) => r.action === 'capture_card_clear')).toEqual([]);
    const camera = await app.dispatch('camera.state', {}, ctx);
    expect(camera.ok && (camera.result as CameraState).note).toBeNull();
    await app.close();
  });

  it('holds the next visit when the card cannot be emptied', async () => {
    const { app, shot } = await captureOnce('stuck-card');
    expect(shot.ok).toBe(true);
    expect(readdirSync(card)).toHaveLength(1);
    const state = await app.dispatch('visit.get', {}, ctx);
    expect(state.ok && (state.result as { blocked: boolean }).blocked).toBe(true);
    await app.close();
  });

  it('clears the card while the camera is still its own: never beside the live view, which resumes after', async () => {
    // One gphoto2 process at a time, as on a real body; the station is watching the live view.
    const dir = tempDir();
    process.env.FAKE_GPHOTO2 = 'one';
    process.env.FAKE_GPHOTO2_LOCK = path.join(dir, 'usb-claim');
    process.env.FAKE_GPHOTO2_LOG = path.join(dir, 'calls.log');
    const camera = new Gphoto2Camera(exec, { model: 'Canon EOS Kiss X10', port: 'usb:001,006' });
    const { app, store } = await readyApp({ camera });
    let frames = 0;
    app.bus.subscribe((name) => {
      if (name === 'camera.frame') frames += 1;
    });
    await app.dispatch('camera.live', { on: true }, { window: 'station' });
    await until(() => frames > 2);
    await app.dispatch('visit.start', {}, ctx);
    const shot = await app.dispatch('photo.capture', {}, ctx);
    expect(shot.ok).toBe(true);
    expect(readdirSync(card)).toEqual([]);
    expect(JSON.parse(store.get().deletionLog.rows().find((r) => r.action === 'capture_card_clear')!.detail)).toMatchObject({ found: 1, deleted: 1, remaining: 0 });
    const state = await app.dispatch('visit.get', {}, ctx);
    expect(state.ok && (state.result as { blocked: boolean }).blocked).toBe(false);
    // The live view is back once the card is clear.
    const seen = frames;
    await until(() => frames > seen + 2);
    const calls = readFileSync(process.env.FAKE_GPHOTO2_LOG, 'utf8').split('\n');
    expect(calls.filter((l) => l.includes('REFUSED'))).toEqual([]);
    const at = (what: string) => calls.findIndex((l) => l.includes(what));
    expect(at('--capture-image-and-download')).toBeLessThan(at('--delete-all-files'));
    expect(calls.slice(at('--capture-image-and-download')).findIndex((l) => l.includes('--capture-movie'))).toBeGreaterThan(calls.slice(at('--capture-image-and-download')).findIndex((l) => l.includes('--delete-all-files')));
    await app.dispatch('camera.live', { on: false }, { window: 'station' });
    await app.close();
  }, 30_000);
});

async function until(ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
