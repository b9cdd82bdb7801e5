// What the wipe certificate says about the machine and its storage (NIST SP 800-88 asks for make,
// model, serial and media). Read from the OS where it tells; "unknown" where it does not.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { Exec } from '../system/exec.js';

export interface DeviceFacts {
  make: string;
  model: string;
  serial: string;
  hostname: string;
  os: string;
  media: string;
  /** Full-disk encryption under the data folder: true / false, or null when it cannot be told. */
  diskEncrypted: boolean | null;
  encryptionDetail: string;
}

const UNKNOWN = 'unknown';

async function sysfs(name: string): Promise<string> {
  try {
    const v = (await readFile(`/sys/class/dmi/id/${name}`, 'utf8')).trim();
    return v || UNKNOWN;
  } catch {
    return UNKNOWN;
  }
}

interface LsblkNode {
  name?: string;
  type?: string;
  model?: string | null;
  serial?: string | null;
  tran?: string | null;
  children?: LsblkNode[];
}

/** Encryption and the physical disk for the block device holding `dir` (Linux: findmnt + lsblk -s). */
export async function linuxStorage(exec: Exec, dir: string): Promise<Pick<DeviceFacts, 'media' | 'diskEncrypted' | 'encryptionDetail'>> {
  const src = await exec('findmnt', ['-n', '-o', 'SOURCE', '--target', dir], { timeoutMs: 5000 });
  const source = src.stdout.toString('utf8').trim().split('\n')[0] ?? '';
  if (src.code !== 0 || !source.startsWith('/dev/')) {
    return { media: source || UNKNOWN, diskEncrypted: null, encryptionDetail: `not a block device (${source || 'unknown'})` };
  }
  // -s walks from the device down to the disks it sits on: a "crypt" layer means dm-crypt/LUKS.
  const r = await exec('lsblk', ['-s', '-J', '-o', 'NAME,TYPE,MODEL,SERIAL,TRAN', source], { timeoutMs: 5000 });
  try {
    const tree = (JSON.parse(r.stdout.toString('utf8')) as { blockdevices: LsblkNode[] }).blockdevices;
    const all: LsblkNode[] = [];
    const visit = (n: LsblkNode) => {
      all.push(n);
      (n.children ?? []).forEach(visit);
    };
    tree.forEach(visit);
    const crypt = all.find((n) => n.type === 'crypt');
    const disk = all.find((n) => n.type === 'disk');
    const media = disk ? [disk.model, disk.serial ? `S/N ${disk.serial}` : null, disk.tran].filter(Boolean).join(', ') || `/dev/${disk.name}` : source;
    return { media, diskEncrypted: !!crypt, encryptionDetail: crypt ? `dm-crypt (${crypt.name})` : 'no dm-crypt layer under the data folder' };
  } catch {
    return { media: source, diskEncrypted: null, encryptionDetail: 'lsblk gave no answer' };
  }
}

export async function deviceFacts(exec: Exec, dataDir: string): Promise<DeviceFacts> {
  const base = { hostname: os.hostname(), os: `${os.type()} ${os.release()} (${os.arch()})` };
  if (process.platform === 'linux') {
    const [make, model, serial, storage] = await Promise.all([sysfs('sys_vendor'), sysfs('product_name'), sysfs('product_serial'), linuxStorage(exec, dataDir)]);
    return { ...base, make, model, serial: serial === UNKNOWN ? 'unknown (needs root to read)' : serial, ...storage };
  }
  if (process.platform === 'win32') {
    const r = await exec('powershell.exe', ['-NoProfile', '-Command', '$c=Get-CimInstance Win32_ComputerSystem; $b=Get-CimInstance Win32_BIOS; $v=Get-BitLockerVolume -MountPoint $env:SystemDrive -ErrorAction SilentlyContinue; @{make=$c.Manufacturer;model=$c.Model;serial=$b.SerialNumber;bitlocker=[string]$v.ProtectionStatus} | ConvertTo-Json'], { timeoutMs: 20000 });
    try {
      const j = JSON.parse(r.stdout.toString('utf8')) as Record<string, string>;
      const on = j.bitlocker === 'On' || j.bitlocker === '1';
      return { ...base, make: j.make ?? UNKNOWN, model: j.model ?? UNKNOWN, serial: j.serial ?? UNKNOWN, media: 'system drive', diskEncrypted: j.bitlocker ? on : null, encryptionDetail: `BitLocker: ${j.bitlocker || 'unknown'}` };
    } catch {
      return { ...base, make: UNKNOWN, model: UNKNOWN, serial: UNKNOWN, media: UNKNOWN, diskEncrypted: null, encryptionDetail: 'unknown' };
    }
  }
  const fv = await exec('fdesetup', ['status'], { timeoutMs: 5000 });
  const on = /FileVault is On/.test(fv.stdout.toString('utf8'));
  return { ...base, make: 'Apple', model: UNKNOWN, serial: UNKNOWN, media: UNKNOWN, diskEncrypted: fv.code === 0 ? on : null, encryptionDetail: `FileVault: ${on ? 'On' : fv.code === 0 ? 'Off' : 'unknown'}` };
}
