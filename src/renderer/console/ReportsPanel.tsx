// Reports and planning for the lead and the city office: write the weekly or final report, review
// the opinions that go into it (masked before they are reported), and see where the next
// staff-hours would raise applications most.
import { useEffect, useState, type FormEvent } from 'react';
import type { MadeReport, MadoguchiClient, PlanView, ReportOpinion } from '../../shared/contract.js';
import { addDays } from '../../shared/japan-day.js';
import { useT } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { spanProblem } from '../ui/form-checks.js';
import { ErrorNote, Panel, Toggles } from '../ui/parts.js';
import { BundlesPanel, IssuancePanel } from './SeasonDataPanels.js';

function OpinionItem({ client, opinion, onChanged }: { client: MadoguchiClient; opinion: ReportOpinion; onChanged: (o: ReportOpinion) => void }) {
  const t = useT();
  const [draft, setDraft] = useState(opinion.confirmed ?? opinion.suggestion);
  const { error, run, busy } = useAction();
  const status = opinion.excluded ? t('opinionExcluded') : opinion.confirmed !== null ? t('opinionConfirmed') : t('opinionPending');
  const tone = opinion.excluded ? 'pill-busy' : opinion.confirmed !== null ? 'pill-ready' : 'pill-offline';
  const send = (exclude: boolean) => run(() => client.call('report.confirmOpinion', { source: opinion.source, id: opinion.id, text: exclude ? '' : draft, exclude }), onChanged);
  return (
    <li className="opinion" data-testid="opinion">
      <div className="opinion-head">
        <span className={`pill ${tone}`}>{status}</span>
        <span className="muted small">
          {opinion.day} · {opinion.venue} · {t(`kind_${opinion.kind}`)}
        </span>
      </div>
      <div className="muted small">
        {t('opinionOriginal')}: {opinion.original}
      </div>
      <label className="field">
        <span className="small">{t('opinionReport')}</span>
        <textarea rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={2000} autoComplete="off" spellCheck={false} name={`opinion-${opinion.source}-${opinion.id}`} />
      </label>
      <ErrorNote error={error} />
      <div className="inline">
        <button type="button" className="btn btn-small" disabled={busy || !draft.trim()} onClick={() => send(false)}>
          {t('opinionConfirm')}
        </button>
        <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => send(true)}>
          {t('opinionExclude')}
        </button>
      </div>
    </li>
  );
}

function Bar({ value, max, label }: { value: number; max: number; label: string }) {
  return (
    <div className="bar-row">
      <span className="bar-label">{label}</span>
      <span className="bar-track">
        <span className="bar-fill" style={{ width: `${max > 0 ? Math.max(1, (value / max) * 100) : 0}%` }} />
      </span>
      <span className="bar-value">{value}</span>
    </div>
  );
}

