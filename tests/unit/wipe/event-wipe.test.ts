import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main.js';
import { StaffService } from '../../../src/main/staff/staff-service.js';
import { canonical } from '../../../src/main/wipe/certificate.js';
import { verifyDetached } from '../../../src/main/store/device-identity.js';
import { scanForRemnants } from '../../../src/main/wipe/scan.js';
import { demoPhotos, tempDir } from '../../support/test-app.js';
import { openTestStore, PASSPHRASE } from '../../support/store.js';

const CANARY = 'カナリア鈴木CANARY-91c2';

/** A data folder as a booth leaves it: store with canary names, logs, demo output with a photo. */
async function seeded() {
  const s = await openTestStore();
  const staff = new StaffService(s.keeper, () => new Date(), { N: 2 ** 10, r: 8, p: 1 });
  await staff.add({ displayName: `${CANARY} 花子`, role: 'lead', pin: '2468' }, 'system');
  s.keeper.get().deletionLog.append(new Date(), 'system', 'session_wipe', { photos: 1, tempFiles: 0 });
  // CUPS kept a printed job (its defaults, which the lead confirmed), then another.
  for (const kept of [1, 0, 1]) s.keeper.get().deletionLog.append(new Date(), 'system', 'session_wipe', { photos: 1, printJobs: 1 - kept, printJobsKept: kept });
  // A body without a capture target: two shots went through its card, and once a copy was left.
  s.keeper.get().deletionLog.append(new Date(), 'system', 'capture_card_clear', { found: 0, deleted: 0, remaining: 0, throughCard: 2 });
  s.keeper.get().deletionLog.append(new Date(), 'system', 'capture_card_clear', { found: 1, deleted: 1, remaining: 0 });
  s.keeper.close();
  mkdirSync(path.join(s.paths.demoOutputDir, 'photo-sheets'), { recursive: true });
  copyFileSync(path.join(demoPhotos, 'astronaut-eileen-collins.jpg'), path.join(s.paths.demoOutputDir, 'photo-sheets', 'sheet.jpg'));
  writeFileSync(path.join(s.paths.logsDir, 'madoguchi.log'), `{"event":"x","note":"${CANARY}"}\n`);
  writeFileSync(s.paths.settingsFile, JSON.stringify({ photoPrinterQueue: 'DS-RX1' }));
  const ram = tempDir('madoguchi-ram-');
  mkdirSync(path.join(ram, 'userData', 'Cache'), { recursive: true });
  writeFileSync(path.join(ram, 'userData', 'Cache', 'data_0'), `cached ${CANARY}`);
  return { ...s, ram };
}

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  return runCli(args, { out: (x) => out.push(x), err: (x) => err.push(x), env, interrupted: () => Promise.resolve() }).then((code) => ({ code, out, err }));
}

