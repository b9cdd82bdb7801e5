// The lead's settings area for the ID photo: the rules the checks judge by and the paper the sheet
// is printed on. The head size and top margin are figures J-LIS shows only in a diagram
// (spec/photo.md): they are marked unconfirmed here, beside their defaults, for the city to
// confirm. Changes are used from the next shot on.
import { useEffect, useState, type FormEvent } from 'react';
import type { MadoguchiClient, Paper, PhotoSettings, PhotoSettingsView } from '../../shared/contract.js';
import { PHOTO_MM, PHOTO_RULE_BOUNDS, type PhotoRules } from '../../shared/photo-rules.js';
import { useT } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';

type RangeKey = 'headMm' | 'topMarginMm';
type NumberKey = 'centreToleranceMm' | 'maxRollDeg' | 'minDpi' | 'onlineHeightPx';

/** Each figure with its bounds and unit, as the settings file accepts them. */
const RANGES = (['headMm', 'topMarginMm'] as const).map((key: RangeKey) => ({ key, ...PHOTO_RULE_BOUNDS[key] }));
const NUMBERS = (['centreToleranceMm', 'maxRollDeg', 'minDpi', 'onlineHeightPx'] as const).map((key: NumberKey) => ({ key, ...PHOTO_RULE_BOUNDS[key] }));
const PAPERS: Paper[] = ['L', 'KG', '2L'];
const ENDS = ['min', 'target', 'max'] as const;

/** The form holds what was typed; numbers are read when it is saved. */
type Draft = Record<string, string>;

function draftOf(s: PhotoSettings): Draft {
  const d: Draft = { paper: s.paper };
  for (const { key } of RANGES) for (const end of ENDS) d[`${key}.${end}`] = String(s.rules[key][end]);
  for (const { key } of NUMBERS) d[key] = String(s.rules[key]);
  return d;
}

