// The city's incentive: the kana name and birth date only go to the main process to be hashed;
// the form forgets them as soon as the answer comes back.
import { useEffect, useState, type FormEvent } from 'react';
import type { IncentiveDay, MadoguchiClient } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';
import { BirthDateField } from './BirthDateField.js';

function today(): string {
  return new Date().toLocaleDateString('sv-SE');
}

export function IncentivePanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const [nameKana, setNameKana] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [applicationDate, setApplicationDate] = useState(today());
  const [paid, setPaid] = useState<number | null>(null);
  const [day, setDay] = useState<IncentiveDay>();
  const { busy, error, run, setError } = useAction();

  useEffect(() => {
    client.call('incentive.today', {}).then(setDay, setError);
  }, [client, setError]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPaid(null);
    run(
      () =>
        client.call('incentive.pay', { nameKana, birthDate, applicationDate }).finally(() => {
          setNameKana('');
          setBirthDate('');
        }),
      (r) => {
        setPaid(r.amountYen);
        setDay(r.day);
      },
    );
  };

  return (
    <Panel title={t('incentiveTitle')} actions={day ? <span className="muted small">{t('incentiveToday').replace('{n}', String(day.count)).replace('{yen}', day.totalYen.toLocaleString('ja-JP'))}</span> : null}>
      <form className="form" onSubmit={submit} autoComplete="off" data-testid="incentive-panel">
        <p className="muted small">{t('incentiveHelp')}</p>
        <div className="inline">
          <label className="field">
            <span>{t('nameKana')}</span>
            <input name="nameKana" value={nameKana} onChange={(e) => setNameKana(e.target.value)} autoComplete="off" spellCheck={false} maxLength={60} lang="ja" />
          </label>
          <BirthDateField value={birthDate} onChange={setBirthDate} />
          <label className="field field-narrow">
            <span>{t('applicationDate')}</span>
            <input type="date" name="applicationDate" value={applicationDate} onChange={(e) => setApplicationDate(e.target.value)} autoComplete="off" />
          </label>
        </div>
        {paid !== null ? (
          <p className="wipe-ok" role="status" data-testid="incentive-paid">
            {t('incentivePaid').replace('{yen}', paid.toLocaleString('ja-JP'))}
          </p>
        ) : null}
        <ErrorNote error={error} />
        <button type="submit" className="btn" disabled={busy || !nameKana.trim() || !birthDate || !applicationDate}>
          {t('payIncentive')}
        </button>
      </form>
    </Panel>
  );
}
