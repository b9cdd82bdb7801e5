// The wipe certificate (データ消去証明書, which doubles as the city's 削除・廃棄記録): the fields
// NIST SP 800-88 asks of a sanitization record, what was destroyed, how it was verified, and a
// hash of the deletion log; signed with the device key; rendered as a Japanese A4 PDF.
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { FONT_BOLD, FONT_REGULAR } from '../pdf/fonts.js';
import { signDetached, type DeviceIdentity } from '../store/device-identity.js';
import type { DeviceFacts } from './device-facts.js';

export interface DestroyedItem {
  id: string;
  label: { ja: string; en: string };
  files: number;
  bytes: number;
  method: 'crypto-erase' | 'overwrite-delete';
}

export interface WipeCertificate {
  certificateId: string;
  app: { name: 'madoguchi'; version: string };
  tool: string;
  performedAt: string;
  place: string;
  orderedBy: string;
  device: DeviceFacts;
  deviceId: string | null;
  deviceKeyFingerprint: string | null;
  publicKeyPem: string | null;
  sanitization: {
    category: string;
    method: string;
  };
  destroyed: DestroyedItem[];
  verification: {
    method: string;
    roots: string[];
    filesScanned: number;
    bytesScanned: number;
    findings: number;
    result: 'pass' | 'fail';
  };
  deletionLog: { entries: number; sha256: string | null };
  exports: { file: string; sha256: string }[];
  notes: string[];
  durationsMs: Record<string, number>;
}

export interface SignedCertificate {
  certificate: WipeCertificate;
  signature: { alg: 'Ed25519'; value: string } | null;
}

export function canonical(c: WipeCertificate): Buffer {
  return Buffer.from(JSON.stringify(c));
}

export function signCertificate(c: WipeCertificate, identity: DeviceIdentity | null): SignedCertificate {
  return { certificate: c, signature: identity ? { alg: 'Ed25519', value: signDetached(canonical(c), identity.privateKey) } : null };
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function bytesText(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

function jst(iso: string): string {
  return new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long', timeStyle: 'medium' }) + '（日本時間）';
}

/** Renders the certificate as an A4 PDF in Japanese, English alongside in small type. */
export function certificatePdf(s: SignedCertificate): Promise<Buffer> {
  const c = s.certificate;
  const doc = new PDFDocument({ size: 'A4', margins: { top: 48, bottom: 48, left: 52, right: 52 }, info: { Title: `データ消去証明書 ${c.certificateId}`, Author: 'madoguchi', Subject: 'Data sanitization certificate' } });
  doc.registerFont('ja', FONT_REGULAR);
  doc.registerFont('ja-bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (d: Buffer) => chunks.push(d));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 104;
  // Start a new page when less than `needed` points remain, so a label and its value, or a
  // heading and its first line, are never split across pages.
  const keep = (needed: number) => {
    if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };

  doc.font('ja-bold').fontSize(20).text('データ消去証明書', { align: 'center' });
  doc.font('ja').fontSize(10).fillColor('#555').text('（削除・廃棄記録） Data Sanitization Certificate', { align: 'center' }).moveDown(0.3);
  doc.fontSize(9).text(`証明書番号 / Certificate No. ${c.certificateId}`, { align: 'center' }).fillColor('#000').moveDown(1);

  const section = (ja: string, en: string) => {
    keep(70);
    doc.moveDown(0.6).font('ja-bold').fontSize(12).fillColor('#1f3b64').text(`${ja}  `, { continued: true }).font('ja').fontSize(9).fillColor('#666').text(en);
    doc.moveTo(52, doc.y + 2).lineTo(52 + width, doc.y + 2).strokeColor('#c9d3e2').stroke().moveDown(0.4);
    doc.fillColor('#000');
  };
  const field = (ja: string, en: string, value: string) => {
    doc.font('ja').fontSize(10);
    keep(Math.max(28, doc.heightOfString(value || '—', { width: width - 158 }) + 8));
    const y = doc.y;
    doc.font('ja').fontSize(9).fillColor('#444').text(ja, 52, y, { width: 150 });
    doc.fontSize(7).fillColor('#888').text(en, 52, doc.y, { width: 150 });
    const labelBottom = doc.y;
    doc.font('ja').fontSize(10).fillColor('#000').text(value || '—', 210, y, { width: width - 158 });
    doc.y = Math.max(doc.y, labelBottom) + 4;
    doc.x = 52;
  };

  section('実施', 'Performed');
  field('実施日時', 'Date and time', jst(c.performedAt));
  field('実施場所', 'Place', c.place);
  field('指示者', 'Ordered by', c.orderedBy);
  field('使用ツール', 'Tool and version', `${c.tool}（madoguchi ${c.app.version}）`);

  section('対象機器', 'Device');
  field('メーカー', 'Make', c.device.make);
  field('型番', 'Model', c.device.model);
  field('製造番号', 'Serial', c.device.serial);
  field('ホスト名 / OS', 'Host / OS', `${c.device.hostname} / ${c.device.os}`);
  field('記憶媒体', 'Media', c.device.media);
  field('ディスク全体の暗号化', 'Full-disk encryption', c.device.diskEncrypted === null ? `不明 (${c.device.encryptionDetail})` : c.device.diskEncrypted ? `あり (${c.device.encryptionDetail})` : `なし (${c.device.encryptionDetail})`);
  field('端末ID / 署名鍵', 'Device id / key', c.deviceId ? `${c.deviceId}\n指紋 fingerprint: ${c.deviceKeyFingerprint ?? ''}` : '（データベースを開けなかったため不明）');

  section('消去方法', 'Method');
  field('区分', 'Category (NIST SP 800-88)', c.sanitization.category);
  field('方法', 'Method', c.sanitization.method);

  section('消去したもの', 'Destroyed');
  for (const d of c.destroyed) {
    field(d.label.ja, d.label.en, `${d.files} ファイル / files, ${bytesText(d.bytes)} — ${d.method === 'crypto-erase' ? '暗号消去（鍵の破棄）' : '上書き後に削除'}`);
  }

  section('検証', 'Verification');
  field('方法', 'Method', c.verification.method);
  field('対象', 'Scanned', `${c.verification.roots.join('\n')}\n${c.verification.filesScanned} ファイル, ${bytesText(c.verification.bytesScanned)}`);
  field('結果', 'Result', c.verification.result === 'pass' ? '合格：残存データは見つかりませんでした (pass)' : `不合格：${c.verification.findings} 件の残存を検出 (fail)`);

  section('記録', 'Records');
  field('削除記録', 'Deletion log', c.deletionLog.sha256 ? `${c.deletionLog.entries} 件, SHA-256 ${c.deletionLog.sha256}` : '書き出していません（データベースを開けませんでした）');
  for (const e of c.exports) field('書き出したファイル', 'Exported file', `${e.file}\nSHA-256 ${e.sha256}`);

  section('注記', 'Notes');
  for (const n of c.notes) {
    doc.font('ja').fontSize(9);
    keep(doc.heightOfString(`・${n}`, { width }) + 4);
    doc.text(`・${n}`, 52, doc.y, { width }).moveDown(0.2);
  }

  section('署名', 'Signature');
  doc.font('ja').fontSize(8).text(s.signature ? `Ed25519: ${s.signature.value}` : '署名なし：端末の署名鍵はデータベースの中にあり、データベースを開けませんでした。', { width });
  doc.end();
  return done;
}
