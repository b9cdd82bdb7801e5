// The webcam fallback, for the lead: a booth where no tethered camera was found at start-up (on
// Windows there is none) lets the station frame and shoot with its own webcam. The station
// follows the choice at once. (A camera lost during the day is waited for, not swapped: a camera
// that only slept would flip the citizen's screen back and forth.)
import { useEffect, useState } from 'react';
import type { CameraState, MadoguchiClient } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote } from '../ui/parts.js';

export function WebcamPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const [camera, setCamera] = useState<CameraState>();
  const [saved, setSaved] = useState(false);
  const { busy, error, run, setError } = useAction();
  useEffect(() => {
    client.call('camera.state', {}).then(setCamera, setError);
    return client.on('camera.changed', setCamera);
  }, [client]);
  const allowed = camera?.webcamAllowed ?? false;
  const choose = (on: boolean) => {
    setSaved(false);
    run(
      () => client.call('camera.setWebcam', { on }),
      (c) => {
        setCamera(c);
        setSaved(true);
      },
    );
  };
  return (
    <div className="webcam-choice" data-testid="webcam-choice">
      <h3>{t('webcamTitle')}</h3>
      <p className="muted small">{t('webcamHelp')}</p>
      <div className="toggles" role="radiogroup" aria-label={t('webcamTitle')}>
        {[false, true].map((on) => (
          <button key={String(on)} type="button" role="radio" aria-checked={allowed === on} className={allowed === on ? 'toggle toggle-on' : 'toggle'} disabled={busy || !camera} onClick={() => allowed !== on && choose(on)}>
            {t(on ? 'webcamOn' : 'webcamOff')}
          </button>
        ))}
      </div>
      {camera && allowed ? (
        <p className="small" data-testid="webcam-now">
          {t(camera.webcam ? 'webcamInUse' : 'webcamTethered')}
        </p>
      ) : null}
      {saved && !error ? (
        <p className="wipe-ok" role="status">
          {t('webcamSaved')}
        </p>
      ) : null}
      <ErrorNote error={error} />
    </div>
  );
}
