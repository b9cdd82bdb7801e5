// Who is signed in at the console. Calls that need a role ask here; a session idle for longer
// than the setting is closed on the next call, whatever the renderer's own timer did.
import type { ConsoleSession as Session } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { EventBus } from '../event-bus.js';
import type { StoreKeeper } from '../store/store.js';
import { permissionsOf, type Permission } from './roles.js';
import type { StaffMember, StaffService } from './staff-service.js';

export class ConsoleSession {
  private member: StaffMember | null = null;
  private signedInAt: Date | null = null;
  private lastActivity = 0;

  constructor(
    private readonly staff: StaffService,
    private readonly store: StoreKeeper,
    private readonly bus: EventBus,
    private readonly now: () => Date,
    private readonly idleMinutes: number,
  ) {}

  current(): Session | null {
    this.expireIfIdle();
    if (!this.member || !this.signedInAt) return null;
    const member = this.staff.member(this.member.id) ?? this.member;
    const permissions = permissionsOf(member.role).filter((p) => p !== 'serve' || member.trainingMissing.length === 0);
    return { member, signedInAt: this.signedInAt.toISOString(), idleMinutes: this.idleMinutes, permissions };
  }

  async signIn(staffId: number, pin: string): Promise<Session> {
    const member = await this.staff.signIn(staffId, pin);
    if (this.member && this.member.id !== member.id) this.signOut('user');
    this.member = member;
    this.signedInAt = this.now();
    this.lastActivity = this.now().getTime();
    this.announce();
    return this.current() as Session;
  }

  signOut(reason: 'user' | 'idle'): void {
    if (!this.member) return;
    if (this.store.isOpen()) this.store.get().accessLog.append(this.now(), `staff:${this.member.id}`, reason === 'idle' ? 'signout.idle' : 'signout', {});
    this.member = null;
    this.signedInAt = null;
    this.announce();
  }

  /** The signed-in member, allowed to do this; refuses clearly otherwise. Counts as activity. */
  require(permission: Permission): StaffMember {
    this.expireIfIdle();
    if (!this.member) {
      throw new AppError('forbidden', text('担当者のPINでサインインしてください。', 'Sign in with your staff PIN.'));
    }
    this.staff.require(this.member, permission);
    this.lastActivity = this.now().getTime();
    return this.member;
  }

  /** After the final wipe there is no roster to sign out against: just forget who was in. */
  forget(): void {
    this.member = null;
    this.signedInAt = null;
    this.announce();
  }

  /** Any console activity keeps the session open. */
  touch(): void {
    if (this.member) this.lastActivity = this.now().getTime();
  }

  actor(): string {
    return this.member ? `staff:${this.member.id}` : 'console';
  }

  private expireIfIdle(): void {
    if (this.member && this.now().getTime() - this.lastActivity > this.idleMinutes * 60_000) this.signOut('idle');
  }

  private announce(): void {
    this.bus.emit('session.changed', this.current());
  }
}
