// The 申請書ID: 23 half-width digits on the application form and in its QR code. It is not the
// 12-digit individual number, which the booth never reads or records. The QR's exact payload is
// unconfirmed (spec/photo.md): a URL carrying a 23-digit ID, or the bare 23 digits, is accepted;
// anything else is refused with a message that says why. Nothing here logs or keeps the input.
import { text, type Text } from './text.js';

export const APPLICATION_ID_DIGITS = 23;
/** Longer input is not a form's QR code (or a scanner gone wrong). */
export const MAX_SCAN_LENGTH = 2048;

export type ApplicationIdReason = 'empty' | 'tooLong' | 'control' | 'individualNumber' | 'length' | 'notDigits' | 'noId' | 'severalIds' | 'notHttps';

export type ParsedApplicationId =
  | { ok: true; id: string; /** The QR's own https URL, when it was one. */ url: string | null }
  | { ok: false; reason: ApplicationIdReason; message: Text };

const MESSAGES: Record<ApplicationIdReason, Text> = {
  empty: text('申請書IDが読み取れませんでした。もう一度読み取ってください。', 'No application ID was read. Scan again.'),
  tooLong: text('読み取った内容が長すぎます。申請書のQRコードを読み取ってください。', 'What was read is too long. Scan the QR code on the application form.'),
  control: text('読み取った内容に使えない文字が含まれています。もう一度読み取ってください。', 'What was read holds characters that cannot be used. Scan again.'),
  individualNumber: text(
    'これは12桁の個人番号のようです。個人番号は読み取り・記録しません。申請書IDは申請書に印刷された23桁の番号です。',
    'This looks like a 12-digit individual number, which the booth never reads or records. The application ID is the 23-digit number printed on the form.',
  ),
  length: text('申請書IDは23桁の数字です。桁数が違います。', 'The application ID has 23 digits; this has a different number.'),
  notDigits: text('申請書IDは数字だけです。', 'The application ID is digits only.'),
  noId: text('このQRコードには申請書IDがありません。申請書のQRコードを読み取ってください。', 'This QR code holds no application ID. Scan the QR code on the application form.'),
  severalIds: text('23桁の番号が複数あります。申請書のQRコードだけを読み取ってください。', 'More than one 23-digit number was found. Scan only the form’s QR code.'),
  notHttps: text('このQRコードのアドレスは安全な接続（https）ではありません。', 'This QR code’s address is not a secure (https) one.'),
};

const fail = (reason: ApplicationIdReason): ParsedApplicationId => ({ ok: false, reason, message: MESSAGES[reason] });

/** Full-width digits and spaces as half-width (scanners and IMEs send both). */
function halfWidth(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export function parseApplicationId(raw: string): ParsedApplicationId {
  if (raw.length > MAX_SCAN_LENGTH) return fail('tooLong');
  const s = halfWidth(raw).trim();
  if (s === '') return fail('empty');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s)) return fail('control');
  if (/^[a-z][a-z0-9+.-]*:/i.test(s)) {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      return fail('noId');
    }
    const runs = new Set([...`${url.pathname}?${url.search}#${url.hash}`.matchAll(/(?<!\d)\d{23}(?!\d)/g)].map((m) => m[0]));
    if (runs.size === 0) return fail('noId');
    if (runs.size > 1) return fail('severalIds');
    if (url.protocol !== 'https:') return fail('notHttps');
    return { ok: true, id: [...runs][0] as string, url: url.toString() };
  }
  const digits = s.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return fail('notDigits');
  if (digits.length === 12) return fail('individualNumber');
  if (digits.length !== APPLICATION_ID_DIGITS) return fail('length');
  return { ok: true, id: digits, url: null };
}

/** What staff see of an ID: its last four digits only. */
export function maskApplicationId(id: string): string {
  return `${'•'.repeat(Math.max(0, id.length - 4))}${id.slice(-4)}`;
}
