// The citizen's photo steps, one state each (after pibooth): intro (what happens to the photo) →
// framing (live view with the guide and one hint) → countdown → checking → review (each failed
// check in the citizen's words) → retake, or use → printing → done. Staff see the same review on
// the console and decide there when a check fails.
import { useEffect, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';
import type { CameraFrame, CameraState, LiveGuide, MadoguchiClient, PhotoReview, PrintStatus } from '../../shared/contract.js';
import { ClientError } from '../client/client.js';
import { STAFF_NOTE_JA, type PhotoWords } from './locales.js';
import { reviewAdvice } from './review-advice.js';
import { shownShape, turnedStyle } from '../ui/turned.js';

export type PhotoState = 'intro' | 'framing' | 'countdown' | 'checking' | 'review' | 'printing';

const COUNTDOWN_FROM = 3;

/** The guide over the live view: where the photo would be cut, the head's oval, the lines. */
function GuideOverlay({ guide }: { guide: LiveGuide | null }) {
  if (!guide) return null;
  const ok = guide.hint === 'ok';
  return (
    <svg className="guide-overlay" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true" data-testid="guide-overlay">
      {guide.crop ? <rect x={guide.crop.x} y={guide.crop.y} width={guide.crop.width} height={guide.crop.height} className={ok ? 'guide-crop guide-ok' : 'guide-crop'} /> : null}
      {guide.crop && guide.crownY !== null && guide.chinY !== null ? (
        <ellipse
          cx={guide.crop.x + guide.crop.width / 2}
          cy={(guide.crownY + guide.chinY) / 2}
          rx={guide.crop.width * 0.36}
          ry={(guide.chinY - guide.crownY) / 2}
          className={ok ? 'guide-oval guide-ok' : 'guide-oval'}
        />
      ) : null}
      {guide.crownY !== null ? <line x1={0} x2={1} y1={guide.crownY} y2={guide.crownY} className="guide-line guide-crown" /> : null}
      {guide.eyeLineY !== null ? <line x1={0} x2={1} y1={guide.eyeLineY} y2={guide.eyeLineY} className="guide-line guide-eyes" /> : null}
      {guide.chinY !== null ? <line x1={0} x2={1} y1={guide.chinY} y2={guide.chinY} className="guide-line guide-chin" /> : null}
    </svg>
  );
}

/**
 * The live picture's box: as large as the screen leaves, at the picture's own shape (`aspect`,
 * width over height; see .live-frame in styles.css), so the guide lies on the picture exactly.
 */
function LiveFrame({ aspect, attrs, children }: { aspect: number; attrs: Record<`data-${string}`, string | number>; children: ReactNode }) {
  return (
    <div className="live-area" style={{ '--aspect': String(aspect) } as CSSProperties}>
      <div className="live-frame" data-testid="live-view" {...attrs}>
        {children}
      </div>
    </div>
  );
}

function LiveView({ client, words }: { client: MadoguchiClient; words: PhotoWords }) {
  const [frame, setFrame] = useState<CameraFrame | null>(null);
  const [camera, setCamera] = useState<CameraState | null>(null);
  // Width over height of the picture as the camera sends it; the box takes the shape as shown
  // (turned), so a portrait-oriented camera still fits the screen's height. Kept apart from the
  // turn: a turn changed on the console reshapes the box at once, even while the frames' size
  // (and so no new load) changes nothing.
  const [shape, setShape] = useState(1.5);
  const rate = useRef<number[]>([]);
  useEffect(() => {
    const offFrame = client.on('camera.frame', (f) => {
      rate.current = [...rate.current.slice(-30), performance.now()];
      setFrame(f);
    });
    const offCam = client.on('camera.changed', setCamera);
    client.call('camera.live', { on: true }).then(setCamera, () => {});
    return () => {
      offFrame();
      offCam();
      void client.call('camera.live', { on: false }).catch(() => {});
    };
  }, [client]);
  const times = rate.current;
  const fps = times.length > 5 ? Math.round(((times.length - 1) * 1000) / ((times.at(-1) ?? 0) - (times[0] ?? 0))) : null;
  const waiting = camera?.state === 'reconnecting';
  // A camera mounted on its side: the frame is turned here, on the screen, and the frame's box
  // takes the upright picture's shape (the guide is of the upright picture).
  const turn = frame?.turn ?? 0;
  const aspect = shownShape(shape, turn);
  return (
    <div className="live">
      <LiveFrame aspect={aspect} attrs={{ 'data-fps': fps ?? '', 'data-seq': frame?.seq ?? '', 'data-guide-seq': frame?.guide ? frame.seq - frame.guideAge : '' }}>
        {frame && !waiting ? (
          <>
            <img
              src={`data:image/jpeg;base64,${frame.jpeg}`}
              alt=""
              className={turn ? 'turned' : undefined}
              style={turnedStyle(turn, aspect)}
              onLoad={(e) => {
                const img = e.currentTarget;
                if (img.naturalHeight > 0 && img.naturalWidth > 0) setShape(img.naturalWidth / img.naturalHeight);
              }}
            />
            <GuideOverlay guide={frame.guide} />
          </>
        ) : (
          <p className="live-waiting" role={waiting ? 'status' : undefined}>
            {waiting ? words.cameraWaiting : '…'}
          </p>
        )}
      </LiveFrame>
      <p className={frame?.guide?.hint === 'ok' ? 'live-hint live-hint-ok' : 'live-hint'} role="status" aria-live="polite" data-testid="live-hint">
        {/* While the camera is away the picture's place says so; no second copy here. */}
        {!waiting && frame?.guide ? words.hints[frame.guide.hint] : '\u00a0'}
      </p>
      {/* For the staff member who comes over: what happened and what to do, in Japanese. */}
      {waiting && camera?.problem ? (
        <p className="live-staff" lang="ja" data-testid="camera-problem">
          {STAFF_NOTE_JA}: {camera.problem.ja}
        </p>
      ) : null}
    </div>
  );
}

/** JPEG of the video's current picture, at most `maxWidth` wide, as base64. */
function grab(video: HTMLVideoElement, maxWidth: number, quality: number): string | null {
  if (!video.videoWidth) return null;
  const k = Math.min(1, maxWidth / video.videoWidth);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(video.videoWidth * k);
  canvas.height = Math.round(video.videoHeight * k);
  canvas.getContext('2d')?.drawImage(video, 0, 0, canvas.width, canvas.height);
  const url = canvas.toDataURL('image/jpeg', quality);
  canvas.width = 0; // let the pixels go
  return url.slice(url.indexOf(',') + 1);
}

/** Webcam fallback (no tethered camera): the station's own camera, the same guide from main. */
function WebcamView({ client, words, video }: { client: MadoguchiClient; words: PhotoWords; video: RefObject<HTMLVideoElement | null> }) {
  const [guide, setGuide] = useState<LiveGuide | null>(null);
  // Guides received (the tests measure how often the overlay is updated).
  const [guides, setGuides] = useState(0);
  const [failed, setFailed] = useState(false);
  const [aspect, setAspect] = useState(16 / 9);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    // A guide at a time, started at most every 60 ms (as main paces the tethered camera's).
    const tick = () => {
      const started = performance.now();
      const v = video.current;
      const jpeg = v ? grab(v, 480, 0.8) : null;
      const again = () => {
        if (!stopped) timer = setTimeout(tick, Math.max(0, 60 - (performance.now() - started)));
      };
      if (!jpeg) return again();
      client
        .call('photo.guide', { jpeg })
        .then(
          (g) => {
            setGuide(g);
            setGuides((n) => n + 1);
          },
          () => setGuide(null),
        )
        .finally(again);
    };
    // No webcam (not plugged in, taken by another program, unplugged while in use): asked for
    // again every 3 s, so one plugged in is found without staff touching the station.
    let retry: ReturnType<typeof setTimeout> | null = null;
    // Staff are told on the console when the webcam gives no picture, and when it comes back.
    let told: boolean | null = null;
    const tell = (seen: boolean) => {
      if (told === seen) return;
      told = seen;
      void client.call('camera.webcamSeen', { seen }).catch(() => {});
    };
    const lost = () => {
      if (stopped) return;
      setFailed(true);
      tell(false);
      retry = setTimeout(open, 3000);
    };
    const open = () => {
      navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } }, audio: false }).then((s) => {
        stream = s;
        if (stopped) return s.getTracks().forEach((t) => t.stop());
        setFailed(false);
        tell(true);
        if (video.current) video.current.srcObject = s;
        s.getVideoTracks()[0]?.addEventListener('ended', lost);
        tick();
      }, lost);
    };
    open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (retry) clearTimeout(retry);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [client, video]);
  return (
    <div className="live">
      <LiveFrame aspect={aspect} attrs={{ 'data-webcam': 'true', 'data-guide-seq': guides }}>
        {failed ? <p className="live-waiting">{words.cameraWaiting}</p> : null}
        {/* Kept while waiting (hidden), so a webcam found on a later try has somewhere to play. */}
        <video
          ref={video}
          autoPlay
          playsInline
          muted
          hidden={failed}
          onLoadedMetadata={(e) => {
            const v = e.currentTarget;
            if (v.videoHeight > 0) setAspect(v.videoWidth / v.videoHeight);
          }}
        />
        {failed ? null : <GuideOverlay guide={guide} />}
      </LiveFrame>
      <p className={guide?.hint === 'ok' ? 'live-hint live-hint-ok' : 'live-hint'} role="status" aria-live="polite" data-testid="live-hint">
        {failed ? words.cameraWaiting : guide ? words.hints[guide.hint] : '\u00a0'}
      </p>
    </div>
  );
}

