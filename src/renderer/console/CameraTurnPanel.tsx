// How the camera is mounted, for the lead setting up the booth: a camera on its side (for a tall
// picture) sends its pictures lying down. The turn chosen here stands them upright on the
// station's live view at once, and the next still with it. The camera test's picture is shown
// turned the same way, so the choice can be checked here too.
import { useEffect, useState, type CSSProperties } from 'react';
import type { CameraState, MadoguchiClient } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote } from '../ui/parts.js';

const TURNS = [0, 90, 180, 270] as const;
type Turn = (typeof TURNS)[number];

/** The camera test's picture, turned as the camera is mounted, in a box of the turned picture's shape. */
function TurnedSnapshot({ src, turn, alt }: { src: string; turn: Turn; alt: string }) {
  // Width over height of the picture as it came.
  const [shape, setShape] = useState<number | null>(null);
  const sideways = turn === 90 || turn === 270;
  const shown = shape === null ? null : sideways ? 1 / shape : shape;
  // Turned a quarter, the picture's width is the box's height and its height the box's width.
  const img: CSSProperties | undefined = turn && shown ? { position: 'absolute', left: '50%', top: '50%', transform: `translate(-50%, -50%) rotate(${turn}deg)`, ...(sideways ? { width: `${100 / shown}%`, height: `${100 * shown}%` } : { width: '100%' }) } : undefined;
  return (
    <div className="snapshot" style={shown ? { aspectRatio: String(shown) } : undefined} data-testid="camera-snapshot" data-turn={turn}>
      <img
        src={src}
        alt={alt}
        style={img}
        onLoad={(e) => {
          const i = e.currentTarget;
          if (i.naturalWidth > 0 && i.naturalHeight > 0) setShape(i.naturalWidth / i.naturalHeight);
        }}
      />
    </div>
  );
}

export function CameraTurnPanel({ client, snapshot }: { client: MadoguchiClient; snapshot: string | null }) {
  const t = useT();
  const [camera, setCamera] = useState<CameraState>();
  const [saved, setSaved] = useState(false);
  const { busy, error, run, setError } = useAction();
  useEffect(() => {
    client.call('camera.state', {}).then(setCamera, setError);
    return client.on('camera.changed', setCamera);
  }, [client]);
  const turn = camera?.turn ?? 0;
  const choose = (next: Turn) => {
    setSaved(false);
    run(
      () => client.call('camera.setTurn', { turn: next }),
      (c) => {
        setCamera(c);
        setSaved(true);
      },
    );
  };
  return (
    <div className="camera-turn" data-testid="camera-turn">
      {snapshot ? <TurnedSnapshot src={snapshot} turn={turn} alt={t('cameraTest')} /> : null}
      <h3>{t('cameraTurnTitle')}</h3>
      <p className="muted small">{t('cameraTurnHelp')}</p>
      <div className="toggles" role="radiogroup" aria-label={t('cameraTurnTitle')}>
        {TURNS.map((x) => (
          <button key={x} type="button" role="radio" aria-checked={turn === x} className={turn === x ? 'toggle toggle-on' : 'toggle'} disabled={busy || !camera} onClick={() => turn !== x && choose(x)}>
            <span className="turn-arrow" aria-hidden="true" style={{ transform: `rotate(${x}deg)` }}>
              ↑
            </span>
            {t(`cameraTurn_${x}`)}
          </button>
        ))}
      </div>
      {saved ? (
        <p className="wipe-ok" role="status">
          {t('cameraTurnSaved')}
        </p>
      ) : null}
      <ErrorNote error={error} />
    </div>
  );
}
