// The photo printer's calibration, for the lead: print the sheet, measure it with a ruler, enter
// what is seen; every later sheet carries the correction. The current values are always shown.
import { useEffect, useState } from 'react';
import type { MadoguchiClient, PrinterCalibrationState } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote } from '../ui/parts.js';
import { dateClock } from '../ui/format.js';

const FIELDS = [
  ['rulerXMm', 'rulerX'],
  ['rulerYMm', 'rulerY'],
  ['boxLeftMm', 'boxLeft'],
  ['boxTopMm', 'boxTop'],
] as const;

/** A check print measuring this close to the design needs no further round (a ruler reads to about 0.25 mm). */
const TRUE_WITHIN_MM = 0.3;

export function CalibrationPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const [cal, setCal] = useState<PrinterCalibrationState>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [printed, setPrinted] = useState(false);
  const [saved, setSaved] = useState(false);
  const { busy, error, run, setError } = useAction();
  useEffect(() => {
    client.call('printer.calibration', {}).then(setCal, setError);
  }, [client]);
  if (!cal) return <ErrorNote error={error} />;
  const numbers = FIELDS.map(([k]) => Number(values[k]));
  const ready = numbers.every((n) => Number.isFinite(n) && n > 0);
  // When and on which paper the correction in use was measured (one set in the file has no date).
  const measuredWhen = cal.measuredAt
    ? t('calibrationMeasured').replace('{at}', dateClock(cal.measuredAt)).replace('{paper}', cal.measuredOn ?? cal.paper)
    : cal.measuredOn
      ? t('calibrationKeptItem').replace('{paper}', cal.measuredOn).replace('{at}', t('calibrationByHand'))
      : t('calibrationNever');
  const save = () =>
    run(
      () => client.call('printer.calibrate', { rulerXMm: numbers[0] ?? 0, rulerYMm: numbers[1] ?? 0, boxLeftMm: numbers[2] ?? 0, boxTopMm: numbers[3] ?? 0 }),
      (c) => {
        setCal(c);
        setValues({});
        setSaved(true);
      },
    );
  return (
    <div className="calibration" data-testid="calibration">
      <h3>{t('calibrationTitle')}</h3>
      <p>
        {t('calibrationNow')
          .replace('{printer}', cal.printer)
          .replace('{dpi}', String(cal.dpi))
          .replace('{from}', t(`dpiFrom_${cal.dpiFrom}`))
          .replace('{sx}', cal.scaleX.toFixed(4))
          .replace('{sy}', cal.scaleY.toFixed(4))
          .replace('{ox}', String(cal.offsetXMm))
          .replace('{oy}', String(cal.offsetYMm))}
        <br />
        <span className="muted small">{measuredWhen}</span>
      </p>
      <button type="button" className="btn" disabled={busy} onClick={() => run(() => client.call('printer.printCalibrationSheet', {}), () => setPrinted(true))}>
        {t('calibrationPrint')}
      </button>
      <p className="muted small">{t('calibrationPaper').replace('{paper}', cal.paper)}</p>
      {cal.sheet.leftOff > 0 ? (
        <p className="notice" data-testid="calibration-left-off">
          {t('calibrationLeftOff').replace('{paper}', cal.paper).replace('{n}', String(cal.sheet.photos)).replace('{k}', String(cal.sheet.leftOff))}
        </p>
      ) : null}
      {cal.measuredOn && cal.measuredOn !== cal.paper ? (
        <p className="notice" data-testid="calibration-other-paper">
          {t('calibrationOtherPaper').replaceAll('{was}', cal.measuredOn).replaceAll('{now}', cal.paper)}
        </p>
      ) : null}
      {/* Where the booth has used more than one paper: each keeps its own correction. */}
      {cal.measured.length > 1 ? (
        <p className="muted small" data-testid="calibration-kept">
          {t('calibrationKept').replace(
            '{list}',
            cal.measured.map((m) => t('calibrationKeptItem').replace('{paper}', m.paper).replace('{at}', m.measuredAt ? dateClock(m.measuredAt) : t('calibrationByHand'))).join(t('listSep')),
          )}
        </p>
      ) : null}
      {printed ? <p className="muted small">{t('calibrationHowTo')}</p> : null}
      <div className="calibration-fields">
        {FIELDS.map(([k, label]) => (
          <label key={k} className="field field-narrow">
            <span>{t(label).replace('{mm}', String(cal.design[k]))}</span>
            <input
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              value={values[k] ?? ''}
              onChange={(e) => {
                setSaved(false);
                setValues({ ...values, [k]: e.target.value.replace(/[^\d.]/g, '') });
              }}
            />
          </label>
        ))}
      </div>
      <button type="button" className="btn btn-primary" disabled={busy || !ready} onClick={save}>
        {t('calibrationSave')}
      </button>
      {saved && !error ? (
        <p className="wipe-ok" role="status" data-testid="calibration-saved">
          {cal.measuredOffMm !== null && cal.measuredOffMm <= TRUE_WITHIN_MM ? t('calibrationTrue').replace('{mm}', cal.measuredOffMm.toFixed(1)) : t('calibrationSaved')}
        </p>
      ) : null}
      <ErrorNote error={error} />
    </div>
  );
}
