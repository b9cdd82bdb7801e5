// The report as a Japanese A4 PDF with charts (drawn with pdfkit's own lines and boxes, so the
// numbers in the charts are the model's numbers and nothing is rasterised).
import { AGE_BANDS, Service } from '../../shared/contract.js';
import { SURVEY } from '../../shared/survey.js';
import { FONT_BOLD, FONT_REGULAR } from '../pdf/fonts.js';
import { A4, ACCENT, ensureRoom, IDEO_SPACE, INK, MUTED, sectionHeading, stampFooters, startA4, type Doc } from '../pdf/a4.js';
import { CATEGORY_LABELS, CHANNEL_JA, SERVICE_LABELS, type ReportModel } from './report-model.js';

const M = 42; // page margin, pt
const W = A4.width - 2 * M;
const PALETTE = ['#1f5fa8', '#3f8f5a', '#c9a227', '#c8553d', '#7a5ea8', '#5b6675'];

const n = (v: number) => v.toLocaleString('ja-JP');
const ensure = (doc: Doc, height: number) => ensureRoom(doc, height, 20);

/** A section heading, kept on the same page as the first `need` points of what follows. */
function heading(doc: Doc, text: string, need = 60): void {
  sectionHeading(doc, text, { need: need + 30, slack: 20, rule: 2, below: 0.5, bodySize: 9 });
}

/** Horizontal bars with their value printed at the end. */
function hbars(doc: Doc, items: { label: string; value: number }[], o: { labelWidth?: number; color?: string } = {}): void {
  const lw = o.labelWidth ?? 120;
  const bw = W - lw - 60;
  const max = Math.max(1, ...items.map((i) => i.value));
  const rowH = 14;
  ensure(doc, items.length * rowH + 10);
  let y = doc.y;
  doc.font(FONT_REGULAR).fontSize(8.5);
  for (const it of items) {
    doc.fillColor(INK).text(it.label, M, y + 2, { width: lw - 6, align: 'right', lineBreak: false });
    const len = (it.value / max) * bw;
    doc.rect(M + lw, y + 2, Math.max(len, 0.5), rowH - 4).fill(o.color ?? ACCENT);
    doc.fillColor(INK).text(n(it.value), M + lw + len + 4, y + 2, { lineBreak: false });
    y += rowH;
  }
  doc.y = y + 6;
  doc.x = M;
}

/** Vertical bars with labels under them (age bands, weeks). */
function vbars(doc: Doc, items: { label: string; value: number }[], height = 120): void {
  ensure(doc, height + 40);
  const top = doc.y;
  const max = Math.max(1, ...items.map((i) => i.value));
  const slot = W / Math.max(1, items.length);
  const bw = Math.min(26, slot * 0.7);
  doc.font(FONT_REGULAR).fontSize(7);
  items.forEach((it, i) => {
    const h = (it.value / max) * height;
    const x = M + i * slot + (slot - bw) / 2;
    doc.rect(x, top + height - h, bw, Math.max(h, 0.5)).fill(ACCENT);
    doc.fillColor(INK).text(n(it.value), M + i * slot, top + height - h - 9, { width: slot, align: 'center', lineBreak: false });
    doc.fillColor(MUTED).text(it.label, M + i * slot, top + height + 3, { width: slot, align: 'center', lineBreak: false });
  });
  doc.moveTo(M, top + height).lineTo(M + W, top + height).lineWidth(0.5).strokeColor(MUTED).stroke();
  doc.y = top + height + 18;
  doc.x = M;
}

/** One stacked bar per survey question, with the choices' shares and counts. */
function surveyBars(doc: Doc, m: ReportModel): void {
  for (const q of SURVEY) {
    const counts = q.choices.map((c) => m.total.surveys.answers[q.id]?.[c.id] ?? 0);
    const sum = counts.reduce((a, b) => a + b, 0);
    ensure(doc, 52);
    doc.font(FONT_BOLD).fontSize(9).fillColor(INK).text(`${q.text.ja}（回答 ${n(sum)} 件）`, M, doc.y);
    const y = doc.y + 2;
    let x = M;
    q.choices.forEach((c, i) => {
      const w = sum ? (counts[i]! / sum) * W : 0;
      if (w > 0) doc.rect(x, y, w, 12).fill(PALETTE[i % PALETTE.length] as string);
      x += w;
    });
    if (!sum) doc.rect(M, y, W, 12).lineWidth(0.5).strokeColor(MUTED).stroke();
    doc.font(FONT_REGULAR).fontSize(8);
    let lx = M;
    let ly = y + 16;
    q.choices.forEach((c, i) => {
      const label = `${c.text.ja} ${n(counts[i]!)}（${sum ? Math.round((counts[i]! / sum) * 100) : 0}%）`;
      const lw = doc.widthOfString(label) + 18;
      if (lx + lw > M + W) {
        lx = M;
        ly += 12;
      }
      doc.rect(lx, ly + 1, 8, 8).fill(PALETTE[i % PALETTE.length] as string);
      doc.fillColor(INK).text(label, lx + 11, ly, { lineBreak: false });
      lx += lw;
    });
    doc.y = ly + 16;
    doc.x = M;
  }
}

