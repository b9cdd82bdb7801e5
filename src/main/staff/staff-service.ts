// Staff sign-in with a PIN (scrypt hash, per-person salt). Five wrong PINs in a row lock the
// person out, for a minute and then twice as long with each further failure (up to an hour).
// Every sign-in, failure and lock goes to the access log without the PIN or anything personal.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { StoreKeeper } from '../store/store.js';
import { can, Role, type Permission } from './roles.js';

export const Pin = z.string().regex(/^\d{4,8}$/);
export const StaffName = z.string().trim().min(1).max(60);

export interface StaffMember {
  id: number;
  displayName: string;
  role: Role;
  handlesPersonalData: boolean;
  active: boolean;
}

export interface PinCost {
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_PIN_COST: PinCost = { N: 2 ** 14, r: 8, p: 1 };

export const MAX_FAILURES = 5;

/** Lock length after the n-th consecutive failure (n ≥ 5): 1, 2, 4 … minutes, at most 60. */
export function lockMinutes(failures: number): number {
  if (failures < MAX_FAILURES) return 0;
  return Math.min(60, 2 ** (failures - MAX_FAILURES));
}

function hashPin(pin: string, salt: Buffer, cost: PinCost): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(pin, salt, 32, { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }, (e, k) => (e ? reject(e) : resolve(k))),
  );
}

interface StaffRow {
  id: number;
  display_name: string;
  role: Role;
  handles_personal_data: number;
  pin_hash: Buffer;
  pin_salt: Buffer;
  pin_cost: string;
  failed_attempts: number;
  locked_until: string | null;
  active: number;
}

const toMember = (r: StaffRow): StaffMember => ({
  id: r.id,
  displayName: r.display_name,
  role: r.role,
  handlesPersonalData: r.handles_personal_data === 1,
  active: r.active === 1,
});

export class StaffService {
  constructor(
    private readonly store: StoreKeeper,
    private readonly now: () => Date,
    private readonly cost: PinCost = DEFAULT_PIN_COST,
  ) {}

  private row(id: number): StaffRow | undefined {
    return this.store.get().db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined;
  }

  list(): StaffMember[] {
    return (this.store.get().db.prepare('SELECT * FROM staff ORDER BY id').all() as StaffRow[]).map(toMember);
  }

  async add(input: { displayName: string; role: Role; pin: string; handlesPersonalData?: boolean }, actor: string): Promise<StaffMember> {
    const name = StaffName.parse(input.displayName);
    if (!Pin.safeParse(input.pin).success) {
      throw new AppError('bad_request', text('PINは4〜8桁の数字にしてください。', 'The PIN must be 4 to 8 digits.'));
    }
    const salt = randomBytes(16);
    const hash = await hashPin(input.pin, salt, this.cost);
    const { db, accessLog } = this.store.get();
    const id = db
      .prepare('INSERT INTO staff (display_name, role, handles_personal_data, pin_hash, pin_salt, pin_cost, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(name, Role.parse(input.role), input.handlesPersonalData === false ? 0 : 1, hash, salt, JSON.stringify(this.cost), this.now().toISOString()).lastInsertRowid;
    accessLog.append(this.now(), actor, 'staff.added', { staffId: Number(id), role: input.role });
    return toMember(this.row(Number(id)) as StaffRow);
  }

  /** Checks the PIN; answers the member, or a clear refusal (wrong PIN, locked, inactive). */
  async signIn(id: number, pin: string): Promise<StaffMember> {
    const r = this.row(id);
    const { db, accessLog } = this.store.get();
    const now = this.now();
    if (!r || r.active !== 1) {
      accessLog.append(now, 'unknown', 'signin.refused', { reason: 'unknown_staff' });
      throw new AppError('forbidden', text('この担当者は登録されていません。', 'No such staff member.'));
    }
    if (r.locked_until && Date.parse(r.locked_until) > now.getTime()) {
      accessLog.append(now, `staff:${id}`, 'signin.refused', { reason: 'locked' });
      const until = new Date(r.locked_until).toLocaleTimeString('ja-JP', { hour: '2-digit', minute: '2-digit' });
      throw new AppError('forbidden', text(`PINの誤りが続いたため ${until} までロックされています。`, `Locked until ${until} after too many wrong PINs.`));
    }
    const expected = r.pin_hash;
    const given = await hashPin(Pin.safeParse(pin).success ? pin : '', r.pin_salt, JSON.parse(r.pin_cost) as PinCost);
    if (given.length === expected.length && timingSafeEqual(given, expected) && Pin.safeParse(pin).success) {
      db.prepare('UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
      accessLog.append(now, `staff:${id}`, 'signin', { role: r.role });
      return toMember(r);
    }
    const failures = r.failed_attempts + 1;
    const minutes = lockMinutes(failures);
    const lockedUntil = minutes > 0 ? new Date(now.getTime() + minutes * 60_000).toISOString() : null;
    db.prepare('UPDATE staff SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(failures, lockedUntil, id);
    accessLog.append(now, `staff:${id}`, minutes > 0 ? 'signin.locked' : 'signin.failed', { failures, lockMinutes: minutes });
    throw new AppError(
      'forbidden',
      minutes > 0
        ? text(`PINが違います。${minutes}分間ロックします。`, `Wrong PIN. Locked for ${minutes} min.`)
        : text(`PINが違います（あと${MAX_FAILURES - failures}回でロック）。`, `Wrong PIN (${MAX_FAILURES - failures} tries left before a lock).`),
    );
  }

  /** Refuses with a clear message when this member's role does not allow the action. */
  require(member: StaffMember, permission: Permission): void {
    if (!can(member.role, permission)) {
      throw new AppError('forbidden', text('この操作には責任者の権限が必要です。', 'This needs the lead’s permission.'));
    }
  }
}
