// The documents the city asks for, as Japanese A4 PDFs: the run sheet (運営マニュアル) for an
// event, the printable survey form, the event flyer, and the roster of staff who handle personal
// data with their training. Each carries its version and date in the footer.
import QRCode from 'qrcode';
import type { BoothEvent, StaffMember, TrainingRecord } from '../../shared/contract.js';
import { AGE_BANDS } from '../../shared/contract.js';
import { SURVEY } from '../../shared/survey.js';
import { FONT_BOLD, FONT_REGULAR } from '../pdf/fonts.js';
import { A4, ACCENT, ensureRoom, IDEO_SPACE, INK, MUTED, sectionHeading, stampFooters, startA4, type Doc } from '../pdf/a4.js';
import { CHANNEL_LABELS, DUTY_LABELS } from '../season/season-service.js';
import { TRAINING_LABELS, TRAINING_TOPICS } from '../staff/staff-service.js';

const M = 48;
const W = A4.width - 2 * M;
const SP = IDEO_SPACE;

export interface Stamp {
  title: string;
  version: number;
  madeAt: Date;
}

export const EQUIPMENT = [
  '端末（ノートPC）・電源タップ・延長コード',
  'ネットワーク回線（専用回線・モバイルルーター）',
  'カメラ（USB接続）・予備バッテリー・USBケーブル',
  '写真プリンター・用紙（L判）・インクリボン',
  '整理券プリンター・ロール紙',
  '交付申請書・返信用封筒',
  'パーテーション・背景スクリーン（無地）・照明',
  '消毒液・アクリル板',
  'QRコード読み取り機（USB）',
  '案内表示・チラシ・アンケート用紙・筆記具',
];

export const FAILURES: [string, string][] = [
  ['カメラが認識されない', 'USBケーブルと電源を確認し、操作画面の「機器」タブで「カメラを再確認」。直らないときは予備のWebカメラ（設定で有効化）か、写真機での撮影を案内する。'],
  ['写真プリンターが印刷しない', '用紙・リボン切れ、電源、紙詰まりを確認。操作画面に表示される理由に従う。再印刷は同じ写真から（撮り直し不要）。'],
  ['整理券プリンターがない・止まった', '整理券は操作画面に番号が表示される。番号を口頭またはメモで伝える。'],
  ['ネットワークが切れた', 'オンライン申請の補助を一時停止し、紙の申請書での申請を案内する。写真撮影・印刷は続けられる。'],
  ['端末の電源が落ちた', '電源を入れ直し、データベースのパスフレーズを入力。受付中だった来訪者の写真は起動時に自動で消去され、記録が残る。'],
  ['画面が固まった', 'Ctrl+R で再読み込み。直らないときはアプリを再起動（受付中のデータは失われない）。'],
];

const start = (title: string) => startA4(title, M);

