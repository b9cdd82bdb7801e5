// The photo station: the citizen-facing touchscreen. Between visits it shows the idle screen
// with the number now being served. (The photo wizard itself arrives with the flow issue.)
import { useEffect, useState } from 'react';
import type { AppStatus, PinPrivacy } from '../../shared/contract.js';
import type { Connection } from '../client/client.js';
import { LangContext, useT } from '../i18n.js';
import { useConnectionState, useLive } from '../ui/hooks.js';
import { ConnectionBanner, ModeBanner } from '../ui/parts.js';
import { StationWizard } from './StationWizard.js';
import { appModeOf } from '../../shared/app-mode.js';

function Idle({ conn, status }: { conn: Connection; status: AppStatus | undefined }) {
  const t = useT();
  const { state: connState, opens } = useConnectionState(conn);
  const station = useLive(conn.client, () => conn.client.call('station.get', {}), 'station.changed', opens);
  // A number called again flashes for a few seconds.
  const [recalled, setRecalled] = useState<number | null>(null);
  useEffect(
    () =>
      conn.client.on('station.recall', ({ number }) => {
        setRecalled(number);
        setTimeout(() => setRecalled(null), 4000);
      }),
    [conn],
  );
  // ⑥ While the citizen types a card PIN on their own phone or the terminal: staff look away.
  const [pin, setPin] = useState<PinPrivacy>({ on: false, guide: null });
  useEffect(() => conn.client.on('pinPrivacy.changed', setPin), [conn]);
  // Over the citizen's steps, which stay where they were underneath.
  const pinScreen = pin.on ? (
    <div className="pin-screen" role="dialog" aria-modal="true" aria-labelledby="pin-title" data-testid="pin-screen">
      <p className="pin-title" id="pin-title">
        {t('pinTitle')}
      </p>
      <p className="pin-note">{t('pinNote')}</p>
      <p className="pin-note en" lang="en">
        Please type your PIN yourself. Staff are looking away. This machine never asks for it.
      </p>
      <button type="button" className="btn-touch btn-touch-primary" onClick={() => void conn.client.call('guide.pinDone', {}).then(setPin, () => {})}>
        {t('pinDone')}
      </button>
    </div>
  ) : null;
  return (
    <div className="station">
      {pinScreen}
      <ConnectionBanner state={connState} />
      <ModeBanner status={status} />
      {station?.visitOpen ? (
        <main className="station-main">
          <StationWizard client={conn.client} idleSeconds={station.idleSeconds} />
        </main>
      ) : (
      <main className="station-main" data-testid="station-idle">
        <p className="station-welcome">
          {t('welcome')} <span className="station-welcome-en">Welcome</span>
        </p>
        <h1 className="station-title">{t('appName')}</h1>
        {station?.dayOpen ? (
          <>
            {station.venue ? <p className="station-venue">{station.venue}</p> : null}
            {station.nowServing !== null ? (
              <div className={recalled === station.nowServing ? 'now-serving recalled' : 'now-serving'} aria-live="polite">
                <div className="now-serving-label">
                  {t('nowServing')} <span className="en">Now serving</span>
                </div>
                <div className="now-serving-number" data-testid="now-serving">
                  {station.nowServing}
                </div>
                {station.counter ? (
                  <div className="now-serving-counter">
                    {t('goToCounter').replace('{c}', String(station.counter))}
                    <span className="en"> Please come to counter {station.counter}</span>
                  </div>
                ) : null}
              </div>
            ) : null}
            <p className="station-note">
              {station.nowServing === null ? t('staffWillGuide') : t('waitForNumber')}
              <br />
              <span className="en">
                {station.nowServing === null ? 'A staff member will guide you. Please wait a moment.' : 'Please wait until your number is called.'}
              </span>
            </p>
          </>
        ) : (
          <p className="station-note">
            {t('preparing')}
            <br />
            <span className="en">We are getting ready.</span>
          </p>
        )}
      </main>
      )}
    </div>
  );
}

/** Forgets everything the page may have kept for the visit, then starts afresh. */
async function resetForNextVisit(): Promise<void> {
  try {
    sessionStorage.clear();
    localStorage.clear();
    if ('caches' in globalThis) for (const k of await caches.keys()) await caches.delete(k);
    if (indexedDB.databases) for (const db of await indexedDB.databases()) if (db.name) indexedDB.deleteDatabase(db.name);
  } finally {
    location.reload();
  }
}

export function StationApp({ conn }: { conn: Connection }) {
  const [status, setStatus] = useState<AppStatus>();
  const { opens } = useConnectionState(conn);
  useEffect(() => conn.client.on('station.reset', () => void resetForNextVisit()), [conn]);
  useEffect(() => {
    if (opens === 0) return;
    conn.client.call('app.status', {}).then(setStatus, () => {});
    return conn.client.on('devices.changed', (devices) => setStatus((s) => (s ? { ...s, devices, mode: appModeOf(devices) } : s)));
  }, [conn, opens]);
  return (
    <LangContext.Provider value="ja">
      <Idle conn={conn} status={status} />
    </LangContext.Provider>
  );
}