describe('wipe --all', () => {
  it('exports, crypto-erases, clears, verifies and certifies', async () => {
    const { paths, ram } = await seeded();
    const certDir = tempDir('madoguchi-cert-');
    const env = { MADOGUCHI_PASSPHRASE: PASSPHRASE, MADOGUCHI_RAM_DIR: ram };
    const r = await cli(['wipe', '--all', '--data-dir', paths.root, '--certificate-dir', certDir, '--canary', CANARY, '--ordered-by', '責任者 山田', '--place', '米子市 イオンモール', '--json'], env);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out[0]!);
    expect(out.verification).toMatchObject({ result: 'pass', findings: 0 });
    expect(out.signed).toBe(true);
    expect(out.cameraCardPhotos).toBe(3);
    expect(out.spoolKeptJobs).toBe(2);
    expect(out.certificateOnThisDisk).toBe(true);

    // Nothing of the booth is left but the note that it was wiped, with what the lead still has
    // to do (counts only), which the console shows on the wiped device.
    expect(readdirSync(paths.root).sort()).toEqual(['wiped.json']);
    expect(JSON.parse(readFileSync(paths.wipedFile, 'utf8')).afterWipe).toEqual({ cameraCardPhotos: 3, spoolKeptJobs: 2, certificateOnThisDisk: true });
    expect(readdirSync(ram)).toEqual([]);
    expect(scanForRemnants([paths.root, ram], [CANARY]).findings).toEqual([]);

    // The exports are PII-free and the deletion log made it out.
    const exported = out.exports.map((f: string) => readFileSync(f, 'utf8')).join('\n');
    expect(exported).not.toContain(CANARY);
    expect(exported).toContain('event_wipe');
    expect(exported).toContain('session_wipe');

    // The certificate names every destroyed item and verifies with the device key.
    const pdfText = execFileSync('pdftotext', ['-layout', out.certificate, '-'], { encoding: 'utf8' });
    for (const d of out.destroyed as { label: { ja: string } }[]) expect(pdfText).toContain(d.label.ja.slice(0, 8));
    for (const word of ['データ消去証明書', '暗号消去', '責任者 山田', '米子市 イオンモール', '合格', 'SHA-256']) expect(pdfText).toContain(word);
    // The camera's card is outside the certificate, and it says so.
    expect(pdfText.replace(/\s+/g, '')).toContain('カメラのカードはこの証明書の対象外です');
    const signed = JSON.parse(readFileSync(out.certificateJson, 'utf8'));
    expect(signed.certificate.notes.join('\n')).toMatch(/延べ 3 回カメラのカード/);
    // So is the print system, which kept two jobs of printed photos.
    expect(pdfText.replace(/\s+/g, '')).toContain('印刷システムはこの証明書の対象外です');
    expect(signed.certificate.notes.join('\n')).toMatch(/写真のジョブが延べ 2 件/);
    expect(verifyDetached(canonical(signed.certificate), signed.signature.value, signed.certificate.publicKeyPem)).toBe(true);
    signed.certificate.place = 'elsewhere';
    expect(verifyDetached(canonical(signed.certificate), signed.signature.value, signed.certificate.publicKeyPem)).toBe(false);

    // A second wipe is harmless and says when the device was wiped.
    const again = await cli(['wipe', '--all', '--data-dir', paths.root, '--certificate-dir', certDir, '--canary', CANARY, '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out[0]!)).toMatchObject({ alreadyWiped: true, verification: 'pass' });
  }, 60_000);

  it('tells the lead when the certificate and the figures stayed on this computer’s own disk', async () => {
    // Here the certificate folder is on the data's disk, as /media/usb is without its stick.
    const { paths, ram } = await seeded();
    const certDir = tempDir('madoguchi-cert-');
    const env = { MADOGUCHI_PASSPHRASE: PASSPHRASE, MADOGUCHI_RAM_DIR: ram };
    const r = await cli(['wipe', '--all', '--data-dir', paths.root, '--certificate-dir', certDir], env);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain(`証明書と集計は、このパソコン自身のディスク（${certDir}）に保存されました。USB メモリーではありません。`);
    // On another file system (a USB stick; here the RAM disk), nothing to say.
    if (existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(os.tmpdir()).dev) {
      const other = await seeded();
      const stick = mkdtempSync(path.join('/dev/shm', 'madoguchi-stick-'));
      try {
        const elsewhere = await cli(['wipe', '--all', '--data-dir', other.paths.root, '--certificate-dir', stick, '--json'], { ...env, MADOGUCHI_RAM_DIR: other.ram });
        expect(elsewhere.code).toBe(0);
        expect(JSON.parse(elsewhere.out[0]!).certificateOnThisDisk).toBe(false);
      } finally {
        rmSync(stick, { recursive: true, force: true });
      }
    }
  }, 60_000);

  it('refuses a certificate folder inside the data folder, destroying nothing', async () => {
    const { paths } = await seeded();
    const r = await cli(['wipe', '--all', '--data-dir', paths.root, '--certificate-dir', path.join(paths.root, 'certs')], { MADOGUCHI_PASSPHRASE: PASSPHRASE, MADOGUCHI_RAM_DIR: tempDir() });
    expect(r.code).toBe(2);
    expect(r.err[0]).toContain('外');
    expect(existsSync(paths.keyFile)).toBe(true);
    expect(existsSync(paths.storeFile)).toBe(true);
  });

  it('refuses a wrong passphrase without destroying anything, unless told to go on without the export', async () => {
    const { paths } = await seeded();
    const certDir = tempDir('madoguchi-cert-');
    const env = { MADOGUCHI_PASSPHRASE: 'not the passphrase', MADOGUCHI_RAM_DIR: tempDir() };
    const r = await cli(['wipe', '--all', '--data-dir', paths.root, '--certificate-dir', certDir], env);
    expect(r.code).toBe(1);
    expect(r.err[0]).toContain('パスフレーズが違います');
    expect(existsSync(paths.keyFile)).toBe(true);
    const forced = await cli(['wipe', '--all', '--without-export', '--data-dir', paths.root, '--certificate-dir', certDir, '--canary', CANARY, '--json'], env);
    expect(forced.code).toBe(0);
    const out = JSON.parse(forced.out[0]!);
    expect(out.signed).toBe(false);
    expect(out.exports).toEqual([]);
    expect(existsSync(paths.keyFile)).toBe(false);
    expect(out.verification.result).toBe('pass');
  }, 60_000);

  it('needs --all and a certificate folder', async () => {
    expect((await cli(['wipe', '--certificate-dir', tempDir()], {})).code).toBe(2);
    expect((await cli(['wipe', '--all'], {})).code).toBe(2);
  });
});
