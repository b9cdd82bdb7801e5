// Birth date by era, year, month and day (和暦 or 西暦), as people say it: 「昭和23年4月1日」.
// Shows the date in both calendars so staff can read it back to the citizen.
import { useEffect, useState } from 'react';
import { ERAS, eraLabel, isoDate, type EraId } from '../../shared/wareki.js';
import { useT } from '../i18n.js';

export function BirthDateField({ value, onChange }: { value: string; onChange: (iso: string) => void }) {
  const t = useT();
  const [era, setEra] = useState<EraId>('showa');
  const [year, setYear] = useState('');
  const [month, setMonth] = useState('');
  const [day, setDay] = useState('');
  const iso = year && month && day ? isoDate(era, Number(year), Number(month), Number(day)) : null;
  useEffect(() => onChange(iso ?? ''), [iso, onChange]);
  // Cleared by the parent (after a payment): clear the parts too.
  useEffect(() => {
    if (value === '' && iso) {
      setYear('');
      setMonth('');
      setDay('');
    }
  }, [value]);
  const e = ERAS.find((x) => x.id === era);
  const years = e ? e.end - e.start + 1 : 120;
  return (
    <fieldset className="birth-date">
      <legend>{t('birthDate')}</legend>
      <select name="birthEra" value={era} onChange={(ev) => setEra(ev.target.value as EraId)} aria-label={t('era')}>
        {ERAS.map((x) => (
          <option key={x.id} value={x.id}>
            {x.ja}
          </option>
        ))}
        <option value="western">{t('western')}</option>
      </select>
      <select name="birthYear" value={year} onChange={(ev) => setYear(ev.target.value)} aria-label={t('year')}>
        <option value="">—</option>
        {Array.from({ length: years }, (_, i) => (era === 'western' ? 2026 - i : i + 1)).map((y) => (
          <option key={y} value={y}>
            {era !== 'western' && y === 1 ? '元' : y}
          </option>
        ))}
      </select>
      <span>{t('yearUnit')}</span>
      <select name="birthMonth" value={month} onChange={(ev) => setMonth(ev.target.value)} aria-label={t('month')}>
        <option value="">—</option>
        {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <span>{t('monthUnit')}</span>
      <select name="birthDay" value={day} onChange={(ev) => setDay(ev.target.value)} aria-label={t('day')}>
        <option value="">—</option>
        {Array.from({ length: 31 }, (_, i) => i + 1).map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
      <span>{t('dayUnit')}</span>
      {iso ? (
        <span className="birth-date-read" data-testid="birth-date-read">
          = {iso.slice(0, 4)}年{Number(iso.slice(5, 7))}月{Number(iso.slice(8))}日（{eraLabel(iso)}）
        </span>
      ) : year && month && day ? (
        <span className="hint-warn">{t('noSuchDate')}</span>
      ) : null}
    </fieldset>
  );
}
