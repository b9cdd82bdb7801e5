// A private CUPS scheduler for tests of the real CUPS path: Debian's cupsd (package cups-daemon,
// installed by scripts/setup/system-packages.sh) with its own configuration, spool and port in a
// temporary folder, the stock access policy, and one photo queue whose "printer" is a backend
// script. The app's adapter then talks to it through the real lp, lpstat, lpoptions and cancel.
//
// The backend writes each job to `out/job-N.out` (and its title and options beside it), and while
// `out/state` names printer-state reasons (media-empty-error …) it reports them and holds the job,
// as a photo printer out of paper does. It runs as root (a backend only root may write), so the
// scheduler needs root: CI has it.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { exec } from '../../src/main/system/exec.js';
import { tempDir } from './test-app.js';

const CUPSD = '/usr/sbin/cupsd';
const STOCK_CONF = '/usr/share/cups/cupsd.conf.default';

/** Why a private scheduler cannot run here, or null when it can. */
export function cupsdUnavailable(): string | null {
  if (!existsSync(CUPSD) || !existsSync(STOCK_CONF)) return 'cupsd is not installed (Debian package cups-daemon)';
  if (process.getuid?.() !== 0) return 'cupsd runs the test printer as root, and this is not root';
  return null;
}

/**
 * A queue offering the booth's three papers by the names Canon and DNP drivers use (w252h360 …),
 * and the resolutions as Gutenprint's DNP driver names them (300 dpi, or 300×600 for fine text).
 */
const PPD = `*PPD-Adobe: "4.3"
*FormatVersion: "4.3"
*FileVersion: "1.0"
*LanguageVersion: English
*LanguageEncoding: ISOLatin1
*PCFileName: "BOOTH.PPD"
*Manufacturer: "madoguchi"
*Product: "(test photo printer)"
*ModelName: "madoguchi test photo printer"
*ShortNickName: "madoguchi test photo printer"
*NickName: "madoguchi test photo printer"
*PSVersion: "(3010.000) 0"
*LanguageLevel: "3"
*ColorDevice: True
*DefaultColorSpace: RGB
*FileSystem: False
*Throughput: "1"
*cupsVersion: 2.4
*cupsFilter: "application/pdf 0 -"
*OpenUI *PageSize/Media Size: PickOne
*OrderDependency: 10 AnySetup *PageSize
*DefaultPageSize: w252h360
*PageSize w252h360/L 89x127mm: "<</PageSize[252 360]>>setpagedevice"
*PageSize w288h432/KG 4x6in: "<</PageSize[288 432]>>setpagedevice"
*PageSize w360h504/2L 5x7in: "<</PageSize[360 504]>>setpagedevice"
*CloseUI: *PageSize
*OpenUI *Resolution/Resolution: PickOne
*OrderDependency: 20 AnySetup *Resolution
*DefaultResolution: 300x300dpi
*Resolution 300x300dpi/300 x 300 DPI: "<</HWResolution[300 300]>>setpagedevice"
*Resolution 300x600dpi/300 x 600 DPI: "<</HWResolution[300 600]>>setpagedevice"
*CloseUI: *Resolution
*DefaultImageableArea: w252h360
*ImageableArea w252h360: "0 0 252 360"
*ImageableArea w288h432: "0 0 288 432"
*ImageableArea w360h504: "0 0 360 504"
*DefaultPaperDimension: w252h360
*PaperDimension w252h360: "252 360"
*PaperDimension w288h432: "288 432"
*PaperDimension w360h504: "360 504"
`;