/** A table with fixed column widths; numbers right-aligned; repeats its head on a new page. */
function table(doc: Doc, head: string[], rows: (string | number)[][], widths: number[], o: { boldLast?: boolean } = {}): void {
  const rowH = 15;
  const drawHead = () => {
    let x = M;
    const y = doc.y;
    doc.font(FONT_BOLD).fontSize(8).fillColor(MUTED);
    head.forEach((h, i) => {
      doc.text(h, x + 2, y, { width: widths[i]! - 4, align: i < 2 ? 'left' : 'right', lineBreak: false });
      x += widths[i]!;
    });
    doc.y = y + rowH - 2;
    doc.moveTo(M, doc.y - 2).lineTo(M + W, doc.y - 2).lineWidth(0.5).strokeColor(MUTED).stroke();
  };
  ensure(doc, rowH * 3);
  drawHead();
  rows.forEach((row, r) => {
    if (doc.y + rowH > A4.height - M - 20) {
      doc.addPage();
      drawHead();
    }
    const last = o.boldLast && r === rows.length - 1;
    doc.font(last ? FONT_BOLD : FONT_REGULAR).fontSize(8.5).fillColor(INK);
    let x = M;
    const y = doc.y;
    row.forEach((v, i) => {
      doc.text(typeof v === 'number' ? n(v) : v, x + 2, y, { width: widths[i]! - 4, align: i < 2 ? 'left' : 'right', lineBreak: false, ellipsis: true });
      x += widths[i]!;
    });
    doc.y = y + rowH;
    doc.moveTo(M, doc.y - 2).lineTo(M + W, doc.y - 2).lineWidth(0.25).strokeColor('#d5dae1').stroke();
  });
  doc.x = M;
}

function summaryBoxes(doc: Doc, m: ReportModel): void {
  const t = m.total;
  const boxes: [string, string, string][] = [
    ['来訪者', `${n(t.visits)} 件`, `${t.days} 会場日`],
    ['申請者', `${n(t.applicants)} 人`, `紙 ${n(t.applications.paper)}・併用 ${n(t.applications.both)}`],
    ['うちオンライン', `${n(t.applications.online + t.applications.both)} 人`, '併用を含む'],
    ['特典', `${n(t.incentives.count)} 件`, `${n(t.incentives.yen)} 円`],
  ];
  const bw = (W - 3 * 8) / 4;
  const y = doc.y;
  boxes.forEach(([label, value, sub], i) => {
    const x = M + i * (bw + 8);
    doc.roundedRect(x, y, bw, 60, 6).fill('#eef3fa');
    doc.font(FONT_REGULAR).fontSize(8.5).fillColor(MUTED).text(label, x + 10, y + 8, { width: bw - 20, lineBreak: false });
    doc.font(FONT_BOLD).fontSize(14).fillColor(INK).text(value, x + 10, y + 21, { width: bw - 20, lineBreak: false });
    doc.font(FONT_REGULAR).fontSize(8).fillColor(MUTED).text(sub, x + 10, y + 43, { width: bw - 20, lineBreak: false });
  });
  doc.y = y + 70;
  doc.x = M;
}

