// The ticket-printer port: queue tickets and incentive slips as ESC/POS bytes.
import type { DeviceStatus } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import { text, type Text } from '../../../shared/text.js';
import { renderPreview } from './escpos.js';

export interface TicketPrinter {
  readonly simulated: boolean;
  status(): DeviceStatus;
  /** Sends the bytes; the simulated printer answers with the text preview. */
  print(bytes: Uint8Array): Promise<{ preview: string | null }>;
}

/** The ticket printer did not take the bytes (off, out of paper, unplugged), whichever way it is attached. */
export const TICKET_PRINTER_UNREACHABLE = text('整理券プリンターに送れませんでした。電源・用紙・ケーブルを確認してください。', 'Could not reach the ticket printer. Check power, paper and cable.');

export interface ReceiptOutcome {
  /** Printed on paper (a simulated printer prints nothing). */
  printed: boolean;
  /** What the receipt says, for the screen when it did not print. */
  preview: string;
  /** Why it did not print, when the printer failed; null otherwise. */
  problem: Text | null;
}

/**
 * Prints a receipt (ticket, slip, day summary) without letting the printer decide the outcome of
 * what it records: the caller's action stands, and the screen can show the receipt instead.
 */
export async function printReceipt(printer: TicketPrinter, bytes: Uint8Array, fallback: Text): Promise<ReceiptOutcome> {
  const preview = renderPreview(bytes);
  try {
    await printer.print(bytes);
    return { printed: !printer.simulated, preview, problem: null };
  } catch (err) {
    return { printed: false, preview, problem: err instanceof AppError ? err.body.message : fallback };
  }
}
