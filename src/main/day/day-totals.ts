// A booth day in figures, from the store. The close-of-day summary uses it; the weekly and final
// reports are to read the same queries, so every format agrees.
import type { DayTotals } from '../../shared/contract.js';
import type { StoreKeeper } from '../store/store.js';

/** One day's figures; for one event when eventId is given (a device may serve two in a day). */
export function dayTotals(store: StoreKeeper, day: string, eventId: number | null = null): DayTotals {
  const one = <T>(sql: string) => store.prepare(sql).get({ day, event: eventId }) as T;
  const all = <T>(sql: string) => store.prepare(sql).all({ day, event: eventId }) as T[];
  const tickets = one<{ issued: number; served: number; skipped: number; waiting: number }>(
    `SELECT count(*) AS issued,
            coalesce(sum(done_at IS NOT NULL AND skipped = 0), 0) AS served,
            coalesce(sum(skipped), 0) AS skipped,
            coalesce(sum(called_at IS NULL AND skipped = 0), 0) AS waiting
       FROM queue_tickets WHERE day = @day AND (@event IS NULL OR event_id = @event)`,
  );
  const visits = one<{ n: number; applicants: number }>('SELECT count(*) AS n, coalesce(sum(applicants), 0) AS applicants FROM visits WHERE day = @day AND (@event IS NULL OR event_id = @event)');
  const outcomes = { paper: 0, online: 0, both: 0, none: 0 };
  for (const r of all<{ outcome: keyof typeof outcomes; n: number }>('SELECT outcome, count(*) AS n FROM visits WHERE day = @day AND (@event IS NULL OR event_id = @event) GROUP BY outcome')) {
    if (r.outcome in outcomes) outcomes[r.outcome] = r.n;
  }
  const services: Record<string, number> = {};
  for (const r of all<{ service: string; n: number }>('SELECT j.value AS service, count(*) AS n FROM visits, json_each(visits.services) AS j WHERE day = @day AND (@event IS NULL OR event_id = @event) GROUP BY j.value')) {
    services[r.service] = r.n;
  }
  const incentives = one<{ count: number; yen: number }>('SELECT count(*) AS count, coalesce(sum(amount_yen), 0) AS yen FROM incentives WHERE day = @day AND (@event IS NULL OR event_id = @event)');
  const surveys = one<{ n: number }>('SELECT count(*) AS n FROM survey_answers WHERE day = @day AND (@event IS NULL OR event_id = @event)');
  const inquiries = one<{ count: number; escalated: number }>('SELECT count(*) AS count, coalesce(sum(escalate), 0) AS escalated FROM inquiries WHERE day = @day AND (@event IS NULL OR event_id = @event)');
  return {
    day,
    tickets: { issued: tickets.issued, served: tickets.served, skipped: tickets.skipped, stillWaiting: tickets.waiting },
    visits: visits.n,
    applicants: visits.applicants,
    outcomes,
    services,
    incentives,
    surveys: surveys.n,
    inquiries,
  };
}
