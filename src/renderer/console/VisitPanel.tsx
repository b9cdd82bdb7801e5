// The visit, as far as the data rules go: start it, and end it with a session wipe whose result
// staff can see. (What is recorded about the visit arrives with the flow issue.)
import { useEffect, useState } from 'react';
import type { MadoguchiClient, SessionWipeSummary, VisitRecord, VisitState } from '../../shared/contract.js';
import { useT, useTx } from '../i18n.js';
import { ClientError } from '../client/client.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';
import { VisitRecordForm } from './VisitRecordForm.js';
import { PhotoPanel } from './PhotoPanel.js';
import { OnlinePanel } from './OnlinePanel.js';
import { GuidePanel } from './GuidePanel.js';
import { clock } from '../ui/format.js';

export function VisitPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const tx = useTx();
  const [state, setState] = useState<VisitState>();
  const [wiped, setWiped] = useState<SessionWipeSummary | null>(null);
  const { busy, error, run, setError } = useAction();

  useEffect(() => {
    client.call('visit.get', {}).then(setState, setError);
    return client.on('visit.changed', setState);
  }, [client]);

  // A new visit takes the number now being served, when there is one.
  const [serving, setServing] = useState<number | null>(null);
  useEffect(() => client.on('queue.changed', (q) => setServing(q.nowServing)), [client]);
  useEffect(() => {
    client.call('queue.get', {}).then((q) => setServing(q.nowServing), () => {});
  }, [client]);

  const start = () => run(() => client.call('visit.start', serving ? { ticketNumber: serving } : {}), () => setWiped(null));
  const end = () => run(() => client.call('visit.end', {}), setWiped);
  // The sheet is still printing: ending now would cancel it, so staff choose.
  const printingAtEnd = error instanceof ClientError && (error.body.issues ?? []).some((i) => i.path === 'cancelPrint');
  const cancelAndEnd = () => run(() => client.call('visit.end', { cancelPrint: true }), setWiped);
  const save = (r: VisitRecord) => run(() => client.call('visit.record', r), setState);
  const saveAndEnd = (r: VisitRecord) => run(() => client.call('visit.record', r).then(() => client.call('visit.end', {})), setWiped);
  const recheck = () => run(() => client.call('visit.recheckCamera', {}), setState);

  if (!state) return null;
  return (
    <>
    <Panel title={t('visitTitle')}>
      <div className="visit" data-testid="visit-panel">
        {state.blocked ? (
          <div className="inline">
            <p className="hint-warn">{t('visitBlocked')}</p>
            <button type="button" className="btn" onClick={recheck} disabled={busy}>
              {t('recheckCamera')}
            </button>
          </div>
        ) : null}
        {state.visit ? (
          <>
            <p className="visit-open">
              {t('visitOpenSince').replace('{time}', clock(state.visit.startedAt))}
              {state.visit.ticketNumber ? <span className="muted"> · {t('ticketNo').replace('{n}', String(state.visit.ticketNumber))}</span> : null}
            </p>
            <VisitRecordForm key={state.visit.id} initial={state.record} busy={busy} onSave={save} onSaveAndEnd={saveAndEnd} />
            {state.record ? <p className="muted small">{t('recorded')}</p> : null}
            <button type="button" className="btn btn-quiet" onClick={end} disabled={busy}>
              {t('visitEnd')}
            </button>
          </>
        ) : (
          <>
            <p className="muted">{t('visitNone')}</p>
            <button type="button" className="btn btn-primary btn-large" onClick={start} disabled={busy || state.blocked}>
              {t('visitStart')}
            </button>
          </>
        )}
        {wiped ? (
          <p className={wiped.problems.length ? 'hint-warn' : 'wipe-ok'} role="status" data-testid="wipe-summary">
            {t('visitWiped')
              .replace('{photos}', String(wiped.photos))
              .replace('{temp}', String(wiped.tempFiles))
              .replace('{camera}', String(wiped.cameraFiles))
              .replace('{jobs}', String(wiped.printJobs))
              .replace('{ms}', String(wiped.ms))}
            {wiped.printJobsKept > 0 ? (
              <>
                <br />
                <span data-testid="wipe-spool-kept">{t('visitSpoolKept').replace('{kept}', String(wiped.printJobsKept))}</span>
              </>
            ) : null}
          </p>
        ) : null}
        {printingAtEnd ? (
          <div className="notice notice-block" role="alert" data-testid="end-while-printing">
            <span>{tx(error.body.message)}</span>
            <div className="inline">
              <button type="button" className="btn btn-primary" onClick={() => setError(null)} disabled={busy}>
                {t('endWaitPrint')}
              </button>
              <button type="button" className="btn btn-quiet" onClick={cancelAndEnd} disabled={busy}>
                {t('endCancelPrint')}
              </button>
            </div>
          </div>
        ) : (
          <ErrorNote error={error} />
        )}
      </div>
    </Panel>
    {state.visit ? <PhotoPanel key={state.visit.id} client={client} /> : null}
    {state.visit ? <OnlinePanel key={`online-${state.visit.id}`} client={client} /> : null}
    {state.visit ? <GuidePanel key={`guide-${state.visit.id}`} client={client} /> : null}
    </>
  );
}
