// The one query layer: booth days in figures, from this device's store and from the bundles the
// office imported. Every report format (PDF, XLSX, CSV), every bundle and the planning analysis
// read these, so their numbers cannot disagree.
import type { AGE_BANDS, InquiryCategory, Outcome, Service, Channel } from '../../shared/contract.js';
import { DayFigures, emptyDayCounts, type DayFigures as Figures } from '../../shared/figures.js';
import type { StoreKeeper } from '../store/store.js';

export interface Period {
  from: string;
  to: string;
}

const key = (eventId: number, day: string) => `${eventId}|${day}`;

/** This device's days in the period, one per event and day that holds anything. */
export function localFigures(store: Pick<StoreKeeper, 'prepare'>, deviceId: string, p: Period, now: Date = new Date()): Figures[] {
  const q = <T>(sql: string) => store.prepare(sql).all({ from: p.from, to: p.to }) as T[];
  const days = new Map<string, Figures>();
  const events = new Map(
    (
      q<{ id: number; name: string; venue: string; channel: Channel }>(
        'SELECT e.id, e.name, v.name AS venue, v.channel FROM events e JOIN venues v ON v.id = e.venue_id',
      )
    ).map((e) => [e.id, e]),
  );
  const get = (eventId: number | null, day: string): Figures => {
    const id = eventId ?? 0;
    const k = key(id, day);
    let f = days.get(k);
    if (!f) {
      const e = events.get(id);
      f = {
        deviceId,
        eventId: id,
        eventName: e?.name ?? '（イベント未登録）',
        venue: e?.venue ?? '（会場未登録）',
        channel: e?.channel ?? 'other',
        day,
        ...emptyDayCounts(),
      };
      days.set(k, f);
    }
    return f;
  };
  const range = 'day BETWEEN @from AND @to';

  for (const r of q<{ event_id: number; day: string; opened_at: string; closed_at: string | null; staff: number }>(
    `SELECT event_id, day, opened_at, closed_at, json_array_length(staff_ids) AS staff FROM booth_days WHERE ${range}`,
  )) {
    const f = get(r.event_id, r.day);
    const hours = Math.max(0, ((r.closed_at ? Date.parse(r.closed_at) : now.getTime()) - Date.parse(r.opened_at)) / 3_600_000);
    f.hoursOpen += hours;
    f.staffHours += hours * r.staff;
    f.staffOnDuty = Math.max(f.staffOnDuty, r.staff);
  }
  for (const r of q<{ event_id: number | null; day: string; n: number }>(`SELECT event_id, day, count(*) AS n FROM queue_tickets WHERE ${range} GROUP BY event_id, day`)) {
    get(r.event_id, r.day).tickets += r.n;
  }
  for (const r of q<{ event_id: number | null; day: string; outcome: Outcome; n: number; applicants: number }>(
    `SELECT event_id, day, outcome, count(*) AS n, sum(applicants) AS applicants FROM visits WHERE ${range} GROUP BY event_id, day, outcome`,
  )) {
    const f = get(r.event_id, r.day);
    f.visits += r.n;
    f.applicants += r.applicants;
    f.outcomes[r.outcome] += r.n;
    if (r.outcome !== 'none') f.applications[r.outcome] += r.applicants;
  }
  for (const r of q<{ event_id: number | null; day: string; service: Service; n: number }>(
    `SELECT event_id, day, j.value AS service, count(*) AS n FROM visits, json_each(visits.services) AS j WHERE ${range} GROUP BY event_id, day, j.value`,
  )) {
    const f = get(r.event_id, r.day);
    if (r.service in f.services) f.services[r.service] += r.n;
  }
  for (const r of q<{ event_id: number | null; day: string; band: (typeof AGE_BANDS)[number]; n: number }>(
    `SELECT event_id, day, j.value AS band, count(*) AS n FROM visits, json_each(visits.age_bands) AS j WHERE ${range} GROUP BY event_id, day, j.value`,
  )) {
    const f = get(r.event_id, r.day);
    if (r.band in f.ageBands) f.ageBands[r.band] += r.n;
  }
  for (const r of q<{ event_id: number | null; day: string; hour: string; n: number }>(
    `SELECT event_id, day, strftime('%H', started_at, '+9 hours') AS hour, sum(applicants) AS n FROM visits WHERE ${range} AND applicants > 0 GROUP BY event_id, day, hour`,
  )) {
    const f = get(r.event_id, r.day);
    f.byHour[r.hour] = (f.byHour[r.hour] ?? 0) + r.n;
  }
  for (const r of q<{ event_id: number | null; day: string; n: number; yen: number }>(
    `SELECT event_id, day, count(*) AS n, sum(amount_yen) AS yen FROM incentives WHERE ${range} GROUP BY event_id, day`,
  )) {
    const f = get(r.event_id, r.day);
    f.incentives.count += r.n;
    f.incentives.yen += r.yen;
  }
  for (const r of q<{ event_id: number | null; day: string; n: number }>(`SELECT event_id, day, count(*) AS n FROM survey_answers WHERE ${range} GROUP BY event_id, day`)) {
    get(r.event_id, r.day).surveys.count += r.n;
  }
  for (const r of q<{ event_id: number | null; day: string; question: string; choice: string; n: number }>(
    `SELECT event_id, day, j.key AS question, j.value AS choice, count(*) AS n FROM survey_answers, json_each(survey_answers.answers) AS j WHERE ${range} GROUP BY event_id, day, j.key, j.value`,
  )) {
    const answers = get(r.event_id, r.day).surveys.answers;
    const choices = (answers[r.question] ??= {});
    choices[r.choice] = (choices[r.choice] ?? 0) + r.n;
  }
  for (const r of q<{ event_id: number | null; day: string; category: (typeof InquiryCategory.options)[number]; n: number; escalated: number }>(
    `SELECT event_id, day, category, count(*) AS n, sum(escalate) AS escalated FROM inquiries WHERE ${range} GROUP BY event_id, day, category`,
  )) {
    const f = get(r.event_id, r.day);
    f.inquiries.count += r.n;
    f.inquiries.escalated += r.escalated;
    if (r.category in f.inquiries.byCategory) f.inquiries.byCategory[r.category] += r.n;
  }
  for (const f of days.values()) {
    f.hoursOpen = Math.round(f.hoursOpen * 100) / 100;
    f.staffHours = Math.round(f.staffHours * 100) / 100;
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day) || a.venue.localeCompare(b.venue, 'ja') || a.eventId - b.eventId);
}

