// Opening and closing the booth's day. The day lives in memory for now; the encrypted store
// (issue 4) will persist it and the staff login behind it.
import type { DayOpenInput, DayState, DaySummary, StationState } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { EventBus } from '../event-bus.js';

export class DayService {
  private day: DayState | null = null;

  constructor(
    private readonly bus: EventBus,
    private readonly now: () => Date,
    /** The queue's number now being served, and its counter. */
    private readonly nowServing: () => { number: number; counter: number | null } | null = () => null,
    private readonly visitOpen: () => boolean = () => false,
    /** After this long untouched, the station's steps return to the start (setting). */
    private readonly idleSeconds: () => number = () => 90,
  ) {}

  current(): DayState | null {
    return this.day;
  }

  open(input: DayOpenInput): DayState {
    if (this.day) {
      throw new AppError('conflict', text('本日の受付はすでに開始しています。', 'The day is already open.'));
    }
    const staff = [...new Set(input.staff)];
    this.day = { ...input, staff, openedAt: this.now().toISOString() };
    this.announce();
    return this.day;
  }

  close(): Omit<DaySummary, 'totals' | 'preview' | 'printed'> {
    const day = this.day;
    if (!day) {
      throw new AppError('conflict', text('本日の受付はまだ開始していません。', 'The day has not been opened.'));
    }
    const closedAt = this.now();
    this.day = null;
    this.announce();
    return {
      eventName: day.eventName,
      venue: day.venue,
      openedAt: day.openedAt,
      closedAt: closedAt.toISOString(),
      minutesOpen: Math.max(0, Math.round((closedAt.getTime() - Date.parse(day.openedAt)) / 60_000)),
    };
  }

  station(): StationState {
    const serving = this.day ? this.nowServing() : null;
    return {
      dayOpen: this.day !== null,
      venue: this.day?.venue ?? null,
      nowServing: serving?.number ?? null,
      counter: serving?.counter ?? null,
      visitOpen: this.visitOpen(),
      idleSeconds: this.idleSeconds(),
    };
  }

  announceStation(): void {
    this.bus.emit('station.changed', this.station());
  }

  private announce(): void {
    this.bus.emit('day.changed', this.day);
    this.announceStation();
  }
}
