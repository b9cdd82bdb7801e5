// Opening and closing the booth's day for one of the season's events. The day is kept in the
// store (booth_days), so a restart in the middle of it resumes the same day, and the staff-hours
// the planning analysis needs come from when it opened and closed and who was on duty.
import type { DayOpenInput, DaySummary, DayState, StationState } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { EventBus } from '../event-bus.js';
import type { SeasonService } from '../season/season-service.js';
import { TRAINING_LABELS, type StaffMember, type StaffService } from '../staff/staff-service.js';
import type { StoreKeeper } from '../store/store.js';
import { boothDay } from './booth-day.js';

interface BoothDayRow {
  id: number;
  day: string;
  event_id: number;
  opened_at: string;
  staff_ids: string;
  counters: number;
}

export interface DayServiceDeps {
  bus: EventBus;
  now: () => Date;
  store: StoreKeeper;
  season: SeasonService;
  staff: StaffService;
  /** The queue's number now being served, and its counter. */
  nowServing: () => { number: number; counter: number | null } | null;
  visitOpen: () => boolean;
  /** After this long untouched, the station's steps return to the start (setting). */
  idleSeconds: () => number;
}

/** When an event's day ends, as an instant (the booth's hours are Japan time). */
export function closingTime(day: string, closes: string): Date {
  return new Date(`${day}T${closes}:00+09:00`);
}

export class DayService {
  private day: (DayState & { rowId: number }) | null = null;

  constructor(private readonly d: DayServiceDeps) {}

  current(): DayState | null {
    if (!this.day) return null;
    const state: DayState & { rowId?: number } = { ...this.day };
    delete state.rowId;
    return state;
  }

  /** The event facts are filed under (tickets, visits, incentives, surveys, inquiries). */
  eventId(): number | null {
    return this.day?.eventId ?? null;
  }

  private state(row: BoothDayRow): DayState & { rowId: number } {
    const event = this.d.season.event(row.event_id);
    const staffIds = JSON.parse(row.staff_ids) as number[];
    const names = new Map(this.d.staff.list().map((m) => [m.id, m.displayName]));
    return {
      rowId: row.id,
      day: row.day,
      eventId: row.event_id,
      eventName: event?.name ?? '',
      venue: event?.venue.name ?? '',
      staff: staffIds.map((id) => names.get(id) ?? `#${id}`),
      staffIds,
      counters: row.counters,
      openedAt: row.opened_at,
    };
  }

  /**
   * After the store opens: today's day left open (the app restarted) carries on; one left open
   * on an earlier day is closed at its event's closing time, and the access log says so.
   */
  restore(): void {
    if (this.day || !this.d.store.isOpen()) return;
    const { db, accessLog } = this.d.store.get();
    const today = boothDay(this.d.now());
    const open = db.prepare('SELECT id, day, event_id, opened_at, staff_ids, counters FROM booth_days WHERE closed_at IS NULL ORDER BY opened_at').all() as BoothDayRow[];
    for (const row of open) {
      if (row.day === today && !this.day) {
        this.day = this.state(row);
        accessLog.append(this.d.now(), 'system', 'day.resumed', { eventId: row.event_id });
        continue;
      }
      const closes = this.d.season.event(row.event_id)?.closes ?? '23:59';
      const at = new Date(Math.max(Date.parse(row.opened_at), Math.min(this.d.now().getTime(), closingTime(row.day, closes).getTime())));
      db.prepare('UPDATE booth_days SET closed_at = ? WHERE id = ?').run(at.toISOString(), row.id);
      accessLog.append(this.d.now(), 'system', 'day.closed_at_restart', { eventId: row.event_id, day: row.day });
    }
    if (this.day) this.announce();
  }

