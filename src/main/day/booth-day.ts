// The booth's calendar day (Japan), so daily numbering and figures restart at local midnight.
import { japanDay } from '../../shared/japan-day.js';

export function boothDay(d: Date): string {
  return japanDay(d);
}
