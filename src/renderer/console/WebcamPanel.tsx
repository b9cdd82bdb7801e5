// The webcam fallback, for the lead: a booth where no tethered camera was found at start-up (on
// Windows there is none) lets the station frame and shoot with its own webcam. The station
// follows the choice at once. (A camera lost during the day is waited for, not swapped: a camera
// that only slept would flip the citizen's screen back and forth.)
import type { MadoguchiClient } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { ErrorNote, Toggles } from '../ui/parts.js';
import { useCameraSetting } from './camera-setting.js';

export function WebcamPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const { camera, saved, busy, error, save } = useCameraSetting(client);
  const allowed = camera?.webcamAllowed ?? false;
  const choose = (on: boolean) => save(() => client.call('camera.setWebcam', { on }));
  return (
    <div className="webcam-choice" data-testid="webcam-choice">
      <h3>{t('webcamTitle')}</h3>
      <p className="muted small">{t('webcamHelp')}</p>
      <Toggles
        label={t('webcamTitle')}
        value={allowed}
        disabled={busy || !camera}
        onChoose={choose}
        options={[
          { value: false, content: t('webcamOff') },
          { value: true, content: t('webcamOn') },
        ]}
      />
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
