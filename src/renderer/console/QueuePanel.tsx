// The queue at the console: issue tickets (F2), call the next number to this counter (F3), call
// again (F4), mark someone absent. When the ticket printer is missing or fails, the number is
// shown large so staff can tell the visitor.
import { useEffect, useState } from 'react';
import type { IssuedTicket, MadoguchiClient, QueueState } from '../../shared/contract.js';
import { useT, useTx } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';
import { clock } from '../ui/format.js';

export function QueuePanel({ client, counters }: { client: MadoguchiClient; counters: number }) {
  const t = useT();
  const tx = useTx();
  const [queue, setQueue] = useState<QueueState>();
  const [issued, setIssued] = useState<IssuedTicket | null>(null);
  const [counter, setCounter] = useState(1);
  const { busy, error, run, setError } = useAction();

  useEffect(() => {
    client.call('queue.get', {}).then(setQueue, setError);
    return client.on('queue.changed', setQueue);
  }, [client, setError]);

  const issue = () => run(() => client.call('queue.issue', {}), setIssued);
  const callNext = () => run(() => client.call('queue.callNext', { counter }), setQueue);
  const recall = () => run(() => client.call('queue.recall', { counter }), setQueue);
  const skip = (n: number) => run(() => client.call('queue.skip', { number: n }), setQueue);

  // Keyboard shortcuts, so a visit can be handled without the mouse.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') issue();
      else if (e.key === 'F3') callNext();
      else if (e.key === 'F4') recall();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!queue) return null;
  const mine = queue.serving.find((s) => s.counter === counter);
  return (
    <Panel
      title={t('queueTitle')}
      actions={
        counters > 1 ? (
          <label className="inline small">
            {t('counter')}
            <select value={counter} onChange={(e) => setCounter(Number(e.target.value))} name="counter">
              {Array.from({ length: counters }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </select>
          </label>
        ) : null
      }
    >
      <div className="queue" data-testid="queue-panel">
        <div className="inline">
          <button type="button" className="btn btn-primary btn-large" onClick={issue} disabled={busy}>
            {t('issueTicket')} <kbd>F2</kbd>
          </button>
          <button type="button" className="btn btn-large" onClick={callNext} disabled={busy || queue.waiting.length === 0}>
            {t('callNext')} <kbd>F3</kbd>
          </button>
          <button type="button" className="btn" onClick={recall} disabled={busy || !mine}>
            {t('recall')} <kbd>F4</kbd>
          </button>
        </div>
        <p className="queue-stats" data-testid="queue-stats">
          <strong>{t('waitingCount').replace('{n}', String(queue.waiting.length)).replace('{m}', String(queue.estimatedWaitMinutes))}</strong>
          <span className="muted small">
            {' '}
            {t('queueTotals').replace('{issued}', String(queue.issued)).replace('{served}', String(queue.served)).replace('{skipped}', String(queue.skipped))}
          </span>
        </p>
        {queue.serving.length ? (
          <ul className="serving">
            {queue.serving.map((s) => (
              <li key={s.number} className={s.counter === counter ? 'serving-mine' : ''}>
                {t('servingAt').replace('{c}', String(s.counter)).replace('{n}', String(s.number))}
              </li>
            ))}
          </ul>
        ) : null}
        {issued ? (
          issued.printerProblem || !issued.printed ? (
            <div className={issued.printerProblem ? 'ticket-onscreen warn' : 'ticket-onscreen'} data-testid="issued-ticket">
              {issued.printerProblem ? (
                <>
                  <p className="hint-warn">
                    {tx(issued.printerProblem)} {t('ticketOnScreen')}
                  </p>
                  <div className="ticket-big" aria-live="assertive">
                    {issued.ticket.number}
                  </div>
                </>
              ) : (
                <p>{t('ticketIssued').replace('{n}', String(issued.ticket.number))}</p>
              )}
              <pre className="ticket-preview">{issued.preview}</pre>
            </div>
          ) : (
            <p className="wipe-ok" data-testid="issued-ticket">
              {t('ticketIssued').replace('{n}', String(issued.ticket.number))}
            </p>
          )
        ) : null}
        <div>
          <h3 className="queue-subtitle">{t('waitingList')}</h3>
          {queue.waiting.length === 0 ? (
            <p className="muted">{t('noneWaiting')}</p>
          ) : (
            <ul className="waiting" data-testid="waiting-list">
              {queue.waiting.map((w) => (
                <li key={w.number}>
                  <span className="waiting-number">{w.number}</span>
                  <span className="muted small">{clock(w.issuedAt)}</span>
                  <button type="button" className="btn btn-quiet btn-small" onClick={() => skip(w.number)} aria-label={`${w.number} ${t('skip')}`}>
                    {t('skip')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <ErrorNote error={error} />
      </div>
    </Panel>
  );
}
