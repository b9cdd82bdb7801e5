// What a weekly or final report says, before it is rendered: rows per venue and day, totals,
// survey results, confirmed opinions, and (final) the trend by week and the channels compared.
// The PDF, XLSX and CSV renderers all read this one model.
import { AGE_BANDS, type InquiryCategory, Service, type Channel } from '../../shared/contract.js';
import { groupBy, sumFigures, type DayFigures, type Totals } from '../../shared/figures.js';
import { addDays } from '../../shared/japan-day.js';
import { SURVEY } from '../../shared/survey.js';
import type { StoreKeeper } from '../store/store.js';
import { allFigures, dataSpan, type Period } from './figures-query.js';
import { reportedOpinions, type ReportedOpinion } from './opinions.js';
import { makePlan, storedIssuance, type Plan } from '../planning/plan.js';

export interface ReportRow {
  day: string;
  venue: string;
  channel: Channel;
  totals: Totals;
}

export interface ChannelRow {
  channel: Channel;
  days: number;
  staffHours: number;
  applicants: number;
  /** Applications per staff-hour; null without recorded staff-hours. */
  perStaffHour: number | null;
}

export interface ReportModel {
  kind: 'weekly' | 'final';
  period: Period;
  madeAt: string;
  devices: number;
  rows: ReportRow[];
  venues: { venue: string; channel: Channel; totals: Totals }[];
  total: Totals;
  weeks: { from: string; to: string; totals: Totals }[];
  channels: ChannelRow[];
  opinions: ReportedOpinion[];
  unreviewedOpinions: number;
  /** Final report: where as many staff-hours as this season's would gain most next time. */
  plan: Plan | null;
}

export const SERVICE_LABELS: Record<Service, string> = {
  formHelp: '記入補助',
  photo: '写真撮影',
  envelope: '封筒',
  onlineHelp: 'オンライン申請',
  mynaPoint: 'マイナポイント',
  vaccineCert: '接種証明',
  inquiry: '問い合わせ',
};

export const CATEGORY_LABELS: Record<(typeof InquiryCategory.options)[number], string> = {
  procedure: '手続き',
  card: 'カード',
  mynaPoint: 'マイナポイント',
  vaccineCert: '接種証明',
  complaint: '苦情',
  other: 'その他',
};

export const CHANNEL_JA: Record<Channel, string> = {
  shoppingCentre: 'ショッピングセンター',
  supermarket: 'スーパー',
  workplace: '企業・事業所',
  school: '学校',
  communityCentre: '公民館・地区会館',
  other: 'その他',
};

/** The columns every format shares, in order: a label and how to read it from totals. */
export const COLUMNS: { label: string; value: (t: Totals) => number }[] = [
  { label: '来訪者数', value: (t) => t.visits },
  { label: '申請者数', value: (t) => t.applicants },
  { label: '紙申請', value: (t) => t.applications.paper },
  { label: 'オンライン申請', value: (t) => t.applications.online },
  { label: '紙・オンライン併用', value: (t) => t.applications.both },
  ...Service.options.map((s) => ({ label: SERVICE_LABELS[s], value: (t: Totals) => t.services[s] })),
  ...AGE_BANDS.map((b) => ({ label: `${b.replace('85+', '85以上')}歳`, value: (t: Totals) => t.ageBands[b] })),
  { label: '特典件数', value: (t) => t.incentives.count },
  { label: '特典金額（円）', value: (t) => t.incentives.yen },
  { label: 'アンケート件数', value: (t) => t.surveys.count },
  ...SURVEY.flatMap((q) => q.choices.map((c) => ({ label: `${q.text.ja.replace(/。$/, '')}：${c.text.ja}`, value: (t: Totals) => t.surveys.answers[q.id]?.[c.id] ?? 0 }))),
  { label: '問い合わせ件数', value: (t) => t.inquiries.count },
  { label: 'うち苦情', value: (t) => t.inquiries.byCategory.complaint },
  { label: 'うち市へ報告', value: (t) => t.inquiries.escalated },
  { label: '受付時間（時間）', value: (t) => t.hoursOpen },
  { label: '延べ従事時間（人時）', value: (t) => t.staffHours },
];

/** Monday of the week a day falls in. */
export function weekStart(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((dow + 6) % 7));
}

export function channelRows(days: readonly DayFigures[]): ChannelRow[] {
  return [...groupBy(days, (d) => d.channel)].map(([channel, list]) => {
    const t = sumFigures(list);
    return { channel: channel as Channel, days: t.days, staffHours: t.staffHours, applicants: t.applicants, perStaffHour: t.staffHours > 0 ? Math.round((t.applicants / t.staffHours) * 100) / 100 : null };
  });
}

export function buildReport(kind: 'weekly' | 'final', store: StoreKeeper, deviceId: string, period: Period, now: Date): ReportModel {
  const figures = allFigures(store, deviceId, period, now);
  const rows = [...groupBy(figures, (f) => `${f.day}|${f.venue}`)].map(([, list]) => ({ day: list[0]!.day, venue: list[0]!.venue, channel: list[0]!.channel, totals: sumFigures(list) }));
  const venues = [...groupBy(figures, (f) => f.venue)].map(([venue, list]) => ({ venue, channel: list[0]!.channel, totals: sumFigures(list) }));
  const weeks = [...groupBy(figures, (f) => weekStart(f.day))].map(([from, list]) => ({ from, to: addDays(from, 6), totals: sumFigures(list) })).sort((a, b) => a.from.localeCompare(b.from));
  const op = reportedOpinions(store, period);
  return {
    kind,
    period,
    madeAt: now.toISOString(),
    devices: new Set(figures.map((f) => f.deviceId)).size,
    rows,
    venues,
    total: sumFigures(figures),
    weeks,
    channels: channelRows(figures),
    opinions: op.items,
    unreviewedOpinions: op.unreviewed,
    plan: kind === 'final' && figures.length > 0 ? makePlan(figures, storedIssuance(store), Math.max(1, Math.round(sumFigures(figures).staffHours))) : null,
  };
}

/** Without dates: the seven days ending on the last day that holds data (null: no data at all). */
export function defaultWeek(store: StoreKeeper): Period | null {
  const span = dataSpan(store);
  return span ? { from: addDays(span.to, -6), to: span.to } : null;
}
