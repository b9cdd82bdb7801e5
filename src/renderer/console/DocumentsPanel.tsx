// What is due to the city for which event, and when: make each document (a new version after
// each consultation), see where it was written, and mark it submitted.
import { useState } from 'react';
import type { DocumentStatus, MadoguchiClient } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { useAction, useFresh } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';

export function DocumentsPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const [docs, reload] = useFresh(client, () => client.call('documents.list', {}), ['season.changed', 'staff.changed']);
  const [outDir, setOutDir] = useState('');
  const [lastFile, setLastFile] = useState<string | null>(null);
  const { error, run, busy } = useAction();
  // The setting, read back from any event's due day.
  const sample = (docs ?? []).find((d) => d.due && d.firstDay);
  const dueDays = sample ? Math.round((Date.parse(sample.firstDay as string) - Date.parse(sample.due as string)) / 86_400_000) : 5;
  const make = (d: DocumentStatus) =>
    run(
      () => client.call('documents.make', { kind: d.kind, ...(d.eventId ? { eventId: d.eventId } : {}), ...(outDir.trim() ? { outDir: outDir.trim() } : {}) }),
      (s) => {
        setLastFile(s.latest?.file ?? null);
        reload();
      },
    );
  const submitted = (id: number) => run(() => client.call('documents.submitted', { id }), () => reload());
  return (
    <Panel title={t('documentsTitle').replace('{days}', String(dueDays))}>
      <div className="form">
        <label className="field">
          <span>{t('documentsOutDir')}</span>
          <input name="documentsOutDir" value={outDir} onChange={(e) => setOutDir(e.target.value)} placeholder="/media/usb/書類" autoComplete="off" spellCheck={false} />
        </label>
        <ErrorNote error={error} />
        {lastFile ? <p className="wipe-ok small">{lastFile}</p> : null}
        <table className="grid-table" data-testid="documents-table">
          <thead>
            <tr>
              <th scope="col">{t('documentsDue')}</th>
              <th scope="col">{t('eventName')}</th>
              <th scope="col">{t('documentKind')}</th>
              <th scope="col">{t('documentsState')}</th>
              <th scope="col" aria-label={t('docMake')} />
            </tr>
          </thead>
          <tbody>
            {(docs ?? []).map((d) => (
              <tr key={`${d.kind}-${d.eventId ?? 'roster'}`} className={d.overdue ? 'row-overdue' : undefined}>
                <td className="nowrap">
                  {d.due ?? '—'}
                  {d.overdue ? <div className="pill pill-offline">{t('docOverdue')}</div> : null}
                </td>
                <td>{d.eventName ?? '—'}</td>
                <td>{t(`doc_${d.kind}`)}</td>
                <td>
                  <span className={`pill ${d.state === 'submitted' ? 'pill-ready' : d.state === 'made' ? 'pill-busy' : 'pill-offline'}`}>{t(`docState_${d.state}`)}</span>
                  {d.latest ? (
                    <div className="muted small">
                      {t('docVersion').replace('{v}', String(d.latest.version))} · {new Date(d.latest.madeAt).toLocaleDateString('ja-JP', { timeZone: 'Asia/Tokyo' })}
                    </div>
                  ) : null}
                </td>
                <td className="cell-actions">
                  <button type="button" className="btn btn-small" disabled={busy} onClick={() => make(d)}>
                    {d.latest ? t('docRemake') : t('docMake')}
                  </button>
                  {d.latest && d.state === 'made' ? (
                    <button type="button" className="btn btn-small" disabled={busy} onClick={() => submitted(d.latest!.id)}>
                      {t('docSubmitted')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
