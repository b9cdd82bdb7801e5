/** The booth's calendar day (Japan), so daily numbering and figures restart at local midnight. */
export function boothDay(d: Date): string {
  return d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
}
