import os from 'node:os';
import path from 'node:path';
import { afterWipeNotes } from '../../../shared/after-wipe.js';
import { AppError } from '../../../shared/errors.js';
import { pick } from '../../../shared/text.js';
import { appRoot, appVersion } from '../../boot.js';
import { silentLogger } from '../../log.js';
import { dataPaths, ramBackedDir, resolveDataDir } from '../../paths.js';
import { secureNativeBinding } from '../../store/database.js';
import { passphraseWrapper } from '../../store/key-wrap.js';
import { StoreKeeper } from '../../store/store.js';
import { exec } from '../../system/exec.js';
import { wipeAll } from '../../wipe/event-wipe.js';
import { CliError, type Command } from '../cli-io.js';
import { readPassphrase } from '../passphrase.js';

export const wipeCommand: Command = {
  name: 'wipe',
  summary: { ja: 'イベント終了時の全消去（消去証明書を作成）', en: 'End-of-event wipe, with a certificate' },
  usage:
    'madoguchi wipe --all --certificate-dir C [--data-dir D] [--ordered-by NAME] [--place TEXT] [--canary TEXT]... [--without-export] [--json]\n' +
    '  The store passphrase comes from MADOGUCHI_PASSPHRASE or a prompt.',
  options: {
    all: { type: 'boolean' },
    'certificate-dir': { type: 'string' },
    'ordered-by': { type: 'string' },
    place: { type: 'string' },
    canary: { type: 'string', multiple: true },
    'without-export': { type: 'boolean' },
  },
  async run(values, flags, io) {
    const en = flags.lang === 'en';
    if (values.all !== true) throw new CliError(en ? 'say --all: the wipe destroys every file of the app' : '--all を付けてください（アプリの全ファイルを消去します）');
    const certDir = values['certificate-dir'];
    if (typeof certDir !== 'string' || !certDir) throw new CliError(en ? '--certificate-dir is required (a folder outside the data folder)' : '--certificate-dir が必要です（データフォルダーの外のフォルダー）');
    const paths = dataPaths(resolveDataDir(flags.dataDir, io.env));
    const root = appRoot();
    // The wipe writes no log of its own into the folder it destroys.
    const store = new StoreKeeper({ paths, nativeBinding: secureNativeBinding(root), log: silentLogger });
    const withoutExport = values['without-export'] === true;
    const state = store.status().state;
    const unlock =
      state === 'locked' && !withoutExport
        ? passphraseWrapper(await readPassphrase(io.env, en ? 'Store passphrase: ' : 'データベースのパスフレーズ: ', flags.lang))
        : null;
    // MADOGUCHI_RAM_DIR names the RAM-backed folder explicitly (tests; unusual set-ups).
    const ram = io.env.MADOGUCHI_RAM_DIR ?? ramBackedDir();
    try {
      const r = await wipeAll({
        paths,
        store,
        unlock,
        withoutExport,
        certificateDir: path.resolve(certDir),
        orderedBy: typeof values['ordered-by'] === 'string' ? values['ordered-by'] : `${os.userInfo().username} (CLI)`,
        actor: 'cli',
        place: typeof values.place === 'string' ? values.place : '',
        canaries: Array.isArray(values.canary) ? values.canary : [],
        extraRoots: ram ? [ram] : [],
        exec,
        now: () => new Date(),
        version: appVersion(root),
        log: silentLogger,
      });
      if (r.alreadyWiped) {
        const out = { alreadyWiped: true, wipedAt: r.wipedAt, certificateId: r.certificateId, verification: r.scan.findings.length === 0 ? 'pass' : 'fail', findings: r.scan.findings };
        io.out(flags.json ? JSON.stringify(out) : en ? `Already wiped on ${r.wipedAt} (certificate ${r.certificateId}). Verification: ${out.verification}.` : `この端末は ${r.wipedAt} に消去済みです（証明書 ${r.certificateId}）。検証: ${out.verification === 'pass' ? '合格' : '不合格'}`);
        return r.scan.findings.length === 0 ? 0 : 1;
      }
      const c = r.certificate.certificate;
      if (flags.json) {
        io.out(JSON.stringify({ alreadyWiped: false, certificateId: c.certificateId, certificate: r.files.pdf, certificateJson: r.files.json, exports: r.files.exports, destroyed: c.destroyed, verification: c.verification, signed: r.certificate.signature !== null, cameraCardPhotos: r.cameraCardPhotos, spoolKeptJobs: r.spoolKeptJobs, certificateOnThisDisk: r.certificateOnThisDisk, durationsMs: c.durationsMs }));
      } else {
        const files = c.destroyed.reduce((n, d) => n + d.files, 0);
        io.out(
          [
            en ? `Wiped: ${files} files destroyed; verification ${c.verification.result}.` : `消去しました：${files} ファイルを破棄。検証：${c.verification.result === 'pass' ? '合格' : '不合格'}`,
            `  ${en ? 'certificate' : '証明書'}: ${r.files.pdf}`,
            ...r.files.exports.map((f) => `  ${en ? 'exported' : '書き出し'}: ${f}`),
            ...afterWipeNotes(r, path.resolve(certDir)).map((n) => `  ${pick(n.text, flags.lang)}`),
          ].join('\n'),
        );
      }
      return c.verification.result === 'pass' ? 0 : 1;
    } catch (err) {
      if (err instanceof AppError) throw new CliError(pick(err.body.message, flags.lang), err.body.code === 'bad_request' ? 2 : 1);
      throw err;
    }
  },
};
