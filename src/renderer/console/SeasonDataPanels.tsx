// The office's inputs to planning and the merged report: issuance by age from a CSV (with a
// column-mapping step that shows what could not be read), and signed bundles from other booths
// (a device seen for the first time is confirmed by its fingerprint).
import { useEffect, useState } from 'react';
import type { BundleImportResult, IssuancePreview, MadoguchiClient } from '../../shared/contract.js';
import { japanDay } from '../../shared/japan-day.js';
import { useT, useTx } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * A file field that reads the file every time one is chosen, the same one again included (a CSV
 * fixed in Excel and chosen again): a browser may report no change when the same file is chosen
 * twice, so the last choice is forgotten as the dialog opens.
 */
function FileField({ label, name, accept, onFile }: { label: string; name: string; accept: string; onFile: (f: File) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="file"
        name={name}
        accept={accept}
        onClick={(e) => {
          e.currentTarget.value = '';
        }}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onFile(f);
        }}
      />
    </label>
  );
}

export function IssuancePanel({ client, onImported }: { client: MadoguchiClient; onImported: () => void }) {
  const t = useT();
  const tx = useTx();
  const [csv, setCsv] = useState<string | null>(null);
  const [mapping, setMapping] = useState<{ band?: string; population?: string; issued?: string }>({});
  const [preview, setPreview] = useState<IssuancePreview | null>(null);
  const [asOf, setAsOf] = useState(japanDay(new Date()));
  const [done, setDone] = useState(false);
  const { error, run, busy } = useAction();
  useEffect(() => {
    if (csv) run(() => client.call('plan.previewIssuance', { csv, mapping }), setPreview);
  }, [csv, mapping.band, mapping.population, mapping.issued]); // a new file or a column chosen
  const pick = (role: 'band' | 'population' | 'issued', label: string) => (
    <label className="field">
      <span className="small">{label}</span>
      <select name={`col-${role}`} value={mapping[role] ?? preview?.columns?.[role] ?? ''} onChange={(e) => setMapping({ ...mapping, [role]: e.target.value || undefined })}>
        <option value="">—</option>
        {(preview?.header ?? []).map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Panel title={t('issuanceTitle')}>
      <div className="form" data-testid="issuance">
        <FileField
          label={t('issuanceFile')}
          name="issuanceCsv"
          accept=".csv,text/csv"
          onFile={(f) => {
            setDone(false);
            setMapping({});
            run(() => base64Of(f), setCsv);
          }}
        />
        {preview ? (
          <>
            <div className="inline">
              {pick('band', t('colBand'))}
              {pick('population', t('colPopulation'))}
              {pick('issued', t('colIssued'))}
            </div>
            {preview.problem ? <p className="hint-warn">{tx(preview.problem)}</p> : <p className="small">{t('issuanceRead').replace('{n}', String(preview.rows.length)).replace('{enc}', preview.encoding ?? '')}</p>}
            {preview.unread.length > 0 ? (
              <div className="small">
                <strong id="issuance-unread">{t('issuanceUnread')}:</strong>
                {/* Up to 50 lines: scrolled in place, so the table and the import button stay in view. */}
                <ul className="assumptions scroll-list" tabIndex={0} aria-labelledby="issuance-unread">
                  {preview.unread.map((u) => (
                    <li key={u.line}>
                      {u.line}: {u.reason}
                    </li>
                  ))}
                </ul>
                {preview.unreadTotal > preview.unread.length ? <p>{t('issuanceUnreadMore').replace('{n}', String(preview.unreadTotal - preview.unread.length))}</p> : null}
              </div>
            ) : null}
            {preview.rows.length > 0 ? (
              <table className="grid-table compact" data-testid="issuance-preview">
                <thead>
                  <tr>
                    <th scope="col">{t('bandsTitle')}</th>
                    <th scope="col">{t('population')}</th>
                    <th scope="col">{t('issued')}</th>
                    <th scope="col">{t('rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.band}>
                      <td>{r.band}</td>
                      <td>{r.population.toLocaleString('ja-JP')}</td>
                      <td>{r.issued.toLocaleString('ja-JP')}</td>
                      <td>{r.population ? ((r.issued / r.population) * 100).toFixed(1) : '—'}%</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <div className="inline">
              <label className="field">
                <span>{t('issuanceAsOf')}</span>
                <input type="date" name="issuanceAsOf" value={asOf} onChange={(e) => setAsOf(e.target.value)} autoComplete="off" />
              </label>
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy || !csv || preview.rows.length === 0 || !asOf}
                onClick={() =>
                  run(
                    () => client.call('plan.importIssuance', { csv: csv as string, mapping, asOf }),
                    () => {
                      setDone(true);
                      onImported();
                    },
                  )
                }
              >
                {t('issuanceImport')}
              </button>
            </div>
          </>
        ) : null}
        {done ? <p className="wipe-ok">{t('issuanceImported')}</p> : null}
        <ErrorNote error={error} />
      </div>
    </Panel>
  );
}

export function BundlesPanel({ client, onImported }: { client: MadoguchiClient; onImported: () => void }) {
  const t = useT();
  const [identity, setIdentity] = useState<{ fingerprint: string } | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [outDir, setOutDir] = useState('');
  const [pending, setPending] = useState<{ name: string; content: string; result: BundleImportResult } | null>(null);
  const [result, setResult] = useState<BundleImportResult | null>(null);
  const { error, run, busy, setError } = useAction();
  useEffect(() => {
    client.call('device.identity', {}).then(setIdentity, () => {});
  }, [client]);
  const send = (name: string, content: string, trust?: string) =>
    run(
      () => client.call('bundle.import', { name, content, ...(trust ? { trust } : {}) }),
      (r) => {
        if (r.status === 'unknown-device') {
          setPending({ name, content, result: r });
          setResult(null);
        } else {
          setPending(null);
          setResult(r);
          onImported();
        }
      },
    );
  return (
    <Panel title={t('bundlesTitle')}>
      <div className="form" data-testid="bundles">
        {identity ? (
          <p className="small">
            {t('thisDevice')}: <code className="fingerprint">{identity.fingerprint}</code>
          </p>
        ) : null}
        <label className="field">
          <span>{t('reportOutDir')}</span>
          <input name="bundleOutDir" value={outDir} onChange={(e) => setOutDir(e.target.value)} placeholder="/media/usb/集計" autoComplete="off" spellCheck={false} />
        </label>
        <div className="inline">
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => run(() => client.call('bundle.export', outDir.trim() ? { outDir: outDir.trim() } : {}), (r) => setExported(t('bundleExported').replace('{file}', r.file).replace('{days}', String(r.days))))}
          >
            {t('bundleExport')}
          </button>
        </div>
        {exported ? <p className="wipe-ok small">{exported}</p> : null}
        <FileField
          label={t('bundleImport')}
          name="bundleFile"
          accept=".json,application/json"
          // A file that cannot be read is said, not swallowed.
          onFile={(f) => void base64Of(f).then((content) => send(f.name, content), setError)}
        />
        {pending ? (
          <div className="confirm">
            <p>{t('bundleUnknown').replace('{fp}', pending.result.fingerprint)}</p>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => send(pending.name, pending.content, pending.result.fingerprint)}>
              {t('bundleTrust')}
            </button>
          </div>
        ) : null}
        {result ? (
          <p className="wipe-ok" data-testid="bundle-result">
            {result.status === 'again' ? t('bundleAgain') : t('bundleImported').replace('{days}', String(result.days))}
            {result.paidTwice > 0 ? ` — ${t('bundlePaidTwice').replace('{n}', String(result.paidTwice))}` : ''}
          </p>
        ) : null}
        <ErrorNote error={error} />
      </div>
    </Panel>
  );
}
