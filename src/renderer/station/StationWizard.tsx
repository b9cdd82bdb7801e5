// The citizen's steps on the touchscreen while a visit is open: choose a language, the photo
// (PhotoSteps), then the survey, one question per screen, then thanks. No typing; targets at
// least 64 px; left untouched (90 s, a setting) it returns to the start, and the shot is zeroed.
import { useEffect, useRef, useState } from 'react';
import { AGE_BANDS, type AgeBand, type MadoguchiClient } from '../../shared/contract.js';
import { SURVEY } from '../../shared/survey.js';
import { ClientError } from '../client/client.js';
import { bandRange, STATION_LANGS, STATION_WORDS, type StationLang } from './locales.js';
import { PhotoSteps } from './PhotoSteps.js';

type Step = { kind: 'language' } | { kind: 'photo' } | { kind: 'intro' } | { kind: 'question'; index: number } | { kind: 'age' } | { kind: 'done'; message: 'thanks' | 'already' | 'problem' };

export function StationWizard({ client, idleSeconds = 90 }: { client: MadoguchiClient; idleSeconds?: number }) {
  const [lang, setLang] = useState<StationLang>('ja');
  const [step, setStep] = useState<Step>({ kind: 'language' });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [highContrast, setHighContrast] = useState(false);
  const [sending, setSending] = useState(false);
  const w = STATION_WORDS[lang];

  // Idle: back to the start, forgetting the answers given so far.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const restart = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        void client.call('photo.retake', {}).catch(() => {});
        setAnswers({});
        setStep({ kind: 'language' });
        setLang('ja');
        setHighContrast(false);
      }, idleSeconds * 1000);
    };
    restart();
    window.addEventListener('pointerdown', restart);
    return () => {
      if (timer.current) clearTimeout(timer.current);
      window.removeEventListener('pointerdown', restart);
    };
  }, [client, idleSeconds]);

  useEffect(() => {
    document.documentElement.lang = w.htmlLang;
    document.body.classList.toggle('high-contrast', highContrast);
  }, [w.htmlLang, highContrast]);
  // The next citizen starts with the usual colours: the visit's end (the wizard goes) takes them back.
  useEffect(() => () => document.body.classList.remove('high-contrast'), []);

  const send = (ageBand: AgeBand | null) => {
    setSending(true);
    client
      .call('survey.submit', { answers, source: 'station', ...(ageBand ? { ageBand } : {}) })
      .then(
        () => setStep({ kind: 'done', message: 'thanks' }),
        (err: unknown) => setStep({ kind: 'done', message: err instanceof ClientError && err.body.code === 'conflict' ? 'already' : 'problem' }),
      )
      .finally(() => setSending(false));
  };

  const next = (index: number) => setStep(index + 1 < SURVEY.length ? { kind: 'question', index: index + 1 } : { kind: 'age' });

  return (
    <div className="wizard" data-testid="station-wizard" data-lang={lang}>
      <div className="wizard-top">
        <button type="button" className="btn-touch btn-touch-quiet" aria-pressed={highContrast} onClick={() => setHighContrast(!highContrast)}>
          {w.easierToRead}
        </button>
      </div>
      {step.kind === 'language' ? (
        <section className="wizard-body">
          <h1 className="wizard-title">
            {STATION_LANGS.map((l) => STATION_WORDS[l].chooseLanguage).filter((v, i, a) => a.indexOf(v) === i).slice(0, 3).join(' / ')}
          </h1>
          <div className="touch-grid">
            {STATION_LANGS.map((l) => (
              <button
                key={l}
                type="button"
                className="btn-touch"
                lang={STATION_WORDS[l].htmlLang}
                onClick={() => {
                  setLang(l);
                  setStep({ kind: 'photo' });
                }}
              >
                {STATION_WORDS[l].langName}
              </button>
            ))}
          </div>
        </section>
      ) : null}
      {step.kind === 'photo' ? <PhotoSteps client={client} words={w.photo} onDone={() => setStep({ kind: 'intro' })} /> : null}
      {step.kind === 'intro' ? (
        <section className="wizard-body">
          <h1 className="wizard-title">{w.surveyTitle}</h1>
          <p className="wizard-note">{w.surveyNote}</p>
          <div className="touch-row">
            <button type="button" className="btn-touch btn-touch-primary" onClick={() => setStep({ kind: 'question', index: 0 })}>
              {w.start}
            </button>
            <button type="button" className="btn-touch btn-touch-quiet" onClick={() => setStep({ kind: 'done', message: 'thanks' })}>
              {w.noThanks}
            </button>
          </div>
        </section>
      ) : null}
      {step.kind === 'question'
        ? (() => {
            const q = SURVEY[step.index];
            if (!q) return null;
            const words = w.survey[q.id];
            return (
              <section className="wizard-body wizard-question" aria-labelledby="question">
                <p className="wizard-progress">{w.progress.replace('{n}', String(step.index + 1)).replace('{total}', String(SURVEY.length))}</p>
                <h1 id="question" className="wizard-title">
                  {words?.q}
                </h1>
                <div className="touch-grid" role="radiogroup" aria-labelledby="question">
                  {q.choices.map((c) => (
                    <button
                      key={c.id}
                      type="button"
                      role="radio"
                      aria-checked={answers[q.id] === c.id}
                      className={`btn-touch${answers[q.id] === c.id ? ' chosen' : ''}`}
                      onClick={() => {
                        setAnswers({ ...answers, [q.id]: c.id });
                        next(step.index);
                      }}
                    >
                      {words?.choices[c.id]}
                    </button>
                  ))}
                </div>
                <div className="touch-row">
                  <button type="button" className="btn-touch btn-touch-quiet" onClick={() => setStep(step.index === 0 ? { kind: 'intro' } : { kind: 'question', index: step.index - 1 })}>
                    {w.back}
                  </button>
                  <button type="button" className="btn-touch btn-touch-quiet" onClick={() => next(step.index)}>
                    {w.skip}
                  </button>
                </div>
              </section>
            );
          })()
        : null}
      {step.kind === 'age' ? (
        <section className="wizard-body wizard-age" aria-labelledby="age">
          <h1 id="age" className="wizard-title">
            {w.ageQuestion}
          </h1>
          <div className="touch-grid touch-grid-small">
            {AGE_BANDS.slice(3).map((b) => {
              const [from, to] = bandRange(b);
              return (
                <button key={b} type="button" className="btn-touch" disabled={sending} onClick={() => send(b)}>
                  {w.band(from, to)}
                </button>
              );
            })}
          </div>
          <div className="touch-row">
            <button type="button" className="btn-touch btn-touch-quiet" onClick={() => setStep({ kind: 'question', index: SURVEY.length - 1 })}>
              {w.back}
            </button>
            <button type="button" className="btn-touch btn-touch-primary" disabled={sending} onClick={() => send(null)}>
              {w.send}
            </button>
          </div>
        </section>
      ) : null}
      {step.kind === 'done' ? (
        <section className="wizard-body" data-testid="wizard-done">
          <h1 className="wizard-title">{step.message === 'thanks' ? w.thanks : step.message === 'already' ? w.already : w.problem}</h1>
          <p className="wizard-note">{w.thanksNote}</p>
        </section>
      ) : null}
    </div>
  );
}