/** Days other devices sent in bundles (the office's merge), in the period. */
export function importedFigures(store: StoreKeeper, p: Period): Figures[] {
  const rows = store.prepare('SELECT figures FROM imported_figures WHERE day BETWEEN @from AND @to ORDER BY day').all({ from: p.from, to: p.to }) as { figures: string }[];
  return rows.map((r) => DayFigures.parse(JSON.parse(r.figures)));
}

/** Every day in the period: this device's and the imported ones, one list. */
export function allFigures(store: StoreKeeper, deviceId: string, p: Period, now?: Date): Figures[] {
  return [...localFigures(store, deviceId, p, now), ...importedFigures(store, p).filter((f) => f.deviceId !== deviceId)].sort(
    (a, b) => a.day.localeCompare(b.day) || a.venue.localeCompare(b.venue, 'ja') || a.deviceId.localeCompare(b.deviceId) || a.eventId - b.eventId,
  );
}

/** The first and last days holding data (local or imported), or null when there is none. */
export function dataSpan(store: StoreKeeper): Period | null {
  const r = store
    .prepare(
      `SELECT min(d) AS first, max(d) AS last FROM (
         SELECT day AS d FROM booth_days UNION ALL SELECT day FROM visits UNION ALL SELECT day FROM survey_answers UNION ALL SELECT day FROM imported_figures)`,
    )
    .get() as { first: string | null; last: string | null };
  return r.first && r.last ? { from: r.first, to: r.last } : null;
}
