// The booth's calendar day is Japan's, wherever the clock of the machine is set.
// One formatter, made once: building an Intl formatter per call was the slowest part of seeding.
const JAPAN_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD in Japan, so daily numbering and figures restart at local midnight. */
export function japanDay(d: Date): string {
  return JAPAN_DATE.format(d);
}

/** The day n days after (or before) a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
