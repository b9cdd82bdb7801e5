// A booth day in figures, for one event on one device: the unit every report, every bundle and
// the planning analysis are built from. Counts only; nothing here can identify a person.
// Pure: the main process makes these from the store or from imported bundles; reports sum them.
import { z } from 'zod';
import { AGE_BANDS, Channel, InquiryCategory, Outcome, Service } from './contract.js';

const Count = z.number().int().nonnegative();
const Counts = <K extends string>(keys: readonly K[]) => z.strictObject(Object.fromEntries(keys.map((k) => [k, Count])) as Record<K, typeof Count>);

export const DayFigures = z.strictObject({
  deviceId: z.string().min(1).max(64),
  /** The event as the device knows it (device-local id): events are merged by venue and day. */
  eventId: z.number().int(),
  eventName: z.string().max(200),
  venue: z.string().max(200),
  channel: Channel,
  day: z.iso.date(),
  /** Hours the booth was open and staff-hours (hours × staff on duty), from the day's opening and closing. */
  hoursOpen: z.number().nonnegative(),
  staffHours: z.number().nonnegative(),
  staffOnDuty: Count,
  tickets: Count,
  visits: Count,
  applicants: Count,
  /** Visits by outcome. */
  outcomes: Counts(Outcome.options),
  /** Applicants by the route their visit took (a family may be "both"). */
  applications: Counts(['paper', 'online', 'both'] as const),
  services: Counts(Service.options),
  /** Applicants by age band, where they told it. */
  ageBands: Counts(AGE_BANDS),
  /** Applicants by the hour (Japan time) their visit began: "10" … */
  byHour: z.record(z.string().regex(/^\d{2}$/), Count),
  incentives: z.strictObject({ count: Count, yen: Count }),
  surveys: z.strictObject({
    count: Count,
    /** Question id → choice id → answers. */
    answers: z.record(z.string().max(40), z.record(z.string().max(40), Count)),
  }),
  inquiries: z.strictObject({ count: Count, escalated: Count, byCategory: Counts(InquiryCategory.options) }),
});
export type DayFigures = z.infer<typeof DayFigures>;

export type Totals = Omit<DayFigures, 'deviceId' | 'eventId' | 'eventName' | 'venue' | 'channel' | 'day'> & { days: number };

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** A booth day's counts, all zero (what a day holds before anything is recorded). */
export function emptyDayCounts(): Omit<Totals, 'days'> {
  return {
    hoursOpen: 0,
    staffHours: 0,
    staffOnDuty: 0,
    tickets: 0,
    visits: 0,
    applicants: 0,
    outcomes: zeroCounts(Outcome.options),
    applications: zeroCounts(['paper', 'online', 'both'] as const),
    services: zeroCounts(Service.options),
    ageBands: zeroCounts(AGE_BANDS),
    byHour: {},
    incentives: { count: 0, yen: 0 },
    surveys: { count: 0, answers: {} },
    inquiries: { count: 0, escalated: 0, byCategory: zeroCounts(InquiryCategory.options) },
  };
}

export function emptyTotals(): Totals {
  return { days: 0, ...emptyDayCounts() };
}

function addInto<K extends string>(into: Record<K, number>, from: Record<K, number>): void {
  for (const [k, v] of Object.entries(from) as [K, number][]) into[k] = (into[k] ?? 0) + v;
}

/** Sums days into one total; staff on duty is the largest on any one day. */
export function sumFigures(days: readonly DayFigures[]): Totals {
  const t = emptyTotals();
  for (const d of days) {
    t.days += 1;
    t.hoursOpen += d.hoursOpen;
    t.staffHours += d.staffHours;
    t.staffOnDuty = Math.max(t.staffOnDuty, d.staffOnDuty);
    t.tickets += d.tickets;
    t.visits += d.visits;
    t.applicants += d.applicants;
    addInto(t.outcomes, d.outcomes);
    addInto(t.applications, d.applications);
    addInto(t.services, d.services);
    addInto(t.ageBands, d.ageBands);
    addInto(t.byHour, d.byHour);
    t.incentives.count += d.incentives.count;
    t.incentives.yen += d.incentives.yen;
    t.surveys.count += d.surveys.count;
    for (const [q, choices] of Object.entries(d.surveys.answers)) addInto((t.surveys.answers[q] ??= {}), choices);
    t.inquiries.count += d.inquiries.count;
    t.inquiries.escalated += d.inquiries.escalated;
    addInto(t.inquiries.byCategory, d.inquiries.byCategory);
  }
  t.hoursOpen = Math.round(t.hoursOpen * 100) / 100;
  t.staffHours = Math.round(t.staffHours * 100) / 100;
  return t;
}

/** Groups days by a key, in the order the keys first appear. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}
