// Inquiries and complaints (⑧): a category, what was asked, how it was handled, whether to
// escalate. Free text that plainly holds personal data is refused by the main process.
import { useState, type FormEvent } from 'react';
import type { MadoguchiClient } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';

const CATEGORIES = ['procedure', 'card', 'mynaPoint', 'vaccineCert', 'complaint', 'other'] as const;

export function InquiryPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const [category, setCategory] = useState<(typeof CATEGORIES)[number]>('procedure');
  const [body, setBody] = useState('');
  const [resolution, setResolution] = useState('');
  const [escalate, setEscalate] = useState(false);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    run(
      () => client.call('inquiry.add', { category, text: body, resolution, escalate }),
      () => {
        setSaved(true);
        setBody('');
        setResolution('');
        setEscalate(false);
      },
    );
  };
  return (
    <Panel title={t('inquiryTitle')}>
      <form className="form" onSubmit={submit} autoComplete="off" data-testid="inquiry-panel">
        <p className="hint-warn small">{t('inquiryWarn')}</p>
        <label className="field field-narrow">
          <span>{t('inquiryCategory')}</span>
          <select name="inquiryCategory" value={category} onChange={(e) => setCategory(e.target.value as (typeof CATEGORIES)[number])}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`cat_${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('inquiryText')}</span>
          <textarea name="inquiryText" value={body} onChange={(e) => setBody(e.target.value)} maxLength={1000} rows={3} autoComplete="off" spellCheck={false} />
        </label>
        <label className="field">
          <span>{t('inquiryResolution')}</span>
          <textarea name="inquiryResolution" value={resolution} onChange={(e) => setResolution(e.target.value)} maxLength={1000} rows={2} autoComplete="off" spellCheck={false} />
        </label>
        <label className="check-confirm">
          <input type="checkbox" name="escalate" checked={escalate} onChange={(e) => setEscalate(e.target.checked)} />
          <span>{t('escalate')}</span>
        </label>
        {saved ? <p className="wipe-ok">{t('inquirySaved')}</p> : null}
        <ErrorNote error={error} />
        <button type="submit" className="btn" disabled={busy || !body.trim()}>
          {t('saveRecord')}
        </button>
      </form>
    </Panel>
  );
}