function footer(doc: Doc, stamp: Stamp): void {
  const made = stamp.madeAt.toLocaleDateString('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });
  stampFooters(doc, (page, pages) => `${stamp.title}${SP}第${stamp.version}版（${made} 作成）${SP}${page} / ${pages}`, { size: 8, below: 14 });
}

const ensure = (doc: Doc, h: number) => ensureRoom(doc, h, 10);

const h2 = (doc: Doc, t: string) => sectionHeading(doc, t, { need: 60, slack: 10, rule: 1, below: 0.4, bodySize: 10 });

function box(doc: Doc, x: number, y: number, size = 10): void {
  doc.rect(x, y, size, size).lineWidth(0.8).strokeColor(INK).stroke();
}

const dates = (e: BoothEvent) => (e.firstDay === e.lastDay ? e.firstDay : `${e.firstDay}〜${e.lastDay}`);

function minusHour(hhmm: string, h: number): string {
  const [a, b] = hhmm.split(':').map(Number) as [number, number];
  const m = Math.max(0, a * 60 + b - h * 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export async function runSheetPdf(e: BoothEvent, staff: StaffMember[], stamp: Stamp): Promise<Buffer> {
  const { doc, done } = start(stamp.title);
  const name = new Map(staff.map((m) => [m.id, m.displayName]));
  doc.font(FONT_BOLD).fontSize(18).fillColor(INK).text('運営マニュアル（当日の進行）');
  doc.font(FONT_BOLD).fontSize(13).text(e.name);
  doc.font(FONT_REGULAR).fontSize(10).fillColor(MUTED).text(`${e.venue.name}（${CHANNEL_LABELS[e.venue.channel].ja}）${SP}${e.venue.address}`);
  doc.text(`日程 ${dates(e)}${SP}受付 ${e.opens}〜${e.closes}${SP}窓口 ${e.counters}`);

  h2(doc, '1. 当日の流れ');
  const rows: [string, string][] = [
    [minusHour(e.opens, 1), '集合・機器の設置。操作画面で「機器の確認」を行い、すべて確認してから受付を開始する。'],
    [e.opens, '受付開始（整理券の発行、来訪者の案内）。'],
    ['随時', '交代で休憩（窓口を空けない）。休憩時は操作画面を「ロック」する。'],
    [e.closes, '受付終了。受付中の来訪者を最後まで対応し、「本日の受付を終了」。集計を印刷して保管。'],
    ['終了後', '撤収。最終日は責任者が「全消去」を行い、消去証明書を市へ提出する。'],
  ];
  for (const [t, what] of rows) {
    ensure(doc, 30);
    const y = doc.y;
    doc.font(FONT_BOLD).fontSize(10).fillColor(INK).text(t, M, y, { width: 60 });
    doc.font(FONT_REGULAR).text(what, M + 64, y, { width: W - 64 });
    doc.moveDown(0.3);
  }

  h2(doc, '2. 担当者と役割');
  if (e.duties.length === 0) doc.fillColor(MUTED).text('役割がまだ割り当てられていません（操作画面の「会場・イベント」→「担当（役割）」）。');
  const byStaff = new Map<number, string[]>();
  for (const d of e.duties) byStaff.set(d.staffId, [...(byStaff.get(d.staffId) ?? []), DUTY_LABELS[d.duty].ja]);
  for (const [id, duties] of byStaff) {
    ensure(doc, 18);
    doc.fillColor(INK).text(`・${name.get(id) ?? `#${id}`}：${duties.join('、')}`, M, doc.y);
  }

  h2(doc, '3. 持ち物・機器のチェックリスト');
  for (const item of EQUIPMENT) {
    ensure(doc, 18);
    const y = doc.y;
    box(doc, M, y + 2);
    doc.fillColor(INK).text(item, M + 18, y);
    doc.moveDown(0.15);
  }

  h2(doc, '4. 機器が故障したとき');
  for (const [what, todo] of FAILURES) {
    ensure(doc, 40);
    doc.font(FONT_BOLD).fontSize(10).fillColor(INK).text(`■ ${what}`, M, doc.y);
    doc.font(FONT_REGULAR).text(todo, M + 12, doc.y, { width: W - 12 });
    doc.moveDown(0.3);
  }

  h2(doc, '5. 個人情報の取扱い');
  for (const rule of [
    '写真は来訪者ごとに受付終了時に自動で消去される。カメラのメモリーカードも毎回空にする。',
    '個人番号（12桁）、申請書ID、暗証番号は記録しない・聞き取らない。暗証番号の入力中は画面から目を離す。',
    'ブラウザーのパスワード保存・入力履歴は使わない。端末はこの業務以外に使わない。',
    '席を離れるときは操作画面を「ロック」する。',
  ]) {
    ensure(doc, 18);
    doc.text(`・${rule}`, M, doc.y, { width: W });
  }

  h2(doc, '6. 連絡先');
  doc.text(e.contacts.trim() || '（未登録：操作画面の「会場・イベント」で連絡先を入力してください）', M, doc.y, { width: W });
  footer(doc, stamp);
  doc.end();
  return done;
}

export async function surveyFormPdf(stamp: Stamp): Promise<Buffer> {
  const { doc, done } = start(stamp.title);
  doc.font(FONT_BOLD).fontSize(18).fillColor(INK).text('アンケートにご協力ください', { align: 'center' });
  doc.font(FONT_REGULAR).fontSize(10).fillColor(MUTED).text('Survey — please tick one answer for each question.', { align: 'center' });
  doc.moveDown(0.4).fillColor(INK).text('お名前・ご住所・電話番号・個人番号は書かないでください（無記名のアンケートです）。', { align: 'center' });
  doc.moveDown(0.8);
  SURVEY.forEach((q, i) => {
    ensure(doc, 70);
    doc.font(FONT_BOLD).fontSize(12).fillColor(INK).text(`問${i + 1}. ${q.text.ja}`, M, doc.y);
    doc.font(FONT_REGULAR).fontSize(8.5).fillColor(MUTED).text(q.text.en, M + 18, doc.y);
    doc.moveDown(0.3).fontSize(11).fillColor(INK);
    let x = M + 12;
    const y = doc.y;
    let line = 0;
    for (const c of q.choices) {
      const w = doc.widthOfString(c.text.ja) + 36;
      if (x + w > M + W) {
        x = M + 12;
        line += 1;
      }
      box(doc, x, y + line * 22 + 2, 11);
      doc.text(c.text.ja, x + 16, y + line * 22, { lineBreak: false });
      x += w;
    }
    doc.y = y + (line + 1) * 22 + 6;
    doc.x = M;
  });
  ensure(doc, 120);
  doc.font(FONT_BOLD).fontSize(12).text(`問${SURVEY.length + 1}. 年代（任意）`, M, doc.y);
  doc.moveDown(0.3).font(FONT_REGULAR).fontSize(10);
  // The same five-year bands as the station asks, so a paper answer is entered as it was given.
  const y = doc.y;
  const perRow = 6;
  AGE_BANDS.forEach((b, i) => {
    const xx = M + 12 + (i % perRow) * ((W - 12) / perRow);
    const yy = y + Math.floor(i / perRow) * 22;
    box(doc, xx, yy + 2, 11);
    doc.text(b === '85+' ? '85歳以上' : `${b.replace('-', '〜')}歳`, xx + 16, yy, { lineBreak: false });
  });
  doc.y = y + Math.ceil(AGE_BANDS.length / perRow) * 22 + 10;
  doc.font(FONT_BOLD).fontSize(12).text('ご意見・ご要望（自由にお書きください）', M, doc.y);
  doc.rect(M, doc.y + 6, W, 150).lineWidth(0.8).strokeColor(INK).stroke();
  doc.y += 162;
  doc.font(FONT_REGULAR).fontSize(9).fillColor(MUTED).text('ご協力ありがとうございました。回答は集計にのみ使い、市へは個人を特定できない形で報告します。', M, doc.y, { width: W });
  footer(doc, stamp);
  doc.end();
  return done;
}

export async function flyerPdf(e: BoothEvent, o: { cityPageUrl: string | null; incentive: { amountYen: number; from: string; to: string } | null }, stamp: Stamp): Promise<Buffer> {
  const { doc, done } = start(stamp.title);
  doc.rect(0, 0, A4.width, 150).fill(ACCENT);
  doc.font(FONT_BOLD).fontSize(30).fillColor('#ffffff').text('マイナンバーカード', M, 36, { width: W, align: 'center' });
  doc.fontSize(24).text('出張申請窓口を開きます', M, 80, { width: W, align: 'center' });
  doc.fillColor(INK).font(FONT_BOLD).fontSize(20).text(e.name, M, 175, { width: W, align: 'center' });
  doc.moveDown(0.6);
  const facts: [string, string][] = [
    ['日にち', dates(e)],
    ['時間', `${e.opens}〜${e.closes}`],
    ['会場', `${e.venue.name}${e.venue.address ? `（${e.venue.address}）` : ''}`],
  ];
  for (const [k, v] of facts) {
    const y = doc.y;
    doc.roundedRect(M, y, 90, 30, 6).fill('#eef3fa');
    doc.font(FONT_BOLD).fontSize(14).fillColor(ACCENT).text(k, M, y + 7, { width: 90, align: 'center' });
    doc.font(FONT_BOLD).fontSize(15).fillColor(INK).text(v, M + 104, y + 6, { width: W - 104 });
    doc.y = Math.max(doc.y, y + 30) + 8;
  }
  h2(doc, 'その場でできること（無料）');
  for (const s of ['申請用の顔写真の撮影・印刷（その場で）', '申請書の記入のお手伝い', 'スマートフォンでのオンライン申請のお手伝い', '郵送用の封筒のお渡し']) doc.fontSize(12).text(`✓ ${s}`, M + 8, doc.y);
  h2(doc, 'お持ちいただくもの');
  for (const s of ['本人確認書類（運転免許証・健康保険証など）', '交付申請書（お手元に届いている方。なくても申請できます）', 'スマートフォン（オンライン申請をご希望の方）']) doc.fontSize(12).text(`・${s}`, M + 8, doc.y);
  if (o.incentive) {
    ensure(doc, 70);
    doc.moveDown(0.6);
    const y = doc.y;
    doc.roundedRect(M, y, W, 56, 8).fill('#fff3cd');
    doc.font(FONT_BOLD).fontSize(15).fillColor('#7a5200').text(`期間中に申請された方に ${o.incentive.amountYen.toLocaleString('ja-JP')} 円分の特典`, M + 16, y + 10, { width: W - 32 });
    doc.font(FONT_REGULAR).fontSize(10).text(`対象: ${o.incentive.from}〜${o.incentive.to} にカードを申請された方（お一人様1回）`, M + 16, y + 34, { width: W - 32 });
    doc.y = y + 66;
  }
  if (o.cityPageUrl) {
    const png = await QRCode.toBuffer(o.cityPageUrl, { errorCorrectionLevel: 'M', margin: 1, width: 300 });
    ensure(doc, 130);
    const y = doc.y + 10;
    doc.image(png, M, y, { width: 110 });
    doc.font(FONT_BOLD).fontSize(12).fillColor(INK).text('くわしくは市のホームページへ', M + 124, y + 30, { width: W - 124 });
    doc.font(FONT_REGULAR).fontSize(9).fillColor(MUTED).text(o.cityPageUrl, M + 124, y + 52, { width: W - 124 });
    doc.y = y + 120;
  }
  footer(doc, stamp);
  doc.end();
  return done;
}

export async function rosterPdf(staff: StaffMember[], training: TrainingRecord[], stamp: Stamp): Promise<Buffer> {
  const { doc, done } = start(stamp.title);
  doc.font(FONT_BOLD).fontSize(17).fillColor(INK).text('個人情報取扱従事者名簿 兼 研修記録');
  doc.font(FONT_REGULAR).fontSize(10).fillColor(MUTED).text('本業務で個人情報を取り扱う者と、従事前に受けた研修の記録です。');
  doc.moveDown(0.6);
  const cols = [110, 60, 60, ...TRAINING_TOPICS.map(() => (W - 230) / TRAINING_TOPICS.length)];
  const head = ['氏名', '役割', '取扱', ...TRAINING_TOPICS.map((t) => TRAINING_LABELS[t].ja)];
  const row = (cells: string[], bold = false) => {
    ensure(doc, 34);
    const y = doc.y;
    let x = M;
    doc.font(bold ? FONT_BOLD : FONT_REGULAR).fontSize(bold ? 8.5 : 9).fillColor(bold ? MUTED : INK);
    let lowest = y + 14;
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y, { width: cols[i]! - 4 });
      lowest = Math.max(lowest, doc.y);
      x += cols[i]!;
    });
    const bottom = lowest + 4;
    doc.moveTo(M, bottom - 2).lineTo(M + W, bottom - 2).lineWidth(0.3).strokeColor('#c7ced8').stroke();
    doc.y = bottom;
  };
  row(head, true);
  const ROLE = { lead: '責任者', staff: 'スタッフ', office: '市役所' } as const;
  for (const m of staff.filter((s) => s.active)) {
    const held = (t: string) => {
      const r = training.filter((x) => x.staffId === m.id && x.topic === t).sort((a, b) => a.heldOn.localeCompare(b.heldOn)).at(-1);
      return r ? `${r.heldOn}\n${r.trainer}` : '未受講';
    };
    row([m.displayName, ROLE[m.role], m.handlesPersonalData ? '○' : '—', ...TRAINING_TOPICS.map(held)]);
  }
  doc.moveDown(0.8).font(FONT_REGULAR).fontSize(9).fillColor(MUTED).text('研修を終えていない者は受付業務に従事できません（アプリで制御）。', M, doc.y, { width: W });
  footer(doc, stamp);
  doc.end();
  return done;
}
