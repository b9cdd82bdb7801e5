// The ticket-printer port: queue tickets and incentive slips as ESC/POS bytes.
import type { DeviceStatus } from '../../../shared/contract.js';

export interface TicketPrinter {
  readonly simulated: boolean;
  status(): DeviceStatus;
  /** Sends the bytes; the simulated printer answers with the text preview. */
  print(bytes: Uint8Array): Promise<{ preview: string | null }>;
}
