// The online application (⑤) for the open visit: the 申請書ID from the scanner (picked up anywhere
// in the console), the camera or typing; only its last four digits shown; the isolated
// application window opened with the visit's photo for its upload field.
import { useEffect, useRef, useState } from 'react';
import type { MadoguchiClient, OnlineState } from '../../shared/contract.js';
import { ScanDetector } from '../../shared/scan-detector.js';
import { useT, useTx } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';

export function OnlinePanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const tx = useTx();
  const [state, setState] = useState<OnlineState | null>(null);
  const [typed, setTyped] = useState('');
  const { busy, error, run } = useAction();
  const detector = useRef(new ScanDetector());

  useEffect(() => {
    client.call('online.get', {}).then(setState, () => {});
    return client.on('online.changed', setState);
  }, [client]);

  // The scanner types into whatever has focus: once a burst is recognised, its keys stop there.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const now = performance.now();
      const scanning = detector.current.scanning(now);
      const scanned = detector.current.key(e.key, now);
      if (scanning || scanned) e.preventDefault();
      if (scanned) run(() => client.call('online.begin', { text: scanned, source: 'scanner' }), setState);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [client]);

  const source = state ? { scanner: t('onlineSourceScanner'), typed: t('onlineSourceTyped'), camera: t('onlineSourceCamera') }[state.source] : '';
  return (
    <Panel title={t('onlineTitle')}>
      <div className="online-panel" data-testid="online-panel">
        {state ? (
          <div className="online-state">
            <p className="online-id" data-testid="online-id">
              {t('onlineId')}: <code>{state.id}</code> <span className="muted small">{t('onlineSource').replace('{source}', source)}</span>
            </p>
            <p className="muted small">{state.photo ? t('onlinePhoto').replace('{w}', String(state.photo.width)).replace('{h}', String(state.photo.height)) : t('onlineNoPhoto')}</p>
            {state.problem ? <p className="hint-warn small">{tx(state.problem)}</p> : null}
            {state.window === 'open' ? <p className="wipe-ok small">{t('onlineWindowOpen')}</p> : null}
            <div className="inline">
              <button type="button" className="btn btn-primary" disabled={busy || state.problem !== null || state.window === 'open'} onClick={() => run(() => client.call('online.open', {}), setState)}>
                {t('onlineOpen')}
              </button>
              <button type="button" className="btn btn-quiet" disabled={busy} onClick={() => run(() => client.call('online.clear', {}), () => setState(null))}>
                {t('onlineForget')}
              </button>
            </div>
          </div>
        ) : (
          <p className="muted small">{t('onlineHow')}</p>
        )}
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            // The field empties either way: a refused entry may be an individual number.
            run(() => client.call('online.begin', { text: typed, source: 'typed' }).finally(() => setTyped('')), setState);
          }}
        >
          <input name="applicationId" inputMode="numeric" autoComplete="off" spellCheck={false} maxLength={40} placeholder="23桁" aria-label={t('onlineId')} value={typed} onChange={(e) => setTyped(e.target.value)} />
          <button type="submit" className="btn" disabled={busy || typed.trim() === ''}>
            {t('onlineRead')}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => run(() => client.call('online.scanCamera', {}), setState)}>
            {t('onlineCamera')}
          </button>
        </form>
        <p className="muted small">{t('onlineNoStore')}</p>
        <ErrorNote error={error} />
      </div>
    </Panel>
  );
}