export function PhotoSteps({ client, words, onDone }: { client: MadoguchiClient; words: PhotoWords; onDone: () => void }) {
  const [state, setState] = useState<PhotoState>('intro');
  const [count, setCount] = useState(COUNTDOWN_FROM);
  const [review, setReview] = useState<PhotoReview | null>(null);
  const [print, setPrint] = useState<PrintStatus | null>(null);
  // The last shot failed: the citizen is asked to call staff, and staff read why (in Japanese).
  const [failed, setFailed] = useState<{ staffNote: string | null } | null>(null);
  const [webcam, setWebcam] = useState(false);
  // The tethered camera went away: no shooting until it is found again.
  const [cameraLost, setCameraLost] = useState(false);
  const video = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    client.call('camera.state', {}).then(
      (c) => {
        setWebcam(c.webcam);
        setCameraLost(c.state === 'reconnecting');
      },
      () => {},
    );
    // The lead may turn the webcam on or off on the console: the framing screen follows at once.
    return client.on('camera.changed', (c) => {
      setWebcam(c.webcam);
      setCameraLost(c.state === 'reconnecting');
    });
  }, [client]);

  // Staff may print from the console after checking: the station follows.
  useEffect(() => client.on('print.changed', (p) => p.what === 'sheet' && (setPrint(p), setState('printing'))), [client]);
  // Read by the photo events below, which outlive a render.
  const stateNow = useRef(state);
  stateNow.current = state;
  useEffect(
    () =>
      client.on('photo.changed', (r) => {
        if (r) {
          setReview(r);
          // Staff took the photo from the console while the citizen framed it: the citizen sees it too.
          if (stateNow.current === 'framing') {
            setFailed(null);
            setState('review');
          }
        } else {
          // The shot is gone (staff retook it from the console): the station frames again, and
          // offers nothing of a photo that no longer exists.
          setReview(null);
          if (stateNow.current === 'review') setState('framing');
        }
      }),
    [client],
  );

  // countdown: enter → one number a second → capture on zero.
  useEffect(() => {
    if (state !== 'countdown') return;
    if (count === 0) {
      // The webcam's picture is grabbed here, before the video goes away with the framing screen.
      const still = webcam && video.current ? grab(video.current, 4096, 0.95) : null;
      setState('checking');
      (still ? client.call('photo.captureFrame', { jpeg: still }) : client.call('photo.capture', {})).then(
        (r) => {
          setReview(r);
          setState('review');
        },
        (err: unknown) => {
          setFailed({ staffNote: err instanceof ClientError ? err.body.message.ja : null });
          setState('framing');
        },
      );
      return;
    }
    const t = setTimeout(() => setCount(count - 1), 1000);
    return () => clearTimeout(t);
  }, [state, count, client, webcam]);

  const shoot = () => {
    setFailed(null);
    setCount(COUNTDOWN_FROM);
    setState('countdown');
  };
  const retake = () => {
    void client.call('photo.retake', {}).catch(() => {});
    setReview(null);
    setState('framing');
  };
  const use = () => {
    void client
      .call('photo.accept', {})
      .then((r) => {
        setReview(r);
        setState('printing');
        // A photo that fails a check waits for staff, who may print it from the console.
        // Progress arrives as print.changed events (a fast printer may finish before the reply).
        return r.ok ? client.call('photo.print', {}) : undefined;
      })
      .catch(() => setState('printing'));
  };

  if (state === 'intro') {
    return (
      <section className="wizard-body wizard-intro" data-testid="photo-intro">
        <h1 className="wizard-title">{words.title}</h1>
        <div className="photo-intro-grid">
          <section className="prepare" aria-labelledby="prepare-title" data-testid="photo-prepare">
            <h2 id="prepare-title" className="prepare-title">{words.prepareTitle}</h2>
            <ul className="prepare-list">
              {words.prepare.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
          <div className="photo-intro-go">
            <p className="wizard-note">{words.privacy}</p>
            <div className="touch-row">
              <button type="button" className="btn-touch btn-touch-primary" onClick={() => setState('framing')}>
                {words.take}
              </button>
              <button type="button" className="btn-touch btn-touch-quiet" onClick={onDone}>
                {words.skip}
              </button>
            </div>
          </div>
        </div>
      </section>
    );
  }
  if (state === 'framing' || state === 'countdown') {
    return (
      <section className="wizard-body wizard-photo" data-testid="photo-framing">
        <h1 className="wizard-title">{words.framingTitle}</h1>
        {webcam ? <WebcamView client={client} words={words} video={video} /> : <LiveView client={client} words={words} />}
        {failed ? <p className="wizard-note hint-warn">{cameraLost ? words.cameraWaiting : words.shotFailed}</p> : null}
        {/* Once the camera is lost the live view says why; otherwise (no focus, a full card) it is said here. */}
        {failed?.staffNote && !cameraLost ? (
          <p className="live-staff" lang="ja" data-testid="shot-problem">
            {STAFF_NOTE_JA}: {failed.staffNote}
          </p>
        ) : null}
        {state === 'countdown' ? (
          <div className="countdown" aria-live="assertive" data-testid="countdown">
            {count}
          </div>
        ) : (
          <button type="button" className="btn-touch btn-touch-primary btn-shoot" onClick={shoot} disabled={cameraLost && !webcam}>
            {words.shoot}
          </button>
        )}
      </section>
    );
  }
  if (state === 'checking') {
    return (
      <section className="wizard-body" data-testid="photo-checking">
        <h1 className="wizard-title">{words.checking}</h1>
      </section>
    );
  }
  if (state === 'review' && review) {
    // What to change, first things first and two at most (review-advice.ts).
    const advice = reviewAdvice(review.checks);
    return (
      <section className="wizard-body wizard-review" data-testid="photo-review" data-ok={review.ok}>
        <h1 className="wizard-title">{review.ok ? words.okTitle : advice.notes.length > 0 ? words.fixTitle : words.staffCheck}</h1>
        <div className="review">
          {review.photo ? <img className="review-photo" src={`data:image/jpeg;base64,${review.photo}`} alt={words.title} /> : null}
          <ul className="review-checks">
            {advice.notes.map((id) => (
              <li key={id} className="review-fail" data-check={id}>
                {words.checks[id]}
              </li>
            ))}
            {advice.staffToo && advice.notes.length > 0 ? <li className="review-unsure">{words.staffCheck}</li> : null}
          </ul>
        </div>
        <div className="touch-row">
          <button type="button" className="btn-touch" onClick={retake}>
            {words.retake}
          </button>
          {review.faces > 0 ? (
            <button type="button" className={review.ok ? 'btn-touch btn-touch-primary' : 'btn-touch'} onClick={use}>
              {words.use}
            </button>
          ) : null}
        </div>
      </section>
    );
  }
  // printing: following the job, or waiting for staff to check a photo that failed a check.
  const done = print?.state === 'done';
  return (
    <section className="wizard-body" data-testid="photo-printing" data-state={print?.state ?? 'staff'}>
      <h1 className="wizard-title">{print ? (done ? words.printed : print.state === 'error' ? words.printProblem : words.printing) : words.staffCheck}</h1>
      {done ? (
        <p className="wizard-note photo-back" data-testid="photo-back">
          {words.photoBack}
        </p>
      ) : null}
      {review?.online ? <p className="wizard-note">{words.online}</p> : null}
      <div className="touch-row">
        <button type="button" className={done ? 'btn-touch btn-touch-primary' : 'btn-touch btn-touch-quiet'} onClick={onDone}>
          {words.next}
        </button>
      </div>
    </section>
  );
}
