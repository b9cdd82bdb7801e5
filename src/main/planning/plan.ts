// Where the next staff-hours raise the issuance rate most. From the booth days in figures:
// applications per staff-hour by channel, weekday or weekend, hour of day, and the ages each
// channel reaches. Then N staff-hours are spent one at a time where the next hour gains most,
// with returns that fall as a channel gets more hours than it has shown it can absorb:
//   applications_c(h) = rate_c × K_c × (1 − e^(−h / K_c)),  K_c = saturation × staff-hours seen in c
// (the first hours yield the observed rate; the assumption is printed with every result).
import { AGE_BANDS, type Channel } from '../../shared/contract.js';
import { groupBy, sumFigures, type DayFigures } from '../../shared/figures.js';
import type { StoreKeeper } from '../store/store.js';
import type { IssuanceRow } from './issuance-csv.js';

export interface ChannelEfficiency {
  channel: Channel;
  days: number;
  staffHours: number;
  applicants: number;
  perStaffHour: number;
  /** Share of the channel's applicants (with a known age) who are 65 or older. */
  olderShare: number;
  ageMix: Record<string, number>;
  /** Enough staff-hours observed (MIN_OBSERVED) for its rate to plan with. */
  enough: boolean;
}

export interface Allocation {
  channel: Channel;
  hours: number;
  applications: number;
}

export interface Plan {
  channels: ChannelEfficiency[];
  weekday: { perStaffHour: number; days: number };
  weekend: { perStaffHour: number; days: number };
  /** Applicants by the hour a visit began, per day open (Japan time). */
  byHour: { hour: string; perDay: number }[];
  hours: number;
  allocation: Allocation[];
  gained: number;
  issuance: null | {
    asOf: string;
    population: number;
    issued: number;
    rateNow: number;
    rateProjected: number;
    bands: { band: string; population: number; issued: number; rateNow: number; rateProjected: number }[];
  };
  assumptions: string[];
}

export const SATURATION = 3;
/** A channel seen for less than this many staff-hours says too little to plan with. */
export const MIN_OBSERVED = 2;
const MIN_K = 8;

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function isWeekend(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 || d === 6;
}

export function efficiency(days: readonly DayFigures[]): ChannelEfficiency[] {
  return [...groupBy(days, (d) => d.channel)]
    .map(([channel, list]) => {
      const t = sumFigures(list);
      const known = AGE_BANDS.reduce((n, b) => n + t.ageBands[b], 0);
      const older = (['65-69', '70-74', '75-79', '80-84', '85+'] as const).reduce((n, b) => n + t.ageBands[b], 0);
      return {
        channel: channel as Channel,
        days: t.days,
        staffHours: round(t.staffHours, 1),
        applicants: t.applicants,
        perStaffHour: t.staffHours > 0 ? round(t.applicants / t.staffHours) : 0,
        olderShare: known > 0 ? round(older / known) : 0,
        ageMix: Object.fromEntries(AGE_BANDS.map((b) => [b, known > 0 ? t.ageBands[b] / known : 0])),
        enough: t.staffHours >= MIN_OBSERVED,
      };
    })
    .sort((a, b) => b.perStaffHour - a.perStaffHour);
}

/** Expected applications from h staff-hours in a channel (concave; marginal = rate at h = 0). */
export function yieldOf(c: Pick<ChannelEfficiency, 'perStaffHour' | 'staffHours'>, h: number, saturation = SATURATION): number {
  const k = Math.max(MIN_K, saturation * c.staffHours);
  return c.perStaffHour * k * (1 - Math.exp(-h / k));
}

/** Greedy by marginal gain, one staff-hour at a time: optimal for concave yields. */
export function allocate(all: readonly ChannelEfficiency[], hours: number, saturation = SATURATION): Allocation[] {
  const channels = all.filter((c) => c.enough);
  const h = new Map(channels.map((c) => [c.channel, 0]));
  for (let i = 0; i < Math.floor(hours); i++) {
    let best: ChannelEfficiency | null = null;
    let gain = 0;
    for (const c of channels) {
      const now = h.get(c.channel) as number;
      const g = yieldOf(c, now + 1, saturation) - yieldOf(c, now, saturation);
      if (g > gain) {
        gain = g;
        best = c;
      }
    }
    if (!best) break;
    h.set(best.channel, (h.get(best.channel) as number) + 1);
  }
  return channels.map((c) => ({ channel: c.channel, hours: h.get(c.channel) as number, applications: round(yieldOf(c, h.get(c.channel) as number, saturation), 1) })).filter((a) => a.hours > 0);
}