export function ReportsPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const [kind, setKind] = useState<'weekly' | 'final'>('weekly');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [outDir, setOutDir] = useState('');
  const [made, setMade] = useState<MadeReport | null>(null);
  const [items, setItems] = useState<ReportOpinion[] | null>(null);
  const [hours, setHours] = useState(100);
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [hasData, setHasData] = useState<boolean | null>(null);
  const make = useAction();
  const load = useAction();
  const planning = useAction();

  useEffect(() => {
    client.call('report.span', {}).then(
      (span) => {
        setHasData(span !== null);
        if (span) {
          setTo(span.to);
          setFrom(addDays(span.to, -6) < span.from ? span.from : addDays(span.to, -6));
        }
      },
      () => setHasData(false),
    );
  }, [client]);
  useEffect(() => {
    if (!from || !to || from > to) return;
    load.run(() => client.call('report.opinions', { from, to }), setItems);
  }, [client, from, to]); // reload when the period changes

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMade(null);
    // A weekly report is for the days shown: a day cleared must not quietly become the latest week.
    const wrong = kind === 'weekly' ? spanProblem(t, { label: t('reportFrom'), value: from }, { label: t('reportTo'), value: to }) : null;
    if (wrong) {
      make.setError(new Error(wrong));
      return;
    }
    make.run(() => client.call('report.make', { kind, ...(kind === 'weekly' ? { period: { from, to } } : {}), ...(outDir.trim() ? { outDir: outDir.trim() } : {}) }), setMade);
  };
  const calc = () => planning.run(() => client.call('plan.get', { hours }), setPlan);
  const maxRate = Math.max(0, ...(plan?.channels.map((c) => c.perStaffHour) ?? []));

  return (
    <div className="stack">
      <div className="columns">
        <Panel title={t('reportMakeTitle')}>
          {hasData === false ? <p className="muted">{t('noData')}</p> : null}
          <form className="form" onSubmit={submit} autoComplete="off" noValidate data-testid="report-form">
            <Toggles
              label={t('reportMakeTitle')}
              value={kind}
              onChoose={setKind}
              options={[
                { value: 'weekly', content: t('reportWeekly') },
                { value: 'final', content: t('reportFinal') },
              ]}
            />
            <div className="inline">
              <label className="field">
                <span>{t('reportFrom')}</span>
                <input type="date" name="reportFrom" value={from} onChange={(e) => setFrom(e.target.value)} autoComplete="off" />
              </label>
              <label className="field">
                <span>{t('reportTo')}</span>
                <input type="date" name="reportTo" value={to} min={from} onChange={(e) => setTo(e.target.value)} autoComplete="off" />
              </label>
            </div>
            <label className="field">
              <span>{t('reportOutDir')}</span>
              <input name="reportOutDir" value={outDir} onChange={(e) => setOutDir(e.target.value)} placeholder="/media/usb/報告書" autoComplete="off" spellCheck={false} />
            </label>
            <ErrorNote error={make.error} />
            <button type="submit" className="btn btn-primary" disabled={make.busy || hasData !== true}>
              {t('reportMake')}
            </button>
            {made ? (
              <div className="wipe-ok" data-testid="report-made">
                <div>{t('reportMade').replace('{visits}', String(made.visits)).replace('{applicants}', String(made.applicants))}</div>
                <ul className="file-list">
                  {Object.values(made.files).map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
                {made.unreviewedOpinions > 0 ? <div className="hint-warn">{t('reportUnreviewed').replace('{n}', String(made.unreviewedOpinions))}</div> : null}
              </div>
            ) : null}
          </form>
        </Panel>
        <Panel title={t('planTitle')}>
          <div className="form" data-testid="plan">
            <div className="inline">
              <label className="field field-narrow">
                <span>{t('planHours')}</span>
                <input type="number" name="planHours" min={1} max={10000} value={hours} onChange={(e) => setHours(Math.max(1, Math.min(10000, Math.round(Number(e.target.value) || 1))))} />
              </label>
              <button type="button" className="btn" onClick={calc} disabled={planning.busy || hasData !== true}>
                {t('planShow')}
              </button>
            </div>
            <ErrorNote error={planning.error} />
            {plan ? (
              <>
                <h3 className="queue-subtitle">{t('planEfficiency')}</h3>
                {plan.channels.map((c) => (
                  <Bar key={c.channel} label={`${t(`channel_${c.channel}`)}（${t('olderShare')} ${Math.round(c.olderShare * 100)}%）${c.enough ? '' : ` — ${t('planTooLittle')}`}`} value={c.perStaffHour} max={maxRate} />
                ))}
                <p className="muted small">{t('planWeek').replace('{wd}', plan.weekday.perStaffHour.toFixed(2)).replace('{we}', plan.weekend.perStaffHour.toFixed(2))}</p>
                {plan.byHour.length > 0 ? (
                  <>
                    <h3 className="queue-subtitle">{t('planByHour')}</h3>
                    {plan.byHour.map((h) => (
                      <Bar key={h.hour} label={`${Number(h.hour)}${t('hourSuffix')}`} value={h.perDay} max={Math.max(...plan.byHour.map((x) => x.perDay))} />
                    ))}
                  </>
                ) : null}
                <h3 className="queue-subtitle">{t('planAllocation')}</h3>
                <table className="grid-table" data-testid="plan-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('channel')}</th>
                      <th scope="col">{t('hoursShort')}</th>
                      <th scope="col">{t('applicantsShort')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.allocation.map((a) => (
                      <tr key={a.channel}>
                        <td>{t(`channel_${a.channel}`)}</td>
                        <td>{a.hours}</td>
                        <td>{a.applications}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="notice">{t('planGain').replace('{n}', String(Math.round(plan.gained)))}</p>
                <p className="small">
                  {plan.issuance
                    ? t('planRate')
                        .replace('{asOf}', plan.issuance.asOf)
                        .replace('{now}', (plan.issuance.rateNow * 100).toFixed(1))
                        .replace('{then}', (plan.issuance.rateProjected * 100).toFixed(1))
                    : t('planNoIssuance')}
                </p>
                <ul className="muted small assumptions">
                  {plan.assumptions.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        </Panel>
      </div>
      <div className="columns">
        <IssuancePanel client={client} onImported={() => plan && calc()} />
        <BundlesPanel client={client} onImported={() => plan && calc()} />
      </div>
      <Panel title={t('opinionsTitle')}>
        <ErrorNote error={load.error} />
        {items && items.length === 0 ? <p className="muted">{t('noOpinions')}</p> : null}
        <ul className="opinions" data-testid="opinions">
          {(items ?? []).map((o) => (
            <OpinionItem key={`${o.source}-${o.id}`} client={client} opinion={o} onChanged={(n) => setItems((list) => (list ?? []).map((x) => (x.source === n.source && x.id === n.id ? n : x)))} />
          ))}
        </ul>
      </Panel>
    </div>
  );
}
