// What is due to the city for which event, and when: the run sheet, flyer and survey form five
// days (a setting) before each event, made again after each consultation (a version and date on
// each), and the roster of staff who handle personal data. Makes the PDFs and records each version.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentKind, DocumentStatus } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { addDays } from '../../shared/japan-day.js';
import { text } from '../../shared/text.js';
import { boothDay } from '../day/booth-day.js';
import type { SeasonService } from '../season/season-service.js';
import type { StaffService } from '../staff/staff-service.js';
import type { StoreKeeper } from '../store/store.js';
import { flyerPdf, rosterPdf, runSheetPdf, surveyFormPdf } from './render.js';
import { makeDirs } from '../paths.js';

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  runSheet: '運営マニュアル',
  flyer: '当日配布チラシ',
  surveyForm: 'アンケート用紙',
  roster: '個人情報取扱従事者名簿・研修記録',
};

const FILE_NAMES: Record<DocumentKind, string> = { runSheet: 'run-sheet', flyer: 'flyer', surveyForm: 'survey-form', roster: 'roster' };
const PER_EVENT: DocumentKind[] = ['runSheet', 'flyer', 'surveyForm'];

interface Row {
  id: number;
  event_id: number | null;
  kind: DocumentKind;
  version: number;
  made_at: string;
  file: string;
  submitted_at: string | null;
}

export interface DocumentsDeps {
  store: StoreKeeper;
  season: SeasonService;
  staff: StaffService;
  now: () => Date;
  dueDays: () => number;
  cityPageUrl: () => string | null;
  incentive: () => { applicationFrom: string; applicationTo: string; amountYen: number };
}

export class DocumentsService {
  constructor(private readonly d: DocumentsDeps) {}

  private latest(kind: DocumentKind, eventId: number | null): Row | undefined {
    return this.d.store.prepare('SELECT id, event_id, kind, version, made_at, file, submitted_at FROM documents WHERE kind = ? AND event_id IS ? ORDER BY version DESC LIMIT 1').get(kind, eventId) as Row | undefined;
  }

  /** When the roster last changed: a member added or a training recorded. */
  private rosterChangedAt(): string {
    return (this.d.store.prepare("SELECT max(t) AS t FROM (SELECT max(created_at) AS t FROM staff UNION ALL SELECT max(recorded_at) FROM staff_training)").get() as { t: string | null }).t ?? '';
  }

  list(): DocumentStatus[] {
    const today = boothDay(this.d.now());
    const out: DocumentStatus[] = [];
    const status = (kind: DocumentKind, eventId: number | null, eventName: string | null, firstDay: string | null, changedAt: string): DocumentStatus => {
      const row = this.latest(kind, eventId);
      const due = firstDay ? addDays(firstDay, -this.d.dueDays()) : null;
      const state: DocumentStatus['state'] = !row ? 'missing' : changedAt > row.made_at ? 'outdated' : row.submitted_at ? 'submitted' : 'made';
      return {
        kind,
        eventId,
        eventName,
        firstDay,
        due,
        state,
        overdue: due !== null && state !== 'submitted' && today > due,
        latest: row ? { id: row.id, version: row.version, madeAt: row.made_at, file: row.file, submittedAt: row.submitted_at } : null,
      };
    };
    for (const e of this.d.season.events().filter((x) => x.lastDay >= today)) {
      for (const kind of PER_EVENT) out.push(status(kind, e.id, e.name, e.firstDay, kind === 'surveyForm' ? '' : e.updatedAt));
    }
    out.push(status('roster', null, null, null, this.rosterChangedAt()));
    return out;
  }

  async make(kind: DocumentKind, eventId: number | null, outDir: string, actor: string): Promise<DocumentStatus> {
    const now = this.d.now();
    const event = eventId === null ? null : this.d.season.event(eventId);
    if (kind !== 'roster' && !event) throw new AppError('not_found', text('イベントを選んでください。', 'Choose an event.'));
    const key = kind === 'roster' ? null : (event?.id ?? null);
    const version = (this.latest(kind, key)?.version ?? 0) + 1;
    const stamp = { title: `${DOCUMENT_TITLES[kind]}${event ? `（${event.name}）` : ''}`, version, madeAt: now };
    let pdf: Buffer;
    if (kind === 'runSheet') pdf = await runSheetPdf(event!, this.d.staff.list(), stamp);
    else if (kind === 'surveyForm') pdf = await surveyFormPdf(stamp);
    else if (kind === 'flyer') {
      const r = this.d.incentive();
      const applies = event!.firstDay <= r.applicationTo && event!.lastDay >= r.applicationFrom;
      pdf = await flyerPdf(event!, { cityPageUrl: this.d.cityPageUrl(), incentive: applies ? { amountYen: r.amountYen, from: r.applicationFrom, to: r.applicationTo } : null }, stamp);
    } else pdf = await rosterPdf(this.d.staff.list(), this.d.staff.training(), stamp);
    makeDirs(outDir);
    const file = path.join(outDir, `${FILE_NAMES[kind]}${key ? `_event-${key}` : ''}_v${version}.pdf`);
    writeFileSync(file, pdf);
    const { db, accessLog } = this.d.store.get();
    db.prepare('INSERT INTO documents (event_id, kind, version, made_at, made_by, sha256, file) VALUES (?, ?, ?, ?, ?, ?, ?)').run(key, kind, version, now.toISOString(), actor, createHash('sha256').update(pdf).digest('hex'), file);
    accessLog.append(now, actor, 'document.made', { kind, eventId: key, version });
    return this.list().find((s) => s.kind === kind && s.eventId === key) as DocumentStatus;
  }

  markSubmitted(id: number, actor: string): void {
    const { db, accessLog } = this.d.store.get();
    const r = db.prepare('UPDATE documents SET submitted_at = ?, submitted_by = ? WHERE id = ? AND submitted_at IS NULL').run(this.d.now().toISOString(), actor, id);
    if (r.changes === 0) throw new AppError('conflict', text('この版は見つからないか、すでに提出済みです。', 'No such version, or it was already submitted.'));
    accessLog.append(this.d.now(), actor, 'document.submitted', { id });
  }
}
