import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/test-app.js';

const ctx = { window: 'console' as const };

describe('store calls', () => {
  it('creates the store on a new device, then opens it only with the same passphrase', async () => {
    const { app, store } = testApp();
    const heard: string[] = [];
    app.bus.subscribe((name, p) => heard.push(`${name}:${(p as { state?: string }).state ?? ''}`));
    expect(await app.dispatch('store.status', {}, ctx)).toEqual({ ok: true, result: { state: 'new', wrap: null, wipedAt: null, wipeCertificate: null, afterWipe: null, retryDelaySeconds: 0 } });
    expect(await app.dispatch('store.unlock', { passphrase: 'short' }, ctx)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await app.dispatch('store.unlock', { passphrase: 'よなご 2026 出張窓口' }, ctx)).toMatchObject({ ok: true, result: { state: 'open', wrap: 'passphrase' } });
    expect(heard).toContain('store.changed:open');
    store.close();
    expect(await app.dispatch('store.status', {}, ctx)).toMatchObject({ ok: true, result: { state: 'locked' } });
    for (let i = 0; i < 3; i++) {
      expect(await app.dispatch('store.unlock', { passphrase: 'wrong passphrase' }, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden', message: { ja: 'パスフレーズが違います。' } } });
    }
    expect(await app.dispatch('store.status', {}, ctx)).toMatchObject({ ok: true, result: { state: 'locked', retryDelaySeconds: 4 } });
    expect(await app.dispatch('store.unlock', { passphrase: 'よなご 2026 出張窓口' }, ctx)).toMatchObject({ ok: true, result: { state: 'open' } });
  });

  it('keeps the station away from the store', async () => {
    const { app } = testApp();
    expect(await app.dispatch('store.unlock', { passphrase: 'x'.repeat(20) }, { window: 'station' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.dispatch('store.unlock', { passphrase: 'x'.repeat(5000) }, ctx)).toMatchObject({ ok: false, error: { code: 'too_large' } });
  });

  it('lets two unlocks at once open the store once', async () => {
    const { app } = testApp();
    const [a, b] = await Promise.all([
      app.dispatch('store.unlock', { passphrase: 'correct horse battery' }, ctx),
      app.dispatch('store.unlock', { passphrase: 'correct horse battery' }, ctx),
    ]);
    expect(a).toMatchObject({ ok: true, result: { state: 'open' } });
    expect(b).toMatchObject({ ok: true, result: { state: 'open' } });
  });
});
