// The end-of-event wipe, for the lead: where the certificate goes, where it happened, the PIN
// again, and an explicit confirmation.
import { useState, type FormEvent } from 'react';
import type { AfterWipe, MadoguchiClient, WipeAllResult } from '../../shared/contract.js';
import { afterWipeNotes } from '../../shared/after-wipe.js';
import { useT, useTx } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';

/**
 * What the lead still has to do after the wipe: format the camera's card, have the print jobs CUPS
 * kept purged, copy the certificate off this computer's disk. Shown when the wipe ends and, from
 * wiped.json, whenever the console opens on the wiped device.
 */
export function AfterWipeNotes({ notes, certificateDir }: { notes: AfterWipe; certificateDir: string }) {
  const tx = useTx();
  return (
    <>
      {afterWipeNotes(notes, certificateDir).map((n) => (
        <p key={n.id} className="notice" data-testid={`wipe-${n.id}`}>
          {tx(n.text)}
        </p>
      ))}
    </>
  );
}

export function WipePanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const [dir, setDir] = useState('');
  const [place, setPlace] = useState('');
  const [pin, setPin] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const { busy, error, run } = useAction();
  const [done, setDone] = useState<WipeAllResult | null>(null);
  // Destructive and used once a season: closed until the lead opens it.
  const [opened, setOpened] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(() => client.call('wipe.all', { pin, certificateDir: dir.trim(), place }).finally(() => setPin('')), setDone);
  };
  if (done) {
    return (
      <div className="stack">
        <p className="wipe-ok" role="status" data-testid="wipe-done">
          {t('wipeDone').replace('{file}', done.certificatePdf)}
        </p>
        <AfterWipeNotes notes={done} certificateDir={dir.trim()} />
      </div>
    );
  }
  if (!opened) {
    return (
      <Panel title={t('wipeTitle')}>
        <button type="button" className="btn btn-quiet" onClick={() => setOpened(true)}>
          {t('wipeOpen')}
        </button>
      </Panel>
    );
  }
  return (
    <Panel title={t('wipeTitle')}>
      <form className="form" onSubmit={submit} autoComplete="off" data-testid="wipe-panel">
        <p className="muted">{t('wipeHelp')}</p>
        <label className="field">
          <span>{t('certificateDir')}</span>
          <input name="certificateDir" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/media/usb/madoguchi" autoComplete="off" spellCheck={false} maxLength={1024} />
        </label>
        <label className="field">
          <span>{t('place')}</span>
          <input name="wipePlace" value={place} onChange={(e) => setPlace(e.target.value)} autoComplete="off" spellCheck={false} maxLength={200} />
        </label>
        <label className="field field-narrow">
          <span>PIN</span>
          <input type="password" inputMode="numeric" name="wipePin" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))} autoComplete="off" spellCheck={false} />
        </label>
        <label className="check-confirm">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} name="wipeConfirm" />
          <span>{t('wipeConfirm')}</span>
        </label>
        <ErrorNote error={error} />
        <button type="submit" className="btn btn-danger btn-large" disabled={busy || !confirmed || !dir.trim() || pin.length < 4}>
          {t('wipeRun')}
        </button>
      </form>
    </Panel>
  );
}
