// The visit's photo as staff see it: the shot the citizen (or staff) took, every check with what
// was measured, the sheet and the online file, printing and its progress. A shot that fails a
// check prints only when staff have looked and say so.
import { useEffect, useRef, useState } from 'react';
import type { CameraState, MadoguchiClient, PhotoReview, PrintStatus } from '../../shared/contract.js';
import { useT, useTx } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';
import { ClientError } from '../client/client.js';

const MARK = { true: '✔', false: '✖', null: '？' } as const;

export function PhotoPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const tx = useTx();
  const [review, setReview] = useState<PhotoReview | null>(null);
  const [print, setPrint] = useState<PrintStatus | null>(null);
  const [camera, setCamera] = useState<CameraState | null>(null);
  const [checked, setChecked] = useState(false);
  const [spoolOk, setSpoolOk] = useState(false);
  const { busy, error, run, setError } = useAction();
  // The panel sits below the visit's record: a shot from the station, or a print that stopped,
  // while staff look elsewhere on the page is announced at the bottom of the screen.
  const panel = useRef<HTMLDivElement>(null);
  const [news, setNews] = useState<'photo' | 'print' | null>(null);
  const announce = (what: 'photo' | 'print') => {
    const box = panel.current?.getBoundingClientRect();
    if (box && (box.top > window.innerHeight - 80 || box.bottom < 0)) setNews(what);
  };
  useEffect(() => {
    const el = panel.current;
    if (!el || !news) return;
    const seen = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNews(null));
    seen.observe(el);
    return () => seen.disconnect();
  }, [news]);
  const showPanel = () => {
    panel.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    setNews(null);
  };

  useEffect(() => {
    client.call('photo.get', {}).then(setReview, () => {});
    client.call('photo.printStatus', {}).then(setPrint, () => {});
    client.call('camera.state', {}).then(setCamera, () => {});
    const offs = [
      client.on('photo.changed', (r) => {
        setReview(r);
        setChecked(false);
        if (r) announce('photo');
      }),
      client.on('print.changed', (p) => {
        if (p.what !== 'sheet') return;
        setPrint(p);
        if (p.state === 'error') announce('print');
      }),
      client.on('camera.changed', setCamera),
    ];
    return () => offs.forEach((off) => off());
  }, [client]);

  const capture = () => run(() => client.call('photo.capture', {}), setReview);
  const reconnect = () => run(() => client.call('camera.reconnect', {}), setCamera);
  const retake = () => run(() => client.call('photo.retake', {}), () => setReview(null));
  // Staff turn the shot over as they see it: an upside-down face the pipeline did not recognise, or one it turned wrongly.
  const turnOver = () => run(() => client.call('photo.turn', { degrees: 180 }), setReview);
  // The job's progress comes by event only: a fast printer may finish before this call's reply.
  const printSheet = () => run(() => client.call('photo.print', { override: review ? !review.ok && checked : false, spoolConfirmed: spoolOk }));
  const needsSpool = error instanceof ClientError && error.body.issues?.some((i) => i.path === 'spoolConfirmed') === true;
  const printing = print !== null && (print.state === 'queued' || print.state === 'printing');

  return (
    <Panel title={t('photoTitle')}>
      <div className="photo-panel" data-testid="photo-panel" ref={panel}>
        {news ? (
          <button type="button" className="photo-news" onClick={showPanel} data-testid="photo-news">
            {news === 'print' ? t('photoNewsPrint') : review?.ok ? t('photoNewsPass') : t('photoNewsCheck')}
          </button>
        ) : null}
        {camera?.problem ? (
          <p className="hint-warn" role="status">
            {t('cameraProblem')}: {tx(camera.problem)}
          </p>
        ) : null}
        {camera?.note ? (
          <p className="notice" data-testid="camera-note">
            {tx(camera.note)}
          </p>
        ) : null}
        {camera?.state === 'reconnecting' ? (
          // Plugged back in or woken: no need to wait for the next look (up to 30 s apart).
          <button type="button" className="btn" onClick={reconnect} disabled={busy} data-testid="camera-reconnect">
            {t('cameraReconnect')}
          </button>
        ) : null}
        {review ? (
          <div className="photo-review">
            <div className="photo-images">
              {review.photo ? <img className="photo-thumb" src={`data:image/jpeg;base64,${review.photo}`} alt={t('photoTitle')} data-testid="photo-thumb" /> : null}
              {review.sheet ? <img className="sheet-thumb" src={`data:image/jpeg;base64,${review.sheet.preview}`} alt={t('photoSheet').replace('{paper}', review.sheet.paper).replace('{n}', String(review.sheet.photos))} /> : null}
            </div>
            <div>
              <p className={review.ok ? 'photo-verdict ok' : 'photo-verdict needs'} data-testid="photo-verdict">
                {review.ok ? t('photoAllPass') : t('photoNeedsCheck')}
                <span className="muted small"> · {t('photoShot').replace('{n}', String(review.shot)).replace('{ms}', String(review.ms))}</span>
              </p>
              <ul className="photo-checks">
                {review.checks.map((c) => (
                  <li key={c.id} className={`photo-check photo-check-${String(c.ok)}`} data-check={c.id}>
                    <span className="photo-check-mark" aria-hidden="true">
                      {MARK[String(c.ok) as keyof typeof MARK]}
                    </span>
                    {tx(c.message)}
                  </li>
                ))}
              </ul>
              {review.faces > 0 ? (
                <div className="photo-by-eye small" data-testid="photo-by-eye">
                  <strong>{t('photoByEyeTitle')}</strong>
                  <ul>
                    <li>{t('photoByEyeHat')}</li>
                    <li>{t('photoByEyeGlasses')}</li>
                    <li>{t('photoByEyeHair')}</li>
                  </ul>
                </div>
              ) : null}
              {review.turned !== 0 ? (
                <p className="muted small" data-testid="photo-turned">
                  {t(review.turnedByStaff ? 'photoTurnedByStaff' : review.turned === 180 ? 'photoTurnedOver' : 'photoTurned').replace('{deg}', String(review.turned))}
                </p>
              ) : null}
              {review.sheet ? <p className="muted small">{t('photoSheet').replace('{paper}', review.sheet.paper).replace('{n}', String(review.sheet.photos))}</p> : null}
              {review.sheet && review.sheet.leftOff > 0 ? (
                <p className="hint-warn small" data-testid="sheet-left-off">
                  {t('photoSheetLeftOff').replace('{n}', String(review.sheet.leftOff))}
                </p>
              ) : null}
              {review.online ? (
                <p className="muted small">
                  {t('photoOnline').replace('{w}', String(review.online.width)).replace('{h}', String(review.online.height)).replace('{kb}', String(Math.round(review.online.bytes / 1024)))}
                </p>
              ) : review.onlineProblem ? (
                <p className="hint-warn small">{tx(review.onlineProblem)}</p>
              ) : null}
            </div>
          </div>
        ) : (
          <p className="muted">{t(camera?.webcam ? 'photoNoneWebcam' : 'photoNone')}</p>
        )}
        {review && !review.ok && review.faces > 0 ? (
          <label className="confirm-check">
            <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} /> {t('photoPrintAnywayNote')}
          </label>
        ) : null}
        {needsSpool ? (
          <label className="confirm-check">
            <input type="checkbox" checked={spoolOk} onChange={(e) => setSpoolOk(e.target.checked)} /> {t('spoolConfirm')}
          </label>
        ) : null}
        <div className="inline">
          {/* The webcam is in the station's browser: only the station takes its picture. */}
          {camera?.webcam ? null : (
            <button type="button" className={review ? 'btn' : 'btn btn-primary'} onClick={capture} disabled={busy || printing || camera?.state === 'reconnecting'}>
              {t('photoCapture')}
            </button>
          )}
          {review ? (
            <>
              <button type="button" className="btn" onClick={retake} disabled={busy || printing}>
                {t('photoRetake')}
              </button>
              <button type="button" className="btn btn-quiet" onClick={turnOver} disabled={busy || printing} data-testid="photo-turn">
                {t('photoTurn180')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={printSheet}
                disabled={busy || printing || review.faces === 0 || (!review.ok && !checked) || (needsSpool && !spoolOk)}
              >
                {print?.state === 'error' ? t('printRetry') : review.ok ? t('photoPrint') : t('photoPrintAnyway')}
              </button>
            </>
          ) : null}
        </div>
        {print ? (
          <p className={print.state === 'error' ? 'hint-warn' : print.state === 'done' ? 'wipe-ok' : 'muted'} role="status" data-testid="print-status" data-state={print.state}>
            {{ queued: t('printQueued'), printing: t('printPrinting'), done: t('printDone'), error: t('printError') }[print.state]}
            {print.problem ? ` — ${tx(print.problem)}` : ''}
          </p>
        ) : null}
        {print?.state === 'done' ? (
          <p className="notice" data-testid="photo-back">
            {t('photoBack')}
          </p>
        ) : null}
        <ErrorNote error={error} />
        {error && !needsSpool ? (
          <button type="button" className="btn btn-quiet" onClick={() => setError(null)}>
            OK
          </button>
        ) : null}
      </div>
    </Panel>
  );
}
