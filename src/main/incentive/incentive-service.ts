// The city's incentive: staff enter the name in kana and the birth date, which become a keyed
// hash (HMAC-SHA256 with the season's secret) so the same person is refused a second payment —
// and, once bundles are merged, at another booth too. The name itself is never stored.
import { createHmac } from 'node:crypto';
import { seasonSecret } from './season-key.js';
import type { IncentiveDay, IncentiveResult } from '../../shared/contract.js';
import { AppError } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import { boothDay } from '../day/booth-day.js';
import { EscPos } from '../devices/ticket-printer/escpos.js';
import { printReceipt, type TicketPrinter } from '../devices/ticket-printer/ticket-printer.js';
import type { IncentiveSettings } from '../settings/settings.js';
import type { StoreKeeper } from '../store/store.js';
import type { z } from 'zod';

type Rules = z.infer<typeof IncentiveSettings>;

const KANA = /^[\u3041-\u3096\u30a1-\u30fa\u30fc\u30fb\s]+$/u;

/**
 * One spelling per name: full-width (NFKC), katakana as hiragana, no spaces or middle dots, small
 * kana as they are. 「ヤマダ ハナコ」 (with an ideographic space) and 「やまだはなこ」 are one person.
 */
export function normalizeKana(raw: string): string {
  const s = raw.normalize('NFKC').replace(/[\s\u3000\u30fb・]/gu, '');
  if (!s || !KANA.test(raw.normalize('NFKC'))) {
    throw new AppError('bad_request', text('ふりがなは、ひらがなかカタカナで入力してください。', 'Enter the name in hiragana or katakana.'));
  }
  return s.replace(/[\u30a1-\u30f6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

export function personHash(secret: Buffer, nameKana: string, birthDate: string): string {
  return createHmac('sha256', secret).update(`${normalizeKana(nameKana)}\u0000${birthDate}`).digest('hex');
}

export class IncentiveService {
  constructor(
    private readonly d: { store: StoreKeeper; printer: TicketPrinter; now: () => Date; rules: () => Rules; eventId: () => number | null },
  ) {}

  private secret(): Buffer {
    return seasonSecret(this.d.store);
  }

  eligible(applicationDate: string): boolean {
    const r = this.d.rules();
    return applicationDate >= r.applicationFrom && applicationDate <= r.applicationTo;
  }

  async pay(input: { nameKana: string; birthDate: string; applicationDate: string }, staffId: number, visitId: string | null): Promise<IncentiveResult> {
    const r = this.d.rules();
    if (!this.eligible(input.applicationDate)) {
      throw new AppError(
        'conflict',
        text(`対象外です：カードの申請日が ${r.applicationFrom}〜${r.applicationTo} ではありません。`, `Not eligible: the card application date is not within ${r.applicationFrom} – ${r.applicationTo}.`),
      );
    }
    const person = personHash(this.secret(), input.nameKana, input.birthDate);
    const now = this.d.now();
    const paid = this.d.store.get().db.transaction(() => {
      // Payments at other booths arrive with their bundles (with the season's shared secret).
      const sum = (
        this.d.store.prepare('SELECT (SELECT coalesce(sum(amount_yen), 0) FROM incentives WHERE person = @p) + (SELECT coalesce(sum(amount_yen), 0) FROM imported_incentives WHERE person = @p) AS yen').get({ p: person }) as { yen: number }
      ).yen;
      const amount = Math.min(r.amountYen, r.capPerPersonYen - sum);
      if (amount <= 0) return null;
      this.d.store.prepare('INSERT INTO incentives (person, amount_yen, day, paid_at, staff_id, visit_id, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(person, amount, boothDay(now), now.toISOString(), staffId, visitId, this.d.eventId());
      return amount;
    })();
    if (paid === null) {
      throw new AppError('conflict', text('この方には、すでに特典をお渡ししています。', 'This person has already received the incentive.'));
    }
    const slip = new EscPos()
      .align('center')
      .bold(true)
      .line('マイナンバーカード申請 特典 受領票')
      .bold(false)
      .rule()
      .size(2, 2)
      .line(`${paid.toLocaleString('ja-JP')} 円`)
      .size(1, 1)
      .line(now.toLocaleString('ja-JP', { dateStyle: 'medium', timeStyle: 'short' }))
      .line('大切に保管してください。')
      .rule()
      .feed(3)
      .cut()
      .bytes();
    // The payment stands whether or not the slip prints; the console says which.
    const { printed } = await printReceipt(this.d.printer, slip, text('受領票を印刷できませんでした。', 'The slip could not be printed.'));
    return { amountYen: paid, printed, day: this.today() };
  }

  /** Today's payments: how many and how much (no one's details). */
  today(): IncentiveDay {
    const day = boothDay(this.d.now());
    const t = this.d.store.prepare('SELECT count(*) AS count, coalesce(sum(amount_yen), 0) AS yen FROM incentives WHERE day = ?').get(day) as { count: number; yen: number };
    return { day, count: t.count, totalYen: t.yen };
  }
}
