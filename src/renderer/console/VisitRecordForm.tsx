// Recording a visit in a few clicks: the services given (keys 1–7), how many applied and their age
// bands, and the outcome. Nothing that identifies the person.
import { useEffect, useState } from 'react';
import { AGE_BANDS, type AgeBand, type Outcome, type Service, type VisitRecord } from '../../shared/contract.js';
import { useT } from '../i18n.js';

const SERVICES: Service[] = ['formHelp', 'photo', 'envelope', 'onlineHelp', 'mynaPoint', 'vaccineCert', 'inquiry'];
const OUTCOMES: Outcome[] = ['paper', 'online', 'both', 'none'];

/** A shortcut waits this long for the next key: longer than a scanner's gap, shorter than a person notices. */
const SHORTCUT_QUIET_MS = 60;

export function VisitRecordForm({ initial, busy, onSave, onSaveAndEnd }: { initial: VisitRecord | null; busy: boolean; onSave: (r: VisitRecord) => void; onSaveAndEnd: (r: VisitRecord) => void }) {
  const t = useT();
  const [services, setServices] = useState<Service[]>(initial?.services ?? []);
  const [applicants, setApplicants] = useState(initial?.applicants ?? 1);
  const [bands, setBands] = useState<(AgeBand | '')[]>(initial?.ageBands ?? ['']);
  const [outcome, setOutcome] = useState<Outcome>(initial?.outcome ?? 'paper');

  const toggle = (s: Service) => setServices((cur) => (cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s]));
  const setCount = (n: number) => {
    const c = Math.max(0, Math.min(10, n));
    setApplicants(c);
    setBands((b) => Array.from({ length: c }, (_, i) => b[i] ?? ''));
    if (c === 0) setOutcome('none');
    else if (outcome === 'none') setOutcome('paper');
  };

  // Number keys toggle services, unless someone is typing in a field. A key acts after a short
  // quiet moment: the QR scanner types digits in a fast burst, which must not toggle anything.
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | null = null;
    const onKey = (e: KeyboardEvent) => {
      if (pending) {
        clearTimeout(pending);
        pending = null;
      }
      if (e.defaultPrevented || e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.ctrlKey || e.altKey || e.metaKey) return;
      const i = Number(e.key) - 1;
      const s = SERVICES[i];
      if (s && Number.isInteger(i)) {
        e.preventDefault();
        pending = setTimeout(() => {
          pending = null;
          toggle(s);
        }, SHORTCUT_QUIET_MS);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      if (pending) clearTimeout(pending);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  const record = (): VisitRecord => ({ services, applicants, ageBands: bands.filter((b): b is AgeBand => b !== ''), outcome: applicants === 0 ? 'none' : outcome });

  return (
    <div className="record" data-testid="visit-record">
      <fieldset className="toggles">
        <legend>{t('servicesGiven')}</legend>
        {SERVICES.map((s, i) => (
          <button key={s} type="button" className={`toggle${services.includes(s) ? ' on' : ''}`} aria-pressed={services.includes(s)} onClick={() => toggle(s)}>
            <kbd>{i + 1}</kbd> {t(`svc_${s}`)}
          </button>
        ))}
      </fieldset>
      <div className="inline">
        <span className="label">{t('applicants')}</span>
        <button type="button" className="btn btn-small" onClick={() => setCount(applicants - 1)} aria-label={`${t('applicants')} −1`}>
          −
        </button>
        <span className="count" data-testid="applicants">
          {applicants}
        </span>
        <button type="button" className="btn btn-small" onClick={() => setCount(applicants + 1)} aria-label={`${t('applicants')} +1`}>
          ＋
        </button>
      </div>
      {applicants > 0 ? (
        <div className="inline bands">
          {bands.map((b, i) => (
            <label key={i} className="small">
              {t('ageBand')} {i + 1}
              <select value={b} name={`ageBand${i}`} onChange={(e) => setBands((cur) => cur.map((x, j) => (j === i ? (e.target.value as AgeBand | '') : x)))}>
                <option value="">{t('ageUnknown')}</option>
                {AGE_BANDS.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      ) : null}
      <fieldset className="toggles" role="radiogroup">
        <legend>{t('outcome')}</legend>
        {OUTCOMES.filter((o) => (applicants === 0 ? o === 'none' : o !== 'none')).map((o) => (
          <button key={o} type="button" role="radio" aria-checked={outcome === o || (applicants === 0 && o === 'none')} className={`toggle${outcome === o || applicants === 0 ? ' on' : ''}`} onClick={() => setOutcome(o)}>
            {t(`out_${o}`)}
          </button>
        ))}
      </fieldset>
      <div className="inline">
        <button type="button" className="btn" disabled={busy} onClick={() => onSave(record())}>
          {t('saveRecord')}
        </button>
        <button type="button" className="btn btn-primary btn-large" disabled={busy} onClick={() => onSaveAndEnd(record())}>
          {t('saveAndEnd')}
        </button>
      </div>
    </div>
  );
}
