// ⑥ Guides for マイナポイント and the vaccine certificate: what to bring, the steps to tick off,
// and, at the PIN step, the station asks staff to look away while the citizen types it on their
// own phone or the official terminal. Nothing here takes or keeps a PIN.
import { useEffect, useState } from 'react';
import type { MadoguchiClient, PinPrivacy } from '../../shared/contract.js';
import { GUIDE_IDS, GUIDES, type GuideId } from '../../shared/guides.js';
import { useT, useTx } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';

export function GuidePanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const tx = useTx();
  const [guide, setGuide] = useState<GuideId | null>(null);
  const [done, setDone] = useState<Set<string>>(new Set());
  const [privacy, setPrivacy] = useState<PinPrivacy>({ on: false, guide: null });
  const { busy, error, run } = useAction();
  useEffect(() => client.on('pinPrivacy.changed', setPrivacy), [client]);

  const g = guide ? GUIDES[guide] : null;
  const tick = (key: string) => {
    const next = new Set(done);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setDone(next);
  };
  return (
    <Panel title={t('guideTitle')}>
      <div className="guide-panel" data-testid="guide-panel">
        {privacy.on ? (
          <p className="pin-banner" role="alert" data-testid="pin-banner">
            {t('guidePinBanner')}
          </p>
        ) : null}
        <div className="inline">
          {GUIDE_IDS.map((id) => (
            <button key={id} type="button" className={guide === id ? 'btn btn-primary' : 'btn'} aria-pressed={guide === id} onClick={() => (setGuide(guide === id ? null : id), setDone(new Set()))}>
              {tx(GUIDES[id].title)}
            </button>
          ))}
        </div>
        {g ? (
          <div className="guide">
            <h3>{t('guideNeeds')}</h3>
            <ul className="guide-list">
              {g.needs.map((n, i) => (
                <li key={i}>
                  <label className="confirm-check">
                    <input type="checkbox" checked={done.has(`n${i}`)} onChange={() => tick(`n${i}`)} /> {tx(n)}
                  </label>
                </li>
              ))}
            </ul>
            <h3>{t('guideSteps')}</h3>
            <ol className="guide-list">
              {g.steps.map((st, i) => (
                <li key={i}>
                  <label className="confirm-check">
                    <input type="checkbox" checked={done.has(`s${i}`)} onChange={() => tick(`s${i}`)} /> {tx(st.text)}
                  </label>
                  {st.pin ? (
                    <button
                      type="button"
                      className={privacy.on ? 'btn btn-danger' : 'btn'}
                      disabled={busy}
                      onClick={() => run(() => client.call('guide.pinPrivacy', { on: !privacy.on, guide: g.id }), setPrivacy)}
                    >
                      {privacy.on ? t('guidePinOff') : t('guidePinOn')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ol>
            <p className="muted small">{t('guideNoPin')}</p>
          </div>
        ) : null}
        <ErrorNote error={error} />
      </div>
    </Panel>
  );
}
