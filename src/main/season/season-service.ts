// Venues, events and who does what at each event: planned by the lead or the city office before
// the season, read when a booth day opens, printed on the run sheet. Every change goes to the
// access log by id (the names are in the store, not in the log).
import type { z } from 'zod';
import type { BoothEvent, Channel, Duty, EventDuty, EventInput, Venue, VenueInput } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import type { StoreKeeper } from '../store/store.js';

export const CHANNEL_LABELS: Record<Channel, { ja: string; en: string }> = {
  shoppingCentre: { ja: 'ショッピングセンター', en: 'Shopping centre' },
  supermarket: { ja: 'スーパー', en: 'Supermarket' },
  workplace: { ja: '企業・事業所', en: 'Workplace' },
  school: { ja: '学校', en: 'School' },
  communityCentre: { ja: '公民館・地区会館', en: 'Community centre' },
  other: { ja: 'その他', en: 'Other' },
};

export const DUTY_LABELS: Record<Duty, { ja: string; en: string }> = {
  chief: { ja: '責任者', en: 'Chief' },
  reception: { ja: '受付', en: 'Reception' },
  formHelp: { ja: '記入補助', en: 'Form help' },
  photo: { ja: '撮影', en: 'Photo' },
  onlineHelp: { ja: 'オンライン申請補助', en: 'Online help' },
  guide: { ja: '誘導', en: 'Guidance' },
};

interface VenueRow {
  id: number;
  name: string;
  address: string;
  channel: Channel;
}
interface EventRow {
  id: number;
  venue_id: number;
  name: string;
  first_day: string;
  last_day: string;
  opens: string;
  closes: string;
  counters: number;
  contacts: string;
  updated_at: string;
}

const toVenue = (r: VenueRow): Venue => ({ id: r.id, name: r.name, address: r.address, channel: r.channel });

export class SeasonService {
  constructor(private readonly d: { store: StoreKeeper; now: () => Date }) {}

  venues(): Venue[] {
    return (this.d.store.prepare('SELECT id, name, address, channel FROM venues ORDER BY name').all() as VenueRow[]).map(toVenue);
  }

  venue(id: number): Venue | null {
    const r = this.d.store.prepare('SELECT id, name, address, channel FROM venues WHERE id = ?').get(id) as VenueRow | undefined;
    return r ? toVenue(r) : null;
  }

  saveVenue(input: z.output<typeof VenueInput>, actor: string): Venue {
    const { db, accessLog } = this.d.store.get();
    const clash = db.prepare('SELECT id FROM venues WHERE name = ?').get(input.name) as { id: number } | undefined;
    if (clash && clash.id !== input.id) {
      throw new AppError('conflict', text('同じ名前の会場がすでにあります。', 'A venue with this name already exists.'), [{ path: 'name', message: 'duplicate' }]);
    }
    let id = input.id;
    if (id !== undefined) {
      if (!this.venue(id)) throw new AppError('not_found', text('この会場は登録されていません。', 'No such venue.'));
      db.prepare('UPDATE venues SET name = ?, address = ?, channel = ? WHERE id = ?').run(input.name, input.address, input.channel, id);
    } else {
      id = Number(db.prepare('INSERT INTO venues (name, address, channel, created_at) VALUES (?, ?, ?, ?)').run(input.name, input.address, input.channel, this.d.now().toISOString()).lastInsertRowid);
    }
    accessLog.append(this.d.now(), actor, input.id ? 'venue.changed' : 'venue.added', { venueId: id });
    return this.venue(id) as Venue;
  }

  private duties(eventId: number): EventDuty[] {
    return (this.d.store.prepare('SELECT staff_id, duty FROM event_duties WHERE event_id = ? ORDER BY staff_id, duty').all(eventId) as { staff_id: number; duty: Duty }[]).map((r) => ({
      staffId: r.staff_id,
      duty: r.duty,
    }));
  }

