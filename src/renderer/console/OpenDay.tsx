// Opening the day: event, venue, staff on duty, counters, and the hardware checklist from doctor.
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DoctorReport, MadoguchiClient } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { DoctorList, ErrorNote, Panel } from '../ui/parts.js';

export function OpenDay({ client, signedIn }: { client: MadoguchiClient; signedIn: string }) {
  const t = useT();
  const [eventName, setEventName] = useState('');
  const [venue, setVenue] = useState('');
  const [staffDraft, setStaffDraft] = useState('');
  const [staff, setStaff] = useState<string[]>([signedIn]);
  const [counters, setCounters] = useState(1);
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [checking, setChecking] = useState(false);
  const { busy, error, run, setError } = useAction();

  const check = () => {
    setChecking(true);
    client
      .call('doctor.run', {})
      .then(setReport, setError)
      .finally(() => setChecking(false));
  };
  useEffect(check, [client]);

  const addStaff = () => {
    const name = staffDraft.trim();
    if (name && !staff.includes(name)) setStaff([...staff, name]);
    setStaffDraft('');
  };
  const onStaffKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      addStaff();
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const pendingName = staffDraft.trim();
    const allStaff = pendingName && !staff.includes(pendingName) ? [...staff, pendingName] : staff;
    run(() => client.call('day.open', { eventName, venue, staff: allStaff, counters }));
  };

  const canOpen = eventName.trim() && venue.trim() && (staff.length > 0 || staffDraft.trim()) && !busy;

  return (
    <div className="columns">
      <Panel title={t('openDayTitle')}>
        <form className="form" onSubmit={submit} autoComplete="off" data-testid="open-day-form">
          <label className="field">
            <span>{t('eventName')}</span>
            <input value={eventName} onChange={(e) => setEventName(e.target.value)} placeholder={t('eventNameHint')} maxLength={80} autoComplete="off" spellCheck={false} name="eventName" />
          </label>
          <label className="field">
            <span>{t('venue')}</span>
            <input value={venue} onChange={(e) => setVenue(e.target.value)} placeholder={t('venueHint')} maxLength={80} autoComplete="off" spellCheck={false} name="venue" />
          </label>
          <div className="field">
            <span>{t('staffOnDuty')}</span>
            <div className="inline">
              <input value={staffDraft} onChange={(e) => setStaffDraft(e.target.value)} onKeyDown={onStaffKey} placeholder={t('staffHint')} maxLength={80} autoComplete="off" spellCheck={false} name="staffName" aria-label={t('staffOnDuty')} />
              <button type="button" className="btn" onClick={addStaff} disabled={!staffDraft.trim()}>
                {t('add')}
              </button>
            </div>
            <ul className="chips" data-testid="staff-chips">
              {staff.map((s) => (
                <li key={s} className="chip">
                  {s}
                  <button type="button" className="chip-x" aria-label={`${t('remove')} ${s}`} onClick={() => setStaff(staff.filter((x) => x !== s))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <label className="field field-narrow">
            <span>{t('counters')}</span>
            <input type="number" min={1} max={20} value={counters} onChange={(e) => setCounters(Math.max(1, Math.min(20, Number(e.target.value) || 1)))} name="counters" />
          </label>
          <ErrorNote error={error} />
          <button type="submit" className="btn btn-primary btn-large" disabled={!canOpen}>
            {t('openDay')}
          </button>
        </form>
      </Panel>
      <Panel
        title={t('hardwareCheck')}
        actions={
          <button type="button" className="btn" onClick={check} disabled={checking}>
            {checking ? t('checking') : t('recheck')}
          </button>
        }
      >
        {report ? <DoctorList lines={report.lines} /> : <p className="muted">{t('checking')}</p>}
      </Panel>
    </div>
  );
}
