import type { DoctorReport } from '../../../shared/contract.js';
import { pick, text, type Lang } from '../../../shared/text.js';
import { readCameraSettings } from '../../devices/camera/gphoto2.js';
import { probeHardware } from '../../devices/devices.js';
import { runDoctor, systemDoctorEnv } from '../../doctor/doctor.js';
import { noKeyStore } from '../../doctor/key-store.js';
import { dataPaths, ensureDataPaths, resolveDataDir } from '../../paths.js';
import { loadSettings } from '../../settings/settings.js';
import { exec } from '../../system/exec.js';
import type { Command } from '../cli-io.js';
import { HumanFaceDetector } from '../../photo/face-detector.js';
import { photoSelfTest, samplePortrait } from '../../photo/self-test.js';
import { appRoot } from '../../boot.js';
import { settingsOrCliError } from './shared.js';

const MARK = { ok: '✔ ok  ', warn: '▲ warn', fail: '✖ fail' } as const;

export function formatDoctor(report: DoctorReport, lang: Lang): string {
  const rows = report.lines.map((l) => {
    const head = `${MARK[l.status]}  ${pick(l.title, lang)}: ${pick(l.detail, lang)}`;
    return l.fix ? `${head}\n          → ${pick(l.fix, lang)}` : head;
  });
  const verdict = {
    ok: text('準備ができています。', 'Ready.'),
    warn: text('注意があります。上の「→」を確認してください。', 'Some warnings: see the → lines above.'),
    fail: text('対応が必要な項目があります。上の「→」を確認してください。', 'Some items need action: see the → lines above.'),
  }[report.worst];
  return [...rows, '', pick(verdict, lang)].join('\n');
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: { ja: '開局前の準備状況を確認します', en: 'Check readiness before opening' },
  usage: 'madoguchi doctor [--json] [--lang ja|en] [--data-dir D]',
  options: {},
  async run(_values, flags, io) {
    const paths = dataPaths(resolveDataDir(flags.dataDir, io.env));
    ensureDataPaths(paths);
    const settings = settingsOrCliError(() => loadSettings(paths.settingsFile), flags.lang);
    const env = systemDoctorEnv({
      exec,
      probe: () => probeHardware(exec, settings),
      settings,
      dataDir: paths.root,
      // The CLI runs without Electron: the database key is always protected by a passphrase.
      keyStore: () => noKeyStore,
      photoSelfTest: (s) => photoSelfTest(new HumanFaceDetector(), samplePortrait(appRoot()), s),
    });
    // Before the app starts nothing else holds the camera: its settings can be read.
    env.cameraSettings = (cam) => readCameraSettings(exec, cam);
    const report = await runDoctor(env);
    io.out(flags.json ? JSON.stringify(report) : formatDoctor(report, flags.lang));
    // Missing hardware is a finding, not an error: doctor succeeds whenever it could check.
    return 0;
  },
};