  private toEvent(r: EventRow): BoothEvent {
    return {
      id: r.id,
      name: r.name,
      venue: this.venue(r.venue_id) as Venue,
      firstDay: r.first_day,
      lastDay: r.last_day,
      opens: r.opens,
      closes: r.closes,
      counters: r.counters,
      contacts: r.contacts,
      duties: this.duties(r.id),
      updatedAt: r.updated_at,
    };
  }

  events(): BoothEvent[] {
    return (this.d.store.prepare('SELECT * FROM events ORDER BY first_day, opens, id').all() as EventRow[]).map((r) => this.toEvent(r));
  }

  event(id: number): BoothEvent | null {
    const r = this.d.store.prepare('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
    return r ? this.toEvent(r) : null;
  }

  /** Events that run on this booth day. */
  eventsOn(day: string): BoothEvent[] {
    return (this.d.store.prepare('SELECT * FROM events WHERE first_day <= ? AND last_day >= ? ORDER BY opens, id').all(day, day) as EventRow[]).map((r) => this.toEvent(r));
  }

  saveEvent(input: z.output<typeof EventInput>, actor: string): BoothEvent {
    const { db, accessLog } = this.d.store.get();
    if (!this.venue(input.venueId)) throw new AppError('not_found', text('会場を選んでください（登録されていない会場です）。', 'Choose a venue (this one is not registered).'), [{ path: 'venueId', message: 'unknown venue' }]);
    const now = this.d.now().toISOString();
    let id = input.id;
    if (id !== undefined) {
      if (!this.event(id)) throw new AppError('not_found', text('このイベントは登録されていません。', 'No such event.'));
      db.prepare('UPDATE events SET venue_id = ?, name = ?, first_day = ?, last_day = ?, opens = ?, closes = ?, counters = ?, contacts = ?, updated_at = ? WHERE id = ?').run(
        input.venueId, input.name, input.firstDay, input.lastDay, input.opens, input.closes, input.counters, input.contacts, now, id,
      );
    } else {
      id = Number(
        db
          .prepare('INSERT INTO events (venue_id, name, first_day, last_day, opens, closes, counters, contacts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(input.venueId, input.name, input.firstDay, input.lastDay, input.opens, input.closes, input.counters, input.contacts, now, now).lastInsertRowid,
      );
    }
    accessLog.append(this.d.now(), actor, input.id ? 'event.changed' : 'event.added', { eventId: id });
    return this.event(id) as BoothEvent;
  }

  /** Replaces the event's duties; every member named must be on the roster and active. */
  setDuties(eventId: number, duties: EventDuty[], actor: string): BoothEvent {
    const { db, accessLog } = this.d.store.get();
    if (!this.event(eventId)) throw new AppError('not_found', text('このイベントは登録されていません。', 'No such event.'));
    const active = new Set((db.prepare('SELECT id FROM staff WHERE active = 1').all() as { id: number }[]).map((r) => r.id));
    const unknown = duties.filter((d) => !active.has(d.staffId));
    if (unknown.length > 0) {
      throw new AppError('bad_request', text('名簿にない担当者が含まれています。', 'Someone is not on the roster.'), unknown.map((d) => ({ path: `duties.${d.staffId}`, message: 'unknown staff' })));
    }
    db.transaction(() => {
      db.prepare('DELETE FROM event_duties WHERE event_id = ?').run(eventId);
      const insert = db.prepare('INSERT OR IGNORE INTO event_duties (event_id, staff_id, duty) VALUES (?, ?, ?)');
      for (const d of duties) insert.run(eventId, d.staffId, d.duty);
      db.prepare('UPDATE events SET updated_at = ? WHERE id = ?').run(this.d.now().toISOString(), eventId);
      accessLog.append(this.d.now(), actor, 'event.duties_set', { eventId, duties: duties.length });
    })();
    return this.event(eventId) as BoothEvent;
  }
}
