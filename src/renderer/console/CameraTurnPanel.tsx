// How the camera is mounted, for the lead setting up the booth: a camera on its side (for a tall
// picture) sends its pictures lying down. The turn chosen here stands them upright on the
// station's live view at once, and the next still with it. The camera test's picture is shown
// turned the same way, so the choice can be checked here too.
import { useState } from 'react';
import type { MadoguchiClient } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { ErrorNote, Toggles } from '../ui/parts.js';
import { shownShape, turnedStyle, type Turn } from '../ui/turned.js';
import { useCameraSetting } from './camera-setting.js';

const TURNS: Turn[] = [0, 90, 180, 270];

/** The camera test's picture, turned as the camera is mounted, in a box of the turned picture's shape. */
function TurnedSnapshot({ src, turn, alt }: { src: string; turn: Turn; alt: string }) {
  // Width over height of the picture as it came.
  const [shape, setShape] = useState<number | null>(null);
  const shown = shape === null ? null : shownShape(shape, turn);
  return (
    <div className="snapshot" style={shown ? { aspectRatio: String(shown) } : undefined} data-testid="camera-snapshot" data-turn={turn}>
      <img
        src={src}
        alt={alt}
        className={turn && shown ? 'turned' : undefined}
        style={shown ? turnedStyle(turn, shown) : undefined}
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
  const { camera, saved, busy, error, save } = useCameraSetting(client);
  const turn = camera?.turn ?? 0;
  const choose = (next: Turn) => save(() => client.call('camera.setTurn', { turn: next }));
  return (
    <div className="camera-turn" data-testid="camera-turn">
      {snapshot ? <TurnedSnapshot src={snapshot} turn={turn} alt={t('cameraTest')} /> : null}
      <h3>{t('cameraTurnTitle')}</h3>
      <p className="muted small">{t('cameraTurnHelp')}</p>
      <Toggles
        label={t('cameraTurnTitle')}
        value={turn}
        disabled={busy || !camera}
        onChoose={choose}
        options={TURNS.map((x) => ({
          value: x,
          content: (
            <>
              <span className="turn-arrow" aria-hidden="true" style={{ transform: `rotate(${x}deg)` }}>
                ↑
              </span>
              {t(`cameraTurn_${x}`)}
            </>
          ),
        }))}
      />
      {saved ? (
        <p className="wipe-ok" role="status">
          {t('cameraTurnSaved')}
        </p>
      ) : null}
      <ErrorNote error={error} />
    </div>
  );
}
