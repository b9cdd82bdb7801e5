// Staff sign-in with a PIN (scrypt hash, per-person salt). Five wrong PINs in a row lock the
// person out, for a minute and then twice as long with each further failure (up to an hour).
// Every sign-in, failure and lock goes to the access log without the PIN or anything personal.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { StoreKeeper } from '../store/store.js';
import { can, Role, type Permission } from './roles.js';
import { TrainingTopic, type TrainingRecord } from '../../shared/contract.js';
import { boothDay } from '../day/booth-day.js';

export const Pin = z.string().regex(/^\d{4,8}$/);
export const StaffName = z.string().trim().min(1).max(60);

export interface StaffMember {
  id: number;
  displayName: string;
  role: Role;
  handlesPersonalData: boolean;
  active: boolean;
  trainingMissing: TrainingTopic[];
}

/** The training every member completes before serving, in the order the record lists it. */
export const TRAINING_TOPICS: readonly TrainingTopic[] = TrainingTopic.options;

export const TRAINING_LABELS: Record<TrainingTopic, { ja: string; en: string }> = {
  conduct: { ja: '服務規律', en: 'Code of conduct' },
  ethics: { ja: '倫理・コンプライアンス', en: 'Ethics and compliance' },
  privacy: { ja: '個人情報保護', en: 'Personal data protection' },
  procedure: { ja: '業務手順', en: 'Procedures' },
};

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

const toMember = (r: StaffRow, done: ReadonlySet<TrainingTopic>): StaffMember => ({
  id: r.id,
  displayName: r.display_name,
  role: r.role,
  handlesPersonalData: r.handles_personal_data === 1,
  active: r.active === 1,
  trainingMissing: TRAINING_TOPICS.filter((t) => !done.has(t)),
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

  /** Topics each member has completed, counting training held today or before. */
  private completed(): Map<number, Set<TrainingTopic>> {
    const rows = this.store.prepare('SELECT DISTINCT staff_id, topic FROM staff_training WHERE held_on <= ?').all(boothDay(this.now())) as { staff_id: number; topic: TrainingTopic }[];
    const done = new Map<number, Set<TrainingTopic>>();
    for (const r of rows) {
      const set = done.get(r.staff_id) ?? new Set<TrainingTopic>();
      set.add(r.topic);
      done.set(r.staff_id, set);
    }
    return done;
  }

  list(): StaffMember[] {
    const done = this.completed();
    return (this.store.get().db.prepare('SELECT * FROM staff ORDER BY id').all() as StaffRow[]).map((r) => toMember(r, done.get(r.id) ?? new Set()));
  }

  member(id: number): StaffMember | null {
    const r = this.row(id);
    return r ? toMember(r, this.completed().get(id) ?? new Set()) : null;
  }

  /** One training session: a record per topic, kept with the roster until the final wipe. */
  recordTraining(input: { staffId: number; heldOn: string; topics: TrainingTopic[]; trainer: string }, actor: string): StaffMember {
    const { db, accessLog } = this.store.get();
    if (!this.row(input.staffId)) throw new AppError('not_found', text('この担当者は登録されていません。', 'No such staff member.'));
    if (input.heldOn > boothDay(this.now())) {
      throw new AppError('bad_request', text('研修の実施日に未来の日付は入れられません。', 'The training date cannot be in the future.'));
    }
    const now = this.now().toISOString();
    db.transaction(() => {
      const insert = db.prepare('INSERT INTO staff_training (staff_id, held_on, topic, trainer, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)');
      for (const topic of new Set(input.topics)) insert.run(input.staffId, input.heldOn, topic, input.trainer, now, actor);
      accessLog.append(this.now(), actor, 'staff.training_recorded', { staffId: input.staffId, topics: [...new Set(input.topics)].join(',') });
    })();
    return this.member(input.staffId) as StaffMember;
  }

  training(staffId?: number): TrainingRecord[] {
    const rows = (staffId === undefined
      ? this.store.prepare('SELECT id, staff_id, held_on, topic, trainer FROM staff_training ORDER BY held_on, id').all()
      : this.store.prepare('SELECT id, staff_id, held_on, topic, trainer FROM staff_training WHERE staff_id = ? ORDER BY held_on, id').all(staffId)) as { id: number; staff_id: number; held_on: string; topic: TrainingTopic; trainer: string }[];
    return rows.map((r) => ({ id: r.id, staffId: r.staff_id, heldOn: r.held_on, topic: r.topic, trainer: r.trainer }));
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
    return this.member(Number(id)) as StaffMember;
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
      return this.member(id) as StaffMember;
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
    // Training is checked afresh: a record entered since sign-in counts at once.
    const missing = permission === 'serve' ? (this.member(member.id)?.trainingMissing ?? []) : [];
    if (missing.length > 0) {
      throw new AppError(
        'forbidden',
        text(
          `研修（${missing.map((t) => TRAINING_LABELS[t].ja).join('・')}）が未了のため、受付の操作はできません。責任者に研修記録の登録を依頼してください。`,
          `Training not completed (${missing.map((t) => TRAINING_LABELS[t].en).join(', ')}): you cannot serve yet. Ask the lead to record it.`,
        ),
      );
    }
  }
}