const BACKEND = `#!/bin/sh
# madoguchi's test photo printer: booth:/folder
if [ $# -eq 0 ]; then echo 'direct booth "Unknown" "madoguchi test photo printer"'; exit 0; fi
dir="\${DEVICE_URI#booth:}"
reported=""
while [ -f "$dir/state" ]; do
  now=$(cat "$dir/state")
  if [ "$now" != "$reported" ]; then echo "STATE: $now" >&2; reported="$now"; fi
  sleep 0.1
done
echo "STATE: none" >&2
printf '%s' "$3" > "$dir/job-$1.title"
printf '%s' "$5" > "$dir/job-$1.options"
if [ -n "$6" ]; then cat "$6"; else cat; fi > "$dir/job-$1.out"
exit 0
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface PrivateCups {
  /** host:port, for CUPS_SERVER. */
  server: string;
  /** The environment an administrator's command (cupsctl) needs to reach and authenticate to it. */
  adminEnv: Record<string, string>;
  queue: string;
  /** Where the test printer puts what it prints, and reads its `state`. */
  out: string;
  /** The scheduler's spool: job files (d…) and control files (c…). */
  spool: string;
  /** The files the spool holds now. */
  spooled(): string[];
  /** The scheduler's error log, for a failing test's message. */
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * Starts a scheduler. `preserve: false` writes PreserveJobFiles No and PreserveJobHistory No
 * (what doctor asks for); by default the directives are absent and CUPS's own defaults apply.
 */
export async function startCups(o: { preserve?: boolean } = {}): Promise<PrivateCups> {
  const root = tempDir('madoguchi-cups-');
  chmodSync(root, 0o755);
  const dirs = { etc: path.join(root, 'etc'), spool: path.join(root, 'spool'), bin: path.join(root, 'bin'), out: path.join(root, 'out') };
  for (const d of ['etc', 'spool/tmp', 'cache', 'state', 'log', 'bin/backend', 'bin/filter', 'out']) mkdirSync(path.join(root, d), { recursive: true });
  symlinkSync('/usr/lib/cups/daemon', path.join(dirs.bin, 'daemon'));
  writeFileSync(path.join(dirs.bin, 'backend', 'booth'), BACKEND, { mode: 0o700 });
  writeFileSync(path.join(dirs.etc, 'booth.ppd'), PPD);
  const port = await freePort();
  const server = `127.0.0.1:${port}`;
  // The stock access policy, so what the app may do here is what it may do on a booth laptop.
  const stock = readFileSync(STOCK_CONF, 'utf8');
  const policy = stock.slice(stock.indexOf('<Policy default>'), stock.indexOf('</Policy>', stock.indexOf('<Policy default>')) + '</Policy>'.length);
  writeFileSync(
    path.join(dirs.etc, 'cupsd.conf'),
    [`Listen ${server}`, 'LogLevel info', 'MaxLogSize 0', 'WebInterface No', ...(o.preserve === false ? ['PreserveJobFiles No', 'PreserveJobHistory No'] : []), '<Location />', '  Order allow,deny', '  Allow all', '</Location>', policy, ''].join('\n'),
  );
  writeFileSync(
    path.join(dirs.etc, 'cups-files.conf'),
    [
      `ServerRoot ${dirs.etc}`,
      `RequestRoot ${dirs.spool}`,
      `TempDir ${path.join(dirs.spool, 'tmp')}`,
      `CacheDir ${path.join(root, 'cache')}`,
      `StateDir ${path.join(root, 'state')}`,
      `ServerBin ${dirs.bin}`,
      'DataDir /usr/share/cups',
      `AccessLog ${path.join(root, 'log', 'access_log')}`,
      `ErrorLog ${path.join(root, 'log', 'error_log')}`,
      `PageLog ${path.join(root, 'log', 'page_log')}`,
      `Printcap ${path.join(root, 'printcap')}`,
      'Sandboxing relaxed',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(CUPSD, ['-f', '-c', path.join(dirs.etc, 'cupsd.conf'), '-s', path.join(dirs.etc, 'cups-files.conf')], { stdio: 'ignore' });
  const errorLog = () => {
    try {
      return readFileSync(path.join(root, 'log', 'error_log'), 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    // Administration (lpadmin, cupsctl) as the local root: libcups reads the scheduler's local
    // certificate from its state folder.
    const env = { ...process.env, CUPS_SERVER: server, CUPS_STATEDIR: path.join(root, 'state') };
    let running = false;
    for (let i = 0; i < 100 && !running; i += 1) {
      const r = await exec('lpstat', ['-r'], { timeoutMs: 2000, env });
      running = r.code === 0 && /scheduler is running/.test(r.stdout.toString('utf8'));
      if (!running) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!running) throw new Error(`the private cupsd did not start:\n${errorLog()}`);
    const added = await exec('lpadmin', ['-p', 'DS-RX1', '-E', '-v', `booth:${dirs.out}`, '-P', path.join(dirs.etc, 'booth.ppd')], { timeoutMs: 10000, env });
    if (added.code !== 0) throw new Error(`lpadmin: ${added.stderr}\n${errorLog()}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    server,
    adminEnv: { CUPS_SERVER: server, CUPS_STATEDIR: path.join(root, 'state') },
    queue: 'DS-RX1',
    out: dirs.out,
    spool: dirs.spool,
    spooled: () => readdirSync(dirs.spool).filter((f) => f !== 'tmp'),
    errorLog,
    stop,
  };
}
