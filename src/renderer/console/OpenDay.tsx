// Opening the day: one of today's events, the staff on duty from the roster (trained ones only),
// the counters, and the hardware checklist from doctor.
import { useEffect, useState, type FormEvent } from 'react';
import type { BoothEvent, ConsoleSession, DoctorReport, MadoguchiClient, StaffMember } from '../../shared/contract.js';
import { japanDay } from '../../shared/japan-day.js';
import { useT } from '../i18n.js';
import { useAction, useFresh } from '../ui/hooks.js';
import { DoctorList, ErrorNote, Panel } from '../ui/parts.js';

export function OpenDay({ client, session, onGoEvents }: { client: MadoguchiClient; session: ConsoleSession; onGoEvents: (() => void) | null }) {
  const t = useT();
  const [events] = useFresh(client, () => client.call('season.events', {}), ['season.changed']);
  const [staff] = useFresh(client, () => client.call('staff.list', {}), ['staff.changed']);
  const [eventId, setEventId] = useState<number | null>(null);
  const [onDuty, setOnDuty] = useState<number[]>([]);
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

  const today = japanDay(new Date());
  const todays = (events ?? []).filter((e) => e.firstDay <= today && today <= e.lastDay);
  const chosen: BoothEvent | undefined = todays.find((e) => e.id === eventId) ?? (todays.length === 1 ? todays[0] : undefined);
  useEffect(() => {
    if (chosen) setCounters(chosen.counters);
  }, [chosen?.id, chosen?.counters]);

  const me = session.member;
  const selfMissing = me.trainingMissing;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    run(() => client.call('day.open', { eventId: chosen.id, staffIds: onDuty.filter((id) => id !== me.id), counters }));
  };
  const toggle = (m: StaffMember) => setOnDuty((ids) => (ids.includes(m.id) ? ids.filter((x) => x !== m.id) : [...ids, m.id]));
  const topicList = (m: StaffMember) => m.trainingMissing.map((x) => t(`topic_${x}`)).join(t('listSep'));

  return (
    <div className="columns">
      <Panel title={t('openDayTitle')}>
        <form className="form" onSubmit={submit} autoComplete="off" data-testid="open-day-form">
          {selfMissing.length > 0 ? <p className="hint-warn">{t('trainingMissingYou').replace('{topics}', topicList(me))}</p> : null}
          <fieldset className="field plain-fieldset">
            <legend className="label">{t('todaysEvents')}</legend>
            {!events ? <p className="muted">{t('checking')}</p> : null}
            {events && todays.length === 0 ? (
              <div className="notice-block">
                <p className="notice">{onGoEvents ? t('noEventToday') : t('noEventTodayStaff')}</p>
                {onGoEvents ? (
                  <button type="button" className="btn" onClick={onGoEvents}>
                    {t('goEvents')}
                  </button>
                ) : null}
              </div>
            ) : (
              <div className="event-pick" role="radiogroup" aria-label={t('todaysEvents')}>
                {todays.map((e) => (
                  <button key={e.id} type="button" role="radio" aria-checked={chosen?.id === e.id} className={chosen?.id === e.id ? 'event-pick-item event-pick-on' : 'event-pick-item'} onClick={() => setEventId(e.id)}>
                    <span className="event-pick-name">{e.name}</span>
                    <span className="event-pick-venue">
                      {e.venue.name} · {t(`channel_${e.venue.channel}`)}
                    </span>
                    <span className="event-pick-hours">{t('hours').replace('{opens}', e.opens).replace('{closes}', e.closes)}</span>
                  </button>
                ))}
              </div>
            )}
          </fieldset>
          <fieldset className="field plain-fieldset">
            <legend className="label">{t('staffOnDuty')}</legend>
            <ul className="duty-list" data-testid="staff-on-duty">
              {(staff ?? [])
                .filter((m) => m.active && m.role !== 'office')
                .map((m) => {
                  const self = m.id === me.id;
                  const blocked = m.trainingMissing.length > 0;
                  return (
                    <li key={m.id}>
                      <label className={blocked ? 'duty-item duty-blocked' : 'duty-item'}>
                        <input type="checkbox" checked={self || onDuty.includes(m.id)} disabled={self || blocked} onChange={() => toggle(m)} name={`onDuty-${m.id}`} />
                        <span>
                          {m.displayName} {self ? <span className="muted small">{t('youAreOnDuty')}</span> : null}
                          {blocked ? <span className="pill pill-offline">{t('untrained')}: {topicList(m)}</span> : null}
                        </span>
                      </label>
                    </li>
                  );
                })}
            </ul>
          </fieldset>
          <label className="field field-narrow">
            <span>{t('counters')}</span>
            <input type="number" min={1} max={20} value={counters} onChange={(e) => setCounters(Math.max(1, Math.min(20, Math.round(Number(e.target.value)) || 1)))} name="counters" />
          </label>
          <ErrorNote error={error} />
          <button type="submit" className="btn btn-primary btn-large" disabled={!chosen || busy || selfMissing.length > 0}>
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
