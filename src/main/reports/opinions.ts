// Opinions for the reports: survey comments and complaints, each redacted and then confirmed
// (or corrected, or left out) by staff. Only confirmed text is reported or leaves in a bundle.
import { AppError } from '../../shared/errors.js';
import { redact } from '../../shared/redact.js';
import { personalDataIn } from '../../shared/survey.js';
import { text } from '../../shared/text.js';
import type { StoreKeeper } from '../store/store.js';
import type { Period } from './figures-query.js';

export type OpinionSource = 'survey' | 'inquiry';

export interface Opinion {
  source: OpinionSource;
  id: number;
  day: string;
  venue: string;
  kind: 'opinion' | 'complaint';
  /** As written (survey comment; complaint with how it was handled). */
  original: string;
  /** The redaction's suggestion. */
  suggestion: string;
  /** What staff confirmed; null while not yet reviewed. */
  confirmed: string | null;
  excluded: boolean;
}

interface Row {
  source: OpinionSource;
  id: number;
  day: string;
  venue: string | null;
  body: string;
  text: string | null;
  excluded: number | null;
}

export function opinions(store: StoreKeeper, p: Period): Opinion[] {
  const rows = store
    .prepare(
      `SELECT 'survey' AS source, s.id, s.day, v.name AS venue, s.comment AS body, r.text, r.excluded
         FROM survey_answers s LEFT JOIN events e ON e.id = s.event_id LEFT JOIN venues v ON v.id = e.venue_id
         LEFT JOIN opinion_reviews r ON r.source = 'survey' AND r.source_id = s.id
        WHERE s.comment IS NOT NULL AND s.comment <> '' AND s.day BETWEEN @from AND @to
       UNION ALL
       SELECT 'inquiry', i.id, i.day, v.name, i.text || CASE WHEN i.resolution <> '' THEN '（対応: ' || i.resolution || '）' ELSE '' END, r.text, r.excluded
         FROM inquiries i LEFT JOIN events e ON e.id = i.event_id LEFT JOIN venues v ON v.id = e.venue_id
         LEFT JOIN opinion_reviews r ON r.source = 'inquiry' AND r.source_id = i.id
        WHERE i.category = 'complaint' AND i.day BETWEEN @from AND @to
       ORDER BY 3, 1, 2`,
    )
    .all({ from: p.from, to: p.to }) as Row[];
  return rows.map((r) => ({
    source: r.source,
    id: r.id,
    day: r.day,
    venue: r.venue ?? '（会場未登録）',
    kind: r.source === 'survey' ? 'opinion' : 'complaint',
    original: r.body,
    suggestion: redact(r.body).text,
    confirmed: r.text,
    excluded: r.excluded === 1,
  }));
}

/** One opinion as the review list shows it, or null when there is none by that id. */
export function opinion(store: StoreKeeper, source: OpinionSource, id: number): Opinion | null {
  const row = store.prepare(`SELECT day FROM ${source === 'survey' ? 'survey_answers' : 'inquiries'} WHERE id = ?`).get(id) as { day: string } | undefined;
  return row ? (opinions(store, { from: row.day, to: row.day }).find((o) => o.source === source && o.id === id) ?? null) : null;
}

/** Staff confirm an opinion's reported text (or leave it out). The text is checked again. */
export function confirmOpinion(store: StoreKeeper, input: { source: OpinionSource; id: number; text: string; exclude: boolean }, actor: string, now: Date): void {
  const { db, accessLog } = store.get();
  const table = input.source === 'survey' ? 'survey_answers' : 'inquiries';
  if (!db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(input.id)) throw new AppError('not_found', text('この意見は見つかりません。', 'No such opinion.'));
  const body = input.exclude ? '' : input.text.trim();
  if (!input.exclude && !body) throw new AppError('bad_request', text('報告する文を入力するか、「報告しない」を選んでください。', 'Enter the text to report, or choose to leave it out.'));
  const found = personalDataIn(body);
  if (found || redact(body).masked.number > 0 || redact(body).masked.email > 0) {
    throw new AppError('bad_request', text('まだ個人情報のような内容（番号・メールアドレスなど）が残っています。伏せ字にしてください。', 'It still holds what looks like personal data (a number, an e-mail address …). Mask it.'));
  }
  db.prepare(
    `INSERT INTO opinion_reviews (source, source_id, text, excluded, reviewed_by, reviewed_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, source_id) DO UPDATE SET text = excluded.text, excluded = excluded.excluded, reviewed_by = excluded.reviewed_by, reviewed_at = excluded.reviewed_at`,
  ).run(input.source, input.id, body, input.exclude ? 1 : 0, actor, now.toISOString());
  accessLog.append(now, actor, 'opinion.reviewed', { source: input.source, id: input.id, excluded: input.exclude });
}

export interface ReportedOpinion {
  day: string;
  venue: string;
  kind: 'opinion' | 'complaint';
  text: string;
}

/** Confirmed opinions in the period, this device's and imported ones; and how many still wait. */
export function reportedOpinions(store: StoreKeeper, p: Period): { items: ReportedOpinion[]; unreviewed: number } {
  const local = opinions(store, p);
  const items: ReportedOpinion[] = local.filter((o) => o.confirmed !== null && !o.excluded).map((o) => ({ day: o.day, venue: o.venue, kind: o.kind, text: o.confirmed as string }));
  const imported = store.prepare('SELECT day, venue, kind, text FROM imported_opinions WHERE day BETWEEN @from AND @to ORDER BY day').all({ from: p.from, to: p.to }) as ReportedOpinion[];
  return {
    items: [...items, ...imported].sort((a, b) => a.day.localeCompare(b.day) || a.venue.localeCompare(b.venue, 'ja')),
    unreviewed: local.filter((o) => o.confirmed === null && !o.excluded).length,
  };
}
