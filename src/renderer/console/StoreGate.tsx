// Before anything else, the store must be open: on a new device the lead chooses the passphrase;
// on a locked one the lead enters it; after the end-of-event wipe the screen says so.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { MadoguchiClient, StoreStatus } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';
import { AfterWipeNotes } from './WipePanel.js';

const MIN = 8;

function when(iso: string): string {
  return new Date(iso).toLocaleString('ja-JP', { dateStyle: 'long', timeStyle: 'short' });
}

export function StoreGate({ client, opens, children }: { client: MadoguchiClient; opens: number; children: ReactNode }) {
  const t = useT();
  const [status, setStatus] = useState<StoreStatus>();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, run, setError } = useAction();

  useEffect(() => {
    if (opens === 0) return;
    client.call('store.status', {}).then(setStatus, setError);
    return client.on('store.changed', setStatus);
  }, [client, opens]);

  if (!status) return null;
  if (status.state === 'open') return <>{children}</>;

  const creating = status.state === 'new' || status.state === 'wiped';
  const problem = creating && passphrase && passphrase.length < MIN ? t('passphraseShort') : creating && again && again !== passphrase ? t('passphraseMismatch') : null;
  const ready = !busy && passphrase.length > 0 && (!creating || (passphrase.length >= MIN && again === passphrase));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(
      () =>
        client.call('store.unlock', { passphrase }).finally(() => {
          setPassphrase('');
          setAgain('');
          // After a wrong passphrase the wait before the next check has grown: show it.
          client.call('store.status', {}).then(setStatus, () => {});
        }),
      setStatus,
    );
  };

  return (
    <div className="narrow">
      {status.state === 'wiped' && status.wipedAt ? (
        <p className="notice" role="status" data-testid="wiped-notice">
          {t('wipedNotice').replace('{date}', when(status.wipedAt))}
          {status.wipeCertificate ? (
            <>
              <br />
              <span className="small">
                {t('wipeCertificate')}: <code>{status.wipeCertificate}</code>
              </span>
            </>
          ) : null}
        </p>
      ) : null}
      {status.state === 'wiped' && status.afterWipe ? (
        // The folder of the certificate (a path as the OS wrote it: / or \\).
        <AfterWipeNotes notes={status.afterWipe} certificateDir={status.wipeCertificate?.replace(/[\\/][^\\/]*$/, '') ?? ''} />
      ) : null}
      <Panel title={creating ? t('storeNewTitle') : t('storeLockedTitle')}>
        <form className="form" onSubmit={submit} autoComplete="off" data-testid="store-gate">
          <p className="muted">{creating ? t('storeNewHelp') : t('storeLockedHelp')}</p>
          <label className="field">
            <span>{t('passphrase')}</span>
            <input type="password" name="passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" spellCheck={false} autoFocus maxLength={256} />
          </label>
          {creating ? (
            <label className="field">
              <span>{t('passphraseAgain')}</span>
              <input type="password" name="passphraseAgain" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="off" spellCheck={false} maxLength={256} />
            </label>
          ) : null}
          {problem ? <p className="hint-warn">{problem}</p> : null}
          {status.retryDelaySeconds > 0 ? <p className="hint-warn">{t('retryWait').replace('{s}', String(status.retryDelaySeconds))}</p> : null}
          <ErrorNote error={error} />
          <button type="submit" className="btn btn-primary btn-large" disabled={!ready}>
            {busy ? t('unlocking') : creating ? t('createStore') : t('unlock')}
          </button>
        </form>
      </Panel>
    </div>
  );
}
