// Japanese era years (和暦), which many older citizens know their birth year by. Era starts are
// calendar years (the first year of an era is also the last of the previous one).
export const ERAS = [
  { id: 'taisho', ja: '大正', start: 1912, end: 1926 },
  { id: 'showa', ja: '昭和', start: 1926, end: 1989 },
  { id: 'heisei', ja: '平成', start: 1989, end: 2019 },
  { id: 'reiwa', ja: '令和', start: 2019, end: 9999 },
] as const;
export type EraId = (typeof ERAS)[number]['id'] | 'western';

/** 昭和23 → 1948. */
export function westernYear(era: EraId, year: number): number {
  if (era === 'western') return year;
  const e = ERAS.find((x) => x.id === era);
  if (!e) throw new Error(`unknown era ${era}`);
  return e.start + year - 1;
}

/** The ISO date, or null when there is no such day (2月30日, 昭和70年 …). */
export function isoDate(era: EraId, year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || year < 1) return null;
  const e = ERAS.find((x) => x.id === era);
  if (e && year > e.end - e.start + 1) return null;
  const y = westernYear(era, year);
  const d = new Date(Date.UTC(y, month - 1, day));
  if (d.getUTCFullYear() !== y || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 1948-04-01 → 「昭和23年」 (the later era where a year belongs to two). */
export function eraLabel(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const e = [...ERAS].reverse().find((x) => y >= x.start);
  return e ? `${e.ja}${y - e.start + 1 === 1 ? '元' : y - e.start + 1}年` : `${y}年`;
}
