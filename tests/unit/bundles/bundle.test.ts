// Several booths, one report: signed bundles exported by each device, merged at the office once
// each, tampered or foreign-signed ones refused, incentive hashes shared so nobody is paid twice.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportBundle, importBundle, readBundle, type Bundle } from '../../../src/main/bundles/bundle.js';
import { cliRun } from '../../support/cli.js';
import { exportSeasonKey, importSeasonKey } from '../../../src/main/incentive/season-key.js';
import { allFigures } from '../../../src/main/reports/figures-query.js';
import { deviceIdentity, fingerprintOf, signDetached } from '../../../src/main/store/device-identity.js';
import { sumFigures } from '../../../src/shared/figures.js';
import { openDay, readyApp, tempDir } from '../../support/test-app.js';

const ctx = { window: 'console' as const };
const now = new Date('2026-11-23T08:00:00Z');
const ALL = { from: '2000-01-01', to: '2100-01-01' };

/** A booth that served a few visits today and paid one incentive. */
async function booth(visits: number, person = { nameKana: 'やまだ はなこ', birthDate: '1950-01-01' }) {
  const b = await readyApp();
  await openDay(b.app);
  for (let i = 0; i < visits; i++) {
    await b.app.dispatch('visit.start', {}, ctx);
    await b.app.dispatch('visit.record', { services: ['formHelp'], applicants: 1, ageBands: ['70-74'], outcome: 'paper' }, ctx);
    await b.app.dispatch('visit.end', {}, ctx);
  }
  return { ...b, person };
}

function write(dir: string, name: string, b: unknown): string {
  const f = path.join(dir, name);
  writeFileSync(f, typeof b === 'string' ? b : JSON.stringify(b));
  return f;
}

