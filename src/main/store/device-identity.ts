// This device's identity: a random id and an Ed25519 signing key, created with the store and kept
// inside it (so encrypted at rest). Wipe certificates, and later the weekly bundles, are signed
// with it; the office compares the public key's fingerprint with the one it registered.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { Db } from './database.js';

export interface DeviceIdentity {
  deviceId: string;
  privateKey: KeyObject;
  publicKeyPem: string;
  /** SHA-256 of the public key (DER), hex, in groups of four for reading aloud. */
  fingerprint: string;
}

function meta(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function fingerprintOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return (createHash('sha256').update(der).digest('hex').match(/.{4}/g) ?? []).join(' ');
}

/** Per open database: the key is parsed once, not on every report, plan or bundle. */
const known = new WeakMap<Db, DeviceIdentity>();

export function deviceIdentity(db: Db): DeviceIdentity {
  const cached = known.get(db);
  if (cached) return cached;
  let id = meta(db, 'device_id');
  let pem = meta(db, 'device_signing_key');
  if (!id || !pem) {
    id = randomUUID();
    pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    db.transaction(() => {
      db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('device_id', id);
      db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('device_signing_key', pem);
    })();
  }
  const privateKey = createPrivateKey(pem);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const identity = { deviceId: id, privateKey, publicKeyPem, fingerprint: fingerprintOf(publicKeyPem) };
  known.set(db, identity);
  return identity;
}

export function signDetached(data: Buffer, key: KeyObject): string {
  return sign(null, data, key).toString('base64');
}

export function verifyDetached(data: Buffer, signature: string, publicKeyPem: string): boolean {
  try {
    const bytes = Buffer.from(signature, 'base64');
    // Only the one canonical spelling: base64 ignores stray characters and the spare bits of its
    // last digit, so an edited signature could otherwise still "verify".
    if (bytes.toString('base64') !== signature) return false;
    return verify(null, data, createPublicKey(publicKeyPem), bytes);
  } catch {
    return false;
  }
}