/** Our visits' bands folded into the statistics' bands (an open top band "80+" takes 80-84 and 85+). */
function foldShare(mix: Record<string, number>, band: string): number {
  const open = /^(\d+)\+$/.exec(band);
  if (!open) return mix[band] ?? 0;
  const lo = Number(open[1]);
  return AGE_BANDS.filter((b) => Number(b.split(/[-+]/)[0]) >= lo).reduce((n, b) => n + (mix[b] ?? 0), 0);
}

export function makePlan(days: readonly DayFigures[], issuance: { asOf: string; rows: IssuanceRow[] } | null, hours: number, saturation = SATURATION): Plan {
  const channels = efficiency(days);
  const split = (weekend: boolean) => {
    const t = sumFigures(days.filter((d) => isWeekend(d.day) === weekend));
    return { perStaffHour: t.staffHours > 0 ? round(t.applicants / t.staffHours) : 0, days: t.days };
  };
  const total = sumFigures(days);
  const byHour = Object.entries(total.byHour)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([hour, n]) => ({ hour, perDay: total.days > 0 ? round(n / total.days) : 0 }));
  const allocation = allocate(channels, hours, saturation);
  const gained = round(allocation.reduce((n, a) => n + a.applications, 0), 1);
  let projection: Plan['issuance'] = null;
  if (issuance && issuance.rows.length > 0) {
    const population = issuance.rows.reduce((n, r) => n + r.population, 0);
    const issued = issuance.rows.reduce((n, r) => n + r.issued, 0);
    const bands = issuance.rows.map((r) => {
      const extra = allocation.reduce((n, a) => n + a.applications * foldShare(channels.find((c) => c.channel === a.channel)?.ageMix ?? {}, r.band), 0);
      const projected = Math.min(r.population, r.issued + extra);
      return { band: r.band, population: r.population, issued: r.issued, rateNow: r.population ? round(r.issued / r.population, 4) : 0, rateProjected: r.population ? round(projected / r.population, 4) : 0 };
    });
    const projectedIssued = bands.reduce((n, b) => n + b.rateProjected * b.population, 0);
    projection = { asOf: issuance.asOf, population, issued, rateNow: population ? round(issued / population, 4) : 0, rateProjected: population ? round(projectedIssued / population, 4) : 0, bands };
  }
  return {
    channels,
    weekday: split(false),
    weekend: split(true),
    byHour,
    hours,
    allocation,
    gained,
    issuance: projection,
    assumptions: [
      `各区分の最初の1人時は、今シーズンの実績（1人時あたり申請者数）どおりの申請があると仮定しています。`,
      `同じ区分に実績の${saturation}倍を超える時間をかけると、1人時あたりの申請は少なくなると仮定しています（飽和）。`,
      `申請1件はカード交付1枚になると仮定し、年代の内訳は各区分の来訪者の年代構成に比例させています。`,
      `実績が${MIN_OBSERVED}人時に満たない区分は、配分に含めていません。`,
    ],
  };
}

export function storedIssuance(store: StoreKeeper): { asOf: string; rows: IssuanceRow[] } | null {
  const rows = store.prepare('SELECT band, population, issued, as_of FROM issuance').all() as (IssuanceRow & { as_of: string })[];
  if (rows.length === 0) return null;
  const order = (b: string) => Number(b.split(/[-+]/)[0]);
  return { asOf: rows[0]!.as_of, rows: rows.map(({ band, population, issued }) => ({ band, population, issued })).sort((a, b) => order(a.band) - order(b.band)) };
}

export function saveIssuance(store: StoreKeeper, rows: IssuanceRow[], asOf: string, now: Date, actor: string): void {
  const { db, accessLog } = store.get();
  db.transaction(() => {
    db.prepare('DELETE FROM issuance').run();
    const insert = db.prepare('INSERT INTO issuance (band, population, issued, as_of, imported_at) VALUES (?, ?, ?, ?, ?)');
    for (const r of rows) insert.run(r.band, r.population, r.issued, asOf, now.toISOString());
    accessLog.append(now, actor, 'issuance.imported', { bands: rows.length, asOf });
  })();
}
