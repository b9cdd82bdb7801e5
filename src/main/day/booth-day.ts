// One formatter, made once: building an Intl formatter per call was the slowest part of seeding.
const JAPAN_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The booth's calendar day (Japan), so daily numbering and figures restart at local midnight. */
export function boothDay(d: Date): string {
  return JAPAN_DATE.format(d);
}