  open(input: DayOpenInput, by: StaffMember): DayState {
    if (this.day) {
      throw new AppError('conflict', text('本日の受付はすでに開始しています。', 'The day is already open.'));
    }
    const event = this.d.season.event(input.eventId);
    if (!event) throw new AppError('not_found', text('このイベントは登録されていません。', 'No such event.'), [{ path: 'eventId', message: 'unknown event' }]);
    const now = this.d.now();
    const today = boothDay(now);
    if (today < event.firstDay || today > event.lastDay) {
      const when = event.firstDay === event.lastDay ? event.firstDay : `${event.firstDay}〜${event.lastDay}`;
      throw new AppError('conflict', text(`「${event.name}」は ${when} の予定です。本日（${today}）は開始できません。`, `"${event.name}" is scheduled for ${when}; it cannot open today (${today}).`));
    }
    const ids = [...new Set([by.id, ...input.staffIds])];
    const members = new Map(this.d.staff.list().map((m) => [m.id, m]));
    const unknown = ids.filter((id) => !members.get(id)?.active);
    if (unknown.length > 0) throw new AppError('bad_request', text('名簿にない担当者が含まれています。', 'Someone on duty is not on the roster.'), unknown.map((id) => ({ path: `staffIds.${id}`, message: 'unknown staff' })));
    const untrained = ids.map((id) => members.get(id) as StaffMember).filter((m) => m.trainingMissing.length > 0);
    if (untrained.length > 0) {
      const who = untrained.map((m) => `${m.displayName}（${m.trainingMissing.map((t) => TRAINING_LABELS[t].ja).join('・')}）`).join('、');
      throw new AppError('forbidden', text(`研修が未了の担当者がいます: ${who}。研修を終えるまで受付に入れません。`, `Some staff have not completed training (${untrained.length}); they cannot serve until they have.`));
    }
    const counters = input.counters ?? event.counters;
    const { db, accessLog } = this.d.store.get();
    const rowId = db.transaction(() => {
      const id = Number(
        db.prepare('INSERT INTO booth_days (day, event_id, opened_at, staff_ids, counters) VALUES (?, ?, ?, ?, ?)').run(today, event.id, now.toISOString(), JSON.stringify(ids), counters).lastInsertRowid,
      );
      accessLog.append(now, `staff:${by.id}`, 'day.opened', { eventId: event.id, staff: ids.length, counters });
      return id;
    })();
    this.day = this.state({ id: rowId, day: today, event_id: event.id, opened_at: now.toISOString(), staff_ids: JSON.stringify(ids), counters });
    this.announce();
    return this.current() as DayState;
  }

  close(actor: string): Omit<DaySummary, 'totals' | 'preview' | 'printed'> & { day: string; eventId: number } {
    const day = this.day;
    if (!day) {
      throw new AppError('conflict', text('本日の受付はまだ開始していません。', 'The day has not been opened.'));
    }
    const closedAt = this.d.now();
    if (this.d.store.isOpen()) {
      const { db, accessLog } = this.d.store.get();
      db.prepare('UPDATE booth_days SET closed_at = ? WHERE id = ?').run(closedAt.toISOString(), day.rowId);
      accessLog.append(closedAt, actor, 'day.closed', { eventId: day.eventId });
    }
    this.day = null;
    this.announce();
    return {
      day: day.day,
      eventId: day.eventId,
      eventName: day.eventName,
      venue: day.venue,
      openedAt: day.openedAt,
      closedAt: closedAt.toISOString(),
      minutesOpen: Math.max(0, Math.round((closedAt.getTime() - Date.parse(day.openedAt)) / 60_000)),
    };
  }

  /** The store was wiped: nothing to close against. */
  forget(): void {
    this.day = null;
    this.announce();
  }

  station(): StationState {
    const serving = this.day ? this.d.nowServing() : null;
    return {
      dayOpen: this.day !== null,
      venue: this.day?.venue ?? null,
      nowServing: serving?.number ?? null,
      counter: serving?.counter ?? null,
      visitOpen: this.d.visitOpen(),
      idleSeconds: this.d.idleSeconds(),
    };
  }

  announceStation(): void {
    this.d.bus.emit('station.changed', this.station());
  }

  private announce(): void {
    this.d.bus.emit('day.changed', this.current());
    this.announceStation();
  }
}