export function renderPdf(m: ReportModel): Promise<Buffer> {
  const { doc, done } = startA4(m.kind === 'weekly' ? '週次報告書' : '最終報告書', M);

  const title = m.kind === 'weekly' ? 'マイナンバーカード出張申請窓口 週次報告書' : 'マイナンバーカード出張申請窓口 最終報告書';
  doc.font(FONT_BOLD).fontSize(17).fillColor(INK).text(title, M, M);
  doc.font(FONT_REGULAR).fontSize(10).fillColor(MUTED).text(`対象期間 ${m.period.from}〜${m.period.to}${IDEO_SPACE}作成 ${new Date(m.madeAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })}${IDEO_SPACE}端末 ${m.devices} 台`);
  doc.moveDown(0.6);
  summaryBoxes(doc, m);

  heading(doc, '会場・日別の実績');
  const head = ['日付', '会場', '来訪', '申請', '紙', 'オンライン', '併用', '特典', 'アンケート', '苦情'];
  const widths = [58, 150, 34, 34, 32, 44, 32, 34, 48, 45];
  const row = (a: string, b: string, t: ReportModel['total']) => [a, b, t.visits, t.applicants, t.applications.paper, t.applications.online, t.applications.both, t.incentives.count, t.surveys.count, t.inquiries.byCategory.complaint];
  table(doc, head, [...m.rows.map((r) => row(r.day, r.venue, r.totals)), row('合計', '', m.total)], widths, { boldLast: true });
  if (m.rows.length === 0) doc.font(FONT_REGULAR).fontSize(9).fillColor(MUTED).text('この期間の記録はありません。');

  heading(doc, '申請者の年代', 160);
  vbars(doc, AGE_BANDS.map((b) => ({ label: b.replace('85+', '85〜'), value: m.total.ageBands[b] })));

  heading(doc, '提供したサービス（件）', 110);
  hbars(doc, Service.options.map((s) => ({ label: SERVICE_LABELS[s], value: m.total.services[s] })));

  heading(doc, 'アンケート結果', 60);
  surveyBars(doc, m);

  heading(doc, '問い合わせ・苦情', 100);
  hbars(
    doc,
    Object.entries(CATEGORY_LABELS).map(([k, label]) => ({ label, value: m.total.inquiries.byCategory[k as keyof typeof CATEGORY_LABELS] })),
    { color: '#5b6675' },
  );
  doc.font(FONT_REGULAR).fontSize(9).fillColor(INK).text(`問い合わせ ${n(m.total.inquiries.count)} 件（うち苦情 ${n(m.total.inquiries.byCategory.complaint)} 件、市へ報告 ${n(m.total.inquiries.escalated)} 件）`, M, doc.y);

  if (m.kind === 'final') {
    heading(doc, '週別の申請者数（推移）', 160);
    vbars(doc, m.weeks.map((w) => ({ label: w.from.slice(5), value: w.totals.applicants })));
    heading(doc, '開催区分別の効率（1人時あたりの申請者数）');
    table(
      doc,
      ['区分', '', '開催日数', '延べ人時', '申請者', '1人時あたり'],
      m.channels.map((c) => [CHANNEL_JA[c.channel], '', c.days, Math.round(c.staffHours * 10) / 10, c.applicants, c.perStaffHour === null ? '—' : c.perStaffHour.toFixed(2)]),
      [150, 60, 70, 80, 70, 81],
    );
  }

  if (m.plan) {
    const p = m.plan;
    heading(doc, `次の ${n(p.hours)} 人時で申請を最も増やす配分（計画）`, 120);
    table(
      doc,
      ['区分', '', '人時', '見込み申請者', '実績 1人時あたり', '65歳以上の割合'],
      p.allocation.map((a) => {
        const c = p.channels.find((x) => x.channel === a.channel);
        return [CHANNEL_JA[a.channel], '', a.hours, a.applications, c ? c.perStaffHour.toFixed(2) : '—', c ? `${Math.round(c.olderShare * 100)}%` : '—'];
      }),
      [150, 40, 60, 80, 90, 91],
    );
    doc.moveDown(0.3).font(FONT_REGULAR).fontSize(9).fillColor(INK).text(`見込み: 申請 ${n(Math.round(p.gained))} 人。平日 ${p.weekday.perStaffHour.toFixed(2)}・週末 ${p.weekend.perStaffHour.toFixed(2)}（1人時あたり）。`, M, doc.y);
    if (p.byHour.length > 0) {
      doc.font(FONT_BOLD).text('時間帯別 1日あたりの申請者数', M, doc.y + 4);
      doc.moveDown(1); // room for the tallest bar's value above it
      vbars(doc, p.byHour.map((h) => ({ label: `${Number(h.hour)}時`, value: h.perDay })), 70);
    }
    if (p.issuance) {
      doc.text(`交付率（${p.issuance.asOf} 時点）${(p.issuance.rateNow * 100).toFixed(1)}% → 見込み ${(p.issuance.rateProjected * 100).toFixed(1)}%`, M, doc.y);
      doc.font(FONT_BOLD).text('年代別 交付率の見込み（%）', M, doc.y + 4);
      hbars(doc, p.issuance.bands.map((b) => ({ label: `${b.band} 歳`, value: Math.round(b.rateProjected * 1000) / 10 })), { labelWidth: 70 });
    } else doc.fillColor(MUTED).text('年代別の交付状況が取り込まれていないため、交付率の見込みは出していません（madoguchi plan import）。', M, doc.y);
    doc.font(FONT_REGULAR).fontSize(8).fillColor(MUTED);
    for (const a of p.assumptions) doc.text(`※ ${a}`, M, doc.y, { width: W });
  }

  heading(doc, 'ご意見・苦情（職員が個人情報を伏せて確認したもの）');
  doc.font(FONT_REGULAR).fontSize(9).fillColor(INK);
  if (m.opinions.length === 0) doc.fillColor(MUTED).text('確認済みのご意見はありません。');
  for (const o of m.opinions) {
    ensure(doc, 28);
    doc.fillColor(MUTED).text(`${o.day}${IDEO_SPACE}${o.venue}${IDEO_SPACE}${o.kind === 'complaint' ? '苦情' : 'ご意見'}`, M, doc.y);
    doc.fillColor(INK).text(o.text, M + 12, doc.y, { width: W - 12 });
    doc.moveDown(0.3);
  }
  if (m.unreviewedOpinions > 0) doc.fillColor('#a1431a').text(`未確認のご意見 ${m.unreviewedOpinions} 件は含まれていません（操作画面の「報告書」で確認してください）。`, M, doc.y);

  stampFooters(doc, (page, pages) => `集計値と確認済みのご意見のみ。氏名・個人番号・申請書ID・写真は含みません。${IDEO_SPACE}${page} / ${pages}`, { size: 7.5, below: 8 });
  doc.end();
  return done;
}