describe('bundles', () => {
  it('merges two booths at the office once each, and refuses unknown, altered and foreign-signed bundles', async () => {
    const dir = tempDir('madoguchi-bundles-');
    const a = await booth(3);
    const b = await booth(5);
    const office = await readyApp();
    const fileA = write(dir, 'a.json', exportBundle(a.store, ALL, now));
    const fileB = write(dir, 'b.json', exportBundle(b.store, ALL, now));
    const fpA = deviceIdentity(a.store.get().db).fingerprint;
    const fpB = deviceIdentity(b.store.get().db).fingerprint;

    // First contact: the device must be vouched for by its fingerprint.
    expect(() => importBundle(office.store, fileA, { trust: [], now, actor: 'test' })).toThrow(/not registered \(fingerprint/);
    expect(importBundle(office.store, fileA, { trust: [fpA.replace(/ /g, '').toUpperCase()], now, actor: 'test' })).toMatchObject({ status: 'new', days: 1 });
    expect(importBundle(office.store, fileB, { trust: [fpB], now, actor: 'test' })).toMatchObject({ status: 'new' });
    // The same bundle again counts once.
    expect(importBundle(office.store, fileA, { trust: [], now, actor: 'test' })).toMatchObject({ status: 'again' });
    const officeId = deviceIdentity(office.store.get().db).deviceId;
    expect(sumFigures(allFigures(office.store, officeId, ALL, now))).toMatchObject({ visits: 8, applicants: 8, days: 2 });

    // A number changed after signing: refused, nothing merged.
    const altered = JSON.parse(readFileSync(fileA, 'utf8')) as Bundle;
    altered.days[0]!.visits += 100;
    altered.bundleId = '00000000-0000-4000-8000-000000000000';
    expect(() => importBundle(office.store, write(dir, 'altered.json', altered), { trust: [], now, actor: 'test' })).toThrow(/altered/);
    // Re-signed with another key under device A's id: refused although the signature is valid.
    const other = generateKeyPairSync('ed25519');
    const payload: Partial<Bundle> = { ...altered };
    delete payload.signature;
    const forged = { ...payload, publicKey: other.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    const forgedFile = write(dir, 'forged.json', { ...forged, signature: { alg: 'Ed25519', value: signDetached(Buffer.from(JSON.stringify(forged)), other.privateKey) } });
    expect(() => importBundle(office.store, forgedFile, { trust: [fingerprintOf(forged.publicKey)], now, actor: 'test' })).toThrow(/key other than the registered/);
    // Cut short, not JSON, not ours, this device's own.
    expect(() => readBundle(write(dir, 'cut.json', readFileSync(fileA, 'utf8').slice(0, 500)))).toThrow(/damaged/);
    expect(() => readBundle(write(dir, 'other.json', { hello: 'world' }))).toThrow(/not in the expected form/);
    expect(() => readBundle(path.join(dir, 'missing.json'))).toThrow(/No such file/);
    expect(() => importBundle(a.store, fileA, { trust: [], now, actor: 'test' })).toThrow(/this device itself/);
    expect(sumFigures(allFigures(office.store, officeId, ALL, now))).toMatchObject({ visits: 8 });
    expect(office.store.get().accessLog.rows().filter((r) => r.action === 'bundle.imported')).toHaveLength(2);
  }, 60_000);

  it('shares the season key so a person paid at one booth is refused at another', async () => {
    const dir = tempDir('madoguchi-season-');
    const a = await booth(1);
    const b = await readyApp();
    const keyFile = path.join(dir, 'season.key');
    await exportSeasonKey(a.store, keyFile, 'season passphrase 2026', now, { N: 2 ** 10, r: 8, p: 1 });
    expect(readFileSync(keyFile, 'utf8')).not.toContain(deviceIdentity(a.store.get().db).deviceId);
    await expect(importSeasonKey(b.store, keyFile, 'wrong passphrase!', now)).rejects.toThrow(/Wrong passphrase/);
    expect(await importSeasonKey(b.store, keyFile, 'season passphrase 2026', now)).toBe('set');
    expect(await importSeasonKey(b.store, keyFile, 'season passphrase 2026', now)).toBe('same');

    const pay = { nameKana: 'ヤマダ　ハナコ', birthDate: '1950-01-01', applicationDate: '2023-01-10' };
    expect(await a.app.dispatch('incentive.pay', pay, ctx)).toMatchObject({ ok: true, result: { amountYen: 2000 } });
    const fa = write(dir, 'a.json', exportBundle(a.store, ALL, now));
    expect((JSON.parse(readFileSync(fa, 'utf8')) as Bundle).incentives).toHaveLength(1);
    expect(readFileSync(fa, 'utf8')).not.toMatch(/やまだ|ヤマダ|1950-01-01/);
    importBundle(b.store, fa, { trust: [deviceIdentity(a.store.get().db).fingerprint], now, actor: 'test' });
    await openDay(b.app);
    expect(await b.app.dispatch('incentive.pay', { ...pay, nameKana: 'やまだはなこ' }, ctx)).toMatchObject({ ok: false, error: { code: 'conflict', message: { ja: 'この方には、すでに特典をお渡ししています。' } } });
    // A device that has paid under its own key cannot switch keys afterwards.
    await expect(importSeasonKey(a.store, keyFile, 'season passphrase 2026', now)).resolves.toBe('same');
    const c = await readyApp();
    await openDay(c.app);
    await c.app.dispatch('incentive.pay', { ...pay, nameKana: 'すずき' }, ctx);
    await expect(importSeasonKey(c.store, keyFile, 'season passphrase 2026', now)).rejects.toThrow(/already recorded 1/);
  }, 60_000);

  it('runs export and import from the command line, with clear refusals', async () => {
    const run = (args: string[]) => cliRun(args);
    const a = await booth(2);
    const office = await readyApp();
    a.store.close();
    office.store.close();
    const outDir = tempDir('madoguchi-bundle-cli-');
    const exported = await run(['bundle', 'export', '--out', outDir, '--data-dir', a.dataDir, '--json']);
    expect(exported.code).toBe(0);
    const { file } = JSON.parse(exported.out[0]!) as { file: string };
    const refused = await run(['bundle', 'import', file, '--data-dir', office.dataDir, '--json']);
    expect(refused.code).toBe(1);
    const fp = /指紋 ([0-9a-f ]+)）/.exec(JSON.parse(refused.out[0]!).results[0].error)?.[1] ?? '';
    expect(fp).toHaveLength(79);
    const ok = await run(['bundle', 'import', file, '--trust', fp, '--data-dir', office.dataDir, '--json']);
    expect(JSON.parse(ok.out[0]!)).toMatchObject({ imported: 1, refused: 0, results: [{ status: 'new', days: 1 }] });
    expect((await run(['bundle', 'import', '--data-dir', office.dataDir])).code).toBe(2);
    expect((await run(['bundle', 'frobnicate', '--data-dir', office.dataDir])).code).toBe(2);
    expect((await run(['bundle', 'export', '--data-dir', office.dataDir])).code).toBe(2);
  }, 60_000);
});
