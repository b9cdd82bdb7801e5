// Venues and events, planned by the lead or the city office before the season: what the booth
// day opens for, what the run sheet prints, and what the reports group by.
import { useState, type FormEvent } from 'react';
import { Channel, Duty, type BoothEvent, type EventDuty, type MadoguchiClient, type Venue } from '../../shared/contract.js';
import { addDays, japanDay } from '../../shared/japan-day.js';
import { useT } from '../i18n.js';
import { hoursProblem, spanProblem } from '../ui/form-checks.js';
import { useAction, useFresh } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';

interface Draft {
  id?: number;
  venueId: number | null;
  name: string;
  firstDay: string;
  lastDay: string;
  opens: string;
  closes: string;
  counters: number;
  contacts: string;
}

const emptyDraft = (): Draft => {
  const day = addDays(japanDay(new Date()), 7);
  return { venueId: null, name: '', firstDay: day, lastDay: day, opens: '10:00', closes: '16:00', counters: 2, contacts: '' };
};

function VenueForm({ client, onSaved }: { client: MadoguchiClient; onSaved: (v: Venue) => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [channel, setChannel] = useState<Channel>('shoppingCentre');
  const { error, run, busy } = useAction();
  // Not a <form>: it sits inside the event's form, and forms do not nest.
  const submit = () => {
    run(
      () => client.call('season.saveVenue', { name, address, channel }),
      (v) => {
        setName('');
        setAddress('');
        onSaved(v);
      },
    );
  };
  return (
    <div className="form sub-form" data-testid="venue-form">
      <div className="inline">
        <label className="field grow">
          <span>{t('venueName')}</span>
          <input name="venueName" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoComplete="off" spellCheck={false} />
        </label>
        <label className="field">
          <span>{t('channel')}</span>
          <select name="venueChannel" value={channel} onChange={(e) => setChannel(e.target.value as Channel)}>
            {Channel.options.map((c) => (
              <option key={c} value={c}>
                {t(`channel_${c}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('address')}</span>
        <input name="venueAddress" value={address} onChange={(e) => setAddress(e.target.value)} maxLength={200} autoComplete="off" spellCheck={false} />
      </label>
      <ErrorNote error={error} />
      <button type="button" className="btn" disabled={!name.trim() || busy} onClick={submit}>
        {t('venueNew')}
      </button>
    </div>
  );
}

function DutiesEditor({ client, event, staff }: { client: MadoguchiClient; event: BoothEvent; staff: { id: number; displayName: string }[] }) {
  const t = useT();
  const [duties, setDuties] = useState<EventDuty[]>(event.duties);
  const [saved, setSaved] = useState(false);
  const { error, run, busy } = useAction();
  const has = (staffId: number, duty: Duty) => duties.some((d) => d.staffId === staffId && d.duty === duty);
  const flip = (staffId: number, duty: Duty) => {
    setSaved(false);
    setDuties(has(staffId, duty) ? duties.filter((d) => !(d.staffId === staffId && d.duty === duty)) : [...duties, { staffId, duty }]);
  };
  return (
    <div className="duties" data-testid="duties-editor">
      <table className="grid-table">
        <thead>
          <tr>
            <th scope="col">{t('staffName')}</th>
            {Duty.options.map((d) => (
              <th key={d} scope="col">
                {t(`duty_${d}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {staff.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.displayName}</th>
              {Duty.options.map((d) => (
                <td key={d}>
                  <input type="checkbox" aria-label={`${m.displayName} ${t(`duty_${d}`)}`} checked={has(m.id, d)} onChange={() => flip(m.id, d)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorNote error={error} />
      <div className="inline">
        <button type="button" className="btn" disabled={busy} onClick={() => run(() => client.call('season.setDuties', { eventId: event.id, duties }), () => setSaved(true))}>
          {t('dutiesSave')}
        </button>
        {saved ? <span className="wipe-ok">{t('saved')}</span> : null}
      </div>
    </div>
  );
}

export function EventsPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const [events] = useFresh(client, () => client.call('season.events', {}), ['season.changed']);
  const [venues] = useFresh(client, () => client.call('season.venues', {}), ['season.changed']);
  const [staff] = useFresh(client, () => client.call('staff.list', {}), ['staff.changed']);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dutiesFor, setDutiesFor] = useState<number | null>(null);
  const { error, run, busy, setError } = useAction();

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft || draft.venueId === null) return;
    const wrong =
      spanProblem(t, { label: t('firstDay'), value: draft.firstDay }, { label: t('lastDay'), value: draft.lastDay }) ??
      hoursProblem(t, { label: t('opens'), value: draft.opens }, { label: t('closes'), value: draft.closes });
    if (wrong) {
      setError(new Error(wrong));
      return;
    }
    const { venueId, ...rest } = draft;
    run(
      () => client.call('season.saveEvent', { ...rest, venueId }),
      () => setDraft(null),
    );
  };
  const edit = (e: BoothEvent) =>
    setDraft({ id: e.id, venueId: e.venue.id, name: e.name, firstDay: e.firstDay, lastDay: e.lastDay, opens: e.opens, closes: e.closes, counters: e.counters, contacts: e.contacts });
  const roster = (staff ?? []).filter((m) => m.active);

  return (
    <div className="stack">
      <Panel
        title={t('eventsTitle')}
        actions={
          draft ? null : (
            <button type="button" className="btn btn-primary" onClick={() => setDraft(emptyDraft())}>
              {t('eventNew')}
            </button>
          )
        }
      >
        {events && events.length === 0 ? <p className="muted">{t('noEvents')}</p> : null}
        {events && events.length > 0 ? (
          <table className="grid-table" data-testid="events-table">
            <thead>
              <tr>
                <th scope="col">{t('dates')}</th>
                <th scope="col">{t('eventName')}</th>
                <th scope="col">{t('venue')}</th>
                <th scope="col">{t('channel')}</th>
                <th scope="col">{t('counters')}</th>
                <th scope="col" aria-label={t('edit')} />
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">
                    {e.firstDay === e.lastDay ? e.firstDay : `${e.firstDay}〜${e.lastDay}`}
                    <div className="muted small">{t('hours').replace('{opens}', e.opens).replace('{closes}', e.closes)}</div>
                  </td>
                  <td>{e.name}</td>
                  <td>{e.venue.name}</td>
                  <td>{t(`channel_${e.venue.channel}`)}</td>
                  <td>{e.counters}</td>
                  <td className="cell-actions">
                    <button type="button" className="btn btn-small" onClick={() => edit(e)}>
                      {t('edit')}
                    </button>
                    <button type="button" className="btn btn-small" aria-expanded={dutiesFor === e.id} onClick={() => setDutiesFor(dutiesFor === e.id ? null : e.id)}>
                      {t('duties')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {dutiesFor !== null && events?.find((e) => e.id === dutiesFor) ? <DutiesEditor key={dutiesFor} client={client} event={events.find((e) => e.id === dutiesFor) as BoothEvent} staff={roster} /> : null}
      </Panel>
      {draft ? (
        <Panel title={draft.id ? t('eventEdit') : t('eventNew')}>
          <form className="form" onSubmit={submit} autoComplete="off" noValidate data-testid="event-form">
            <label className="field">
              <span>{t('eventName')}</span>
              <input name="eventName" value={draft.name} onChange={(e) => set('name', e.target.value)} placeholder={t('eventNameHint')} maxLength={80} autoComplete="off" spellCheck={false} />
            </label>
            <label className="field">
              <span>{t('venue')}</span>
              <select name="eventVenue" value={draft.venueId ?? ''} onChange={(e) => set('venueId', e.target.value ? Number(e.target.value) : null)}>
                <option value="">{t('chooseVenue')}</option>
                {(venues ?? []).map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.name}（{t(`channel_${v.channel}`)}）
                  </option>
                ))}
              </select>
            </label>
            <details className="sub-details" open={venues?.length === 0}>
              <summary>{t('venueNew')}</summary>
              <VenueForm client={client} onSaved={(v) => set('venueId', v.id)} />
            </details>
            <div className="inline">
              <label className="field">
                <span>{t('firstDay')}</span>
                <input type="date" name="firstDay" value={draft.firstDay} onChange={(e) => set('firstDay', e.target.value)} autoComplete="off" />
              </label>
              <label className="field">
                <span>{t('lastDay')}</span>
                <input type="date" name="lastDay" value={draft.lastDay} min={draft.firstDay} onChange={(e) => set('lastDay', e.target.value)} autoComplete="off" />
              </label>
              <label className="field">
                <span>{t('opens')}</span>
                <input type="time" name="opens" value={draft.opens} onChange={(e) => set('opens', e.target.value)} autoComplete="off" />
              </label>
              <label className="field">
                <span>{t('closes')}</span>
                <input type="time" name="closes" value={draft.closes} onChange={(e) => set('closes', e.target.value)} autoComplete="off" />
              </label>
              <label className="field field-narrow">
                <span>{t('counters')}</span>
                <input type="number" name="eventCounters" min={1} max={20} value={draft.counters} onChange={(e) => set('counters', Math.max(1, Math.min(20, Math.round(Number(e.target.value)) || 1)))} />
              </label>
            </div>
            <label className="field">
              <span>{t('contacts')}</span>
              <textarea name="contacts" rows={3} value={draft.contacts} onChange={(e) => set('contacts', e.target.value)} maxLength={1000} autoComplete="off" spellCheck={false} />
            </label>
            <ErrorNote error={error} />
            <div className="inline">
              <button type="submit" className="btn btn-primary" disabled={busy || !draft.name.trim() || draft.venueId === null}>
                {t('save')}
              </button>
              <button type="button" className="btn btn-quiet" onClick={() => setDraft(null)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        </Panel>
      ) : null}
    </div>
  );
}