export function SettingsPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const shown = (r: { min: number; target: number; max: number }, unit: string) =>
    t('settingsDefaultRange').replace('{min}', String(r.min)).replace('{max}', String(r.max)).replace('{target}', String(r.target)).replaceAll('{unit}', unit);
  const [view, setView] = useState<PhotoSettingsView>();
  const [draft, setDraft] = useState<Draft>({});
  const [saved, setSaved] = useState(false);
  const { busy, error, run, setError } = useAction();
  useEffect(() => {
    client.call('settings.photo', {}).then((v) => {
      setView(v);
      setDraft(draftOf(v.current));
    }, setError);
  }, [client]);
  if (!view) return <ErrorNote error={error} />;

  const edit = (k: string, v: string) => {
    setSaved(false);
    setError(null);
    setDraft({ ...draft, [k]: v });
  };
  /** The form as settings, or the first thing wrong with it, named as the form names it. */
  const read = (): PhotoSettings | string => {
    const num = (k: string, label: string, b: { min: number; max: number; step: number }): number | string => {
      const v = Number(draft[k]);
      if ((draft[k] ?? '').trim() === '' || !Number.isFinite(v)) return t('settingsNotNumber').replace('{field}', label);
      if (v < b.min || v > b.max || (b.step === 1 && !Number.isInteger(v))) return t('settingsOutOfBounds').replace('{field}', label).replace('{min}', String(b.min)).replace('{max}', String(b.max));
      return v;
    };
    const rules: Record<string, unknown> = {};
    for (const r of RANGES) {
      const ends: Record<string, number> = {};
      for (const end of ENDS) {
        const v = num(`${r.key}.${end}`, `${t(`rule_${r.key}`)}（${t(`rangeEnd_${end}`)}）`, r);
        if (typeof v === 'string') return v;
        ends[end] = v;
      }
      if (!(ends.min! <= ends.target! && ends.target! <= ends.max!)) return t('settingsRangeOrder').replace('{field}', t(`rule_${r.key}`));
      rules[r.key] = ends;
    }
    const head = rules.headMm as { max: number };
    const margin = rules.topMarginMm as { max: number };
    if (head.max + margin.max > PHOTO_MM.height) return t('settingsTooTall').replace('{mm}', String(PHOTO_MM.height));
    for (const n of NUMBERS) {
      const v = num(n.key, t(`rule_${n.key}`), n);
      if (typeof v === 'string') return v;
      rules[n.key] = v;
    }
    return { rules: rules as PhotoRules, paper: (draft.paper ?? view.current.paper) as Paper };
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const next = read();
    if (typeof next === 'string') {
      setError(new Error(next));
      return;
    }
    run(
      () => client.call('settings.savePhoto', next),
      (v) => {
        setView(v);
        setDraft(draftOf(v.current));
        setSaved(true);
      },
    );
  };
  const unconfirmed = (k: string) => view.unconfirmed.includes(k);
  const field = (k: string, label: string, b: { min: number; max: number; step: number }) => (
    <input
      name={k}
      aria-label={label}
      type="number"
      inputMode="decimal"
      min={b.min}
      max={b.max}
      step={b.step}
      autoComplete="off"
      spellCheck={false}
      value={draft[k] ?? ''}
      onChange={(e) => edit(k, e.target.value)}
    />
  );
  return (
    <Panel title={t('settingsPhotoTitle')}>
      {/* The form's own checks name the field in the console's language; the browser's would stop a 2.7° tilt for its step. */}
      <form className="form settings-form" onSubmit={save} noValidate data-testid="photo-settings">
        <p className="muted">{t('settingsPhotoHelp')}</p>
        {RANGES.map((r) => (
          <fieldset key={r.key} className={unconfirmed(r.key) ? 'settings-rule settings-unconfirmed' : 'settings-rule'}>
            <legend>
              {t(`rule_${r.key}`)}
              {unconfirmed(r.key) ? <span className="pill pill-busy">{t('settingsUnconfirmed')}</span> : null}
            </legend>
            <div className="inline settings-range">
              {ENDS.map((end) => (
                <label key={end} className="field field-narrow">
                  <span>{t(`rangeEnd_${end}`)}</span>
                  <span className="inline settings-unit">
                    {field(`${r.key}.${end}`, `${t(`rule_${r.key}`)}（${t(`rangeEnd_${end}`)}）`, r)} {r.unit}
                  </span>
                </label>
              ))}
            </div>
            <p className="muted small">{shown(view.defaults.rules[r.key], r.unit)}</p>
            {unconfirmed(r.key) ? <p className="small settings-why">{t('settingsUnconfirmedWhy')}</p> : null}
          </fieldset>
        ))}
        <div className="settings-numbers">
          {NUMBERS.map((n) => (
            <label key={n.key} className="field field-narrow">
              <span>{t(`rule_${n.key}`)}</span>
              <span className="inline settings-unit">
                {field(n.key, t(`rule_${n.key}`), n)} {n.unit}
              </span>
              <span className="muted small">{t('settingsDefault').replace('{value}', `${view.defaults.rules[n.key]} ${n.unit}`)}</span>
            </label>
          ))}
          <label className="field field-narrow">
            <span>{t('settingsPaper')}</span>
            <select name="paper" value={draft.paper ?? view.current.paper} onChange={(e) => edit('paper', e.target.value)}>
              {PAPERS.map((p) => (
                <option key={p} value={p}>
                  {t(`paper_${p}`)}
                </option>
              ))}
            </select>
            <span className="muted small">{t('settingsDefault').replace('{value}', t(`paper_${view.defaults.paper}`))}</span>
          </label>
        </div>
        <ErrorNote error={error} />
        {saved && !error ? (
          <p className="wipe-ok" role="status">
            {t('settingsSaved')}
          </p>
        ) : null}
        <div className="inline">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('settingsSave')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy}
            onClick={() => {
              setDraft(draftOf(view.defaults));
              setSaved(false);
              setError(null);
            }}
          >
            {t('settingsToDefaults')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
