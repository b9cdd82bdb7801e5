// The report as CSV and XLSX: the same rows (venue × day, then the total) and the same columns.
// CSV is UTF-8 with a BOM and CRLF so Excel on a city office PC opens it in Japanese.
import ExcelJS from 'exceljs';
import { AGE_BANDS, Service } from '../../shared/contract.js';
import { SURVEY } from '../../shared/survey.js';
import { CATEGORY_LABELS, CHANNEL_JA, COLUMNS, SERVICE_LABELS, type ReportModel } from './report-model.js';

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableRows(m: ReportModel): (string | number)[][] {
  const head = ['日付', '会場', '区分', ...COLUMNS.map((c) => c.label)];
  const body = m.rows.map((r) => [r.day, r.venue, CHANNEL_JA[r.channel], ...COLUMNS.map((c) => c.value(r.totals))]);
  const total = ['合計', `${m.period.from}〜${m.period.to}`, '', ...COLUMNS.map((c) => c.value(m.total))];
  return [head, ...body, total];
}

export function renderCsv(m: ReportModel): Buffer {
  const lines = tableRows(m).map((row) => row.map(csvCell).join(','));
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}

export async function renderXlsx(m: ReportModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'madoguchi';
  wb.created = new Date(m.madeAt);
  const title = m.kind === 'weekly' ? '週次報告' : '最終報告';

  const days = wb.addWorksheet('会場・日別');
  for (const row of tableRows(m)) days.addRow(row);
  days.getRow(1).font = { bold: true };
  days.getRow(days.rowCount).font = { bold: true };
  days.views = [{ state: 'frozen', xSplit: 3, ySplit: 1 }];
  days.columns.forEach((c, i) => (c.width = i < 3 ? [12, 30, 16][i] : 10));

  const survey = wb.addWorksheet('アンケート');
  survey.addRow(['設問', '回答', '件数', '割合（%）']).font = { bold: true };
  for (const q of SURVEY) {
    const counts = q.choices.map((c) => m.total.surveys.answers[q.id]?.[c.id] ?? 0);
    const sum = counts.reduce((a, b) => a + b, 0);
    q.choices.forEach((c, i) => survey.addRow([q.text.ja, c.text.ja, counts[i], sum ? Math.round(((counts[i] ?? 0) / sum) * 1000) / 10 : 0]));
  }
  survey.columns.forEach((c, i) => (c.width = [36, 24, 10, 10][i] ?? 10));

  const people = wb.addWorksheet('年代・サービス');
  people.addRow(['年代', '申請者数']).font = { bold: true };
  for (const b of AGE_BANDS) people.addRow([`${b.replace('85+', '85以上')}歳`, m.total.ageBands[b]]);
  people.addRow([]);
  people.addRow(['サービス', '件数']).font = { bold: true };
  for (const s of Service.options) people.addRow([SERVICE_LABELS[s], m.total.services[s]]);
  people.addRow([]);
  people.addRow(['問い合わせの分類', '件数']).font = { bold: true };
  for (const [k, label] of Object.entries(CATEGORY_LABELS)) people.addRow([label, m.total.inquiries.byCategory[k as keyof typeof CATEGORY_LABELS]]);
  people.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 12));

  const opinions = wb.addWorksheet('ご意見・苦情');
  opinions.addRow(['日付', '会場', '種類', '内容（確認済み）']).font = { bold: true };
  for (const o of m.opinions) opinions.addRow([o.day, o.venue, o.kind === 'complaint' ? '苦情' : 'ご意見', o.text]);
  if (m.unreviewedOpinions > 0) opinions.addRow(['', '', '', `未確認の意見 ${m.unreviewedOpinions} 件は含まれていません。`]);
  opinions.columns.forEach((c, i) => (c.width = [12, 30, 8, 80][i] ?? 12));

  if (m.kind === 'final') {
    const trend = wb.addWorksheet('週別推移');
    trend.addRow(['週（月曜〜日曜）', '来訪者数', '申請者数', '紙申請', 'オンライン申請', '特典件数']).font = { bold: true };
    for (const w of m.weeks) trend.addRow([`${w.from}〜${w.to}`, w.totals.visits, w.totals.applicants, w.totals.applications.paper, w.totals.applications.online, w.totals.incentives.count]);
    const ch = wb.addWorksheet('区分別の効率');
    ch.addRow(['区分', '開催日数', '延べ従事時間（人時）', '申請者数', '1人時あたり申請']).font = { bold: true };
    for (const c of m.channels) ch.addRow([CHANNEL_JA[c.channel], c.days, c.staffHours, c.applicants, c.perStaffHour ?? '']);
    trend.columns.forEach((c, i) => (c.width = i === 0 ? 26 : 14));
    ch.columns.forEach((c, i) => (c.width = i === 0 ? 22 : 18));
  }
  if (m.plan) {
    const plan = wb.addWorksheet('計画');
    plan.addRow([`次の ${m.plan.hours} 人時の配分（申請が最も増える順）`]).font = { bold: true };
    plan.addRow(['区分', '人時', '見込み申請者数']).font = { bold: true };
    for (const a of m.plan.allocation) plan.addRow([CHANNEL_JA[a.channel], a.hours, a.applications]);
    plan.addRow(['合計', m.plan.hours, m.plan.gained]);
    plan.addRow([]);
    if (m.plan.issuance) {
      plan.addRow(['年代', '人口', '交付枚数', '交付率（現在）', '交付率（見込み）']).font = { bold: true };
      for (const b of m.plan.issuance.bands) plan.addRow([b.band, b.population, b.issued, b.rateNow, b.rateProjected]);
      plan.addRow(['全体', m.plan.issuance.population, m.plan.issuance.issued, m.plan.issuance.rateNow, m.plan.issuance.rateProjected]);
      plan.addRow([]);
    }
    for (const a of m.plan.assumptions) plan.addRow(['仮定', a]);
    plan.columns.forEach((c, i) => (c.width = i === 0 ? 22 : 16));
  }
  const meta = wb.addWorksheet('この報告について');
  meta.addRow([title, `${m.period.from}〜${m.period.to}`]);
  meta.addRow(['作成日時', m.madeAt]);
  meta.addRow(['端末数', m.devices]);
  meta.addRow(['個人情報', '集計値と、職員が確認したご意見のみ。氏名・個人番号・申請書ID・写真は含みません。']);
  meta.columns.forEach((c, i) => (c.width = i === 0 ? 16 : 80));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
