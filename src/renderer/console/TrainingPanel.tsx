// The roster of staff who handle personal data, with their training: nobody serves before the
// four topics are recorded (the city's condition).
import { useState, type FormEvent } from 'react';
import { TrainingTopic, type MadoguchiClient } from '../../shared/contract.js';
import { japanDay } from '../../shared/japan-day.js';
import { useT } from '../i18n.js';
import { useAction, useFresh } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';

export function TrainingPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const [staff] = useFresh(client, () => client.call('staff.list', {}), ['staff.changed']);
  const [records] = useFresh(client, () => client.call('staff.training', {}), ['staff.changed']);
  const [staffId, setStaffId] = useState<number | null>(null);
  const [heldOn, setHeldOn] = useState(japanDay(new Date()));
  const [topics, setTopics] = useState<TrainingTopic[]>([...TrainingTopic.options]);
  const [trainer, setTrainer] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { error, run, busy } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (staffId === null) return;
    setDone(null);
    run(
      () => client.call('staff.recordTraining', { staffId, heldOn, topics, trainer }),
      (m) => setDone(t('trainingRecorded').replace('{name}', m.displayName)),
    );
  };
  const flip = (topic: TrainingTopic) => setTopics((ts) => (ts.includes(topic) ? ts.filter((x) => x !== topic) : [...ts, topic]));
  const lastHeld = (id: number) =>
    (records ?? [])
      .filter((r) => r.staffId === id)
      .map((r) => r.heldOn)
      .sort()
      .at(-1);

  return (
    <div className="columns">
      <Panel title={t('rosterTitle')}>
        <table className="grid-table" data-testid="roster-table">
          <thead>
            <tr>
              <th scope="col">{t('staffName')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('handlesPersonalData')}</th>
              <th scope="col">{t('training')}</th>
            </tr>
          </thead>
          <tbody>
            {(staff ?? []).map((m) => (
              <tr key={m.id}>
                <td>{m.displayName}</td>
                <td>{t(`role_${m.role}`)}</td>
                <td>{m.handlesPersonalData ? t('yes') : t('no')}</td>
                <td>
                  {m.trainingMissing.length === 0 ? (
                    <span className="pill pill-ready">
                      {t('trainingDone')} {lastHeld(m.id) ?? ''}
                    </span>
                  ) : (
                    <span className="pill pill-offline">
                      {t('untrained')}: {m.trainingMissing.map((x) => t(`topic_${x}`)).join(t('listSep'))}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <Panel title={t('trainingRecordTitle')}>
        <form className="form" onSubmit={submit} autoComplete="off" noValidate data-testid="training-form">
          <label className="field">
            <span>{t('staffName')}</span>
            <select name="trainingStaff" value={staffId ?? ''} onChange={(e) => setStaffId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">—</option>
              {(staff ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.displayName}
                </option>
              ))}
            </select>
          </label>
          <div className="inline">
            <label className="field">
              <span>{t('heldOn')}</span>
              <input type="date" name="heldOn" value={heldOn} max={japanDay(new Date())} onChange={(e) => setHeldOn(e.target.value)} autoComplete="off" />
            </label>
            <label className="field grow">
              <span>{t('trainer')}</span>
              <input name="trainer" value={trainer} onChange={(e) => setTrainer(e.target.value)} maxLength={60} autoComplete="off" spellCheck={false} />
            </label>
          </div>
          <fieldset className="field plain-fieldset">
            <legend className="label">{t('topics')}</legend>
            <div className="inline">
              {TrainingTopic.options.map((x) => (
                <label key={x} className="duty-item">
                  <input type="checkbox" name={`topic-${x}`} checked={topics.includes(x)} onChange={() => flip(x)} />
                  {t(`topic_${x}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {done ? <p className="wipe-ok">{done}</p> : null}
          <ErrorNote error={error} />
          <button type="submit" className="btn btn-primary" disabled={busy || staffId === null || topics.length === 0 || !trainer.trim() || !heldOn}>
            {t('recordTraining')}
          </button>
        </form>
      </Panel>
    </div>
  );
}
