// Staff sign in with their PIN before serving. A new roster first registers its lead. The console
// locks itself after the idle minutes (the main process enforces it too).
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { ConsoleSession, MadoguchiClient, Role, StaffMember } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { ErrorNote, Panel } from '../ui/parts.js';

const PIN = /^\d{4,8}$/;

function PinField({ name, label, value, onChange, autoFocus }: { name: string; label: string; value: string; onChange: (v: string) => void; autoFocus?: boolean }) {
  return (
    <label className="field field-narrow">
      <span>{label}</span>
      <input
        type="password"
        inputMode="numeric"
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 8))}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        maxLength={8}
      />
    </label>
  );
}

function FirstLead({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const { busy, error, run } = useAction();
  const ready = !busy && name.trim() && PIN.test(pin) && pin === again;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(() => client.call('staff.add', { displayName: name, role: 'lead', pin, handlesPersonalData: true }).then((m) => client.call('session.signIn', { staffId: m.id, pin })));
  };
  return (
    <Panel title={t('firstLeadTitle')}>
      <form className="form" onSubmit={submit} autoComplete="off" data-testid="first-lead">
        <p className="muted">{t('firstLeadHelp')}</p>
        <label className="field">
          <span>{t('staffName')}</span>
          <input name="leadName" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoComplete="off" spellCheck={false} autoFocus />
        </label>
        <div className="inline">
          <PinField name="pin" label={t('pin')} value={pin} onChange={setPin} />
          <PinField name="pinAgain" label={t('pinAgain')} value={again} onChange={setAgain} />
        </div>
        {again && pin !== again ? <p className="hint-warn">{t('pinMismatch')}</p> : null}
        <ErrorNote error={error} />
        <button type="submit" className="btn btn-primary btn-large" disabled={!ready}>
          {t('register')}
        </button>
      </form>
    </Panel>
  );
}

function SignIn({ client, staff }: { client: MadoguchiClient; staff: StaffMember[] }) {
  const t = useT();
  const [chosen, setChosen] = useState<number | null>(staff.length === 1 ? (staff[0]?.id ?? null) : null);
  const [pin, setPin] = useState('');
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen === null) return;
    run(() => client.call('session.signIn', { staffId: chosen, pin }).finally(() => setPin('')));
  };
  return (
    <Panel title={t('signInTitle')}>
      <form className="form" onSubmit={submit} autoComplete="off" data-testid="sign-in">
        <p className="muted">{t('signInHelp')}</p>
        <div className="staff-pick" role="radiogroup" aria-label={t('staffName')}>
          {staff
            .filter((m) => m.active)
            .map((m) => (
              <button
                key={m.id}
                type="button"
                role="radio"
                aria-checked={chosen === m.id}
                className={`staff-pick-item${chosen === m.id ? ' chosen' : ''}`}
                onClick={() => setChosen(m.id)}
              >
                <span className="staff-pick-name">{m.displayName}</span>
                <span className="staff-pick-role">{t(`role_${m.role}`)}</span>
              </button>
            ))}
        </div>
        <PinField name="signInPin" label="PIN" value={pin} onChange={setPin} autoFocus />
        <ErrorNote error={error} />
        <button type="submit" className="btn btn-primary btn-large" disabled={busy || chosen === null || !PIN.test(pin)}>
          {t('signIn')}
        </button>
      </form>
    </Panel>
  );
}

export function StaffPanel({ client }: { client: MadoguchiClient }) {
  const t = useT();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [pin, setPin] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const { error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    run(
      () => client.call('staff.add', { displayName: name, role, pin, handlesPersonalData: true }),
      (m) => {
        setDone(t('staffAdded').replace('{name}', m.displayName));
        setName('');
        setPin('');
      },
    );
  };
  return (
    <Panel title={t('staffTitle')}>
      <form className="form" onSubmit={submit} autoComplete="off" data-testid="staff-panel">
        <div className="inline">
          <label className="field">
            <span>{t('staffName')}</span>
            <input name="newStaffName" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoComplete="off" spellCheck={false} />
          </label>
          <label className="field field-narrow">
            <span>{t('role')}</span>
            <select name="newStaffRole" value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {(['staff', 'lead', 'office'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`role_${r}`)}
                </option>
              ))}
            </select>
          </label>
          <PinField name="newStaffPin" label={t('pin')} value={pin} onChange={setPin} />
        </div>
        {done ? <p className="wipe-ok">{done}</p> : null}
        <ErrorNote error={error} />
        <button type="submit" className="btn" disabled={!name.trim() || !PIN.test(pin)}>
          {t('register')}
        </button>
      </form>
    </Panel>
  );
}

/** Signs the console out after `minutes` without a key press, click or touch. */
function useIdleLock(client: MadoguchiClient, session: ConsoleSession | null) {
  useEffect(() => {
    if (!session) return;
    let timer = setTimeout(lock, session.idleMinutes * 60_000);
    function lock() {
      void client.call('session.signOut', { reason: 'idle' }).catch(() => {});
    }
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, session.idleMinutes * 60_000);
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, reset, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, reset);
    };
  }, [client, session]);
}

export function SessionGate({ client, children }: { client: MadoguchiClient; children: (session: ConsoleSession) => ReactNode }) {
  const t = useT();
  const [session, setSession] = useState<ConsoleSession | null>();
  const [staff, setStaff] = useState<StaffMember[]>();
  useEffect(() => {
    client.call('session.get', {}).then(setSession, () => setSession(null));
    client.call('staff.list', {}).then(setStaff, () => setStaff([]));
    const offSession = client.on('session.changed', setSession);
    const offStaff = client.on('staff.changed', setStaff);
    return () => {
      offSession();
      offStaff();
    };
  }, [client]);
  useIdleLock(client, session ?? null);

  if (session === undefined || staff === undefined) return null;
  if (!session) {
    return <div className="narrow">{staff.length === 0 ? <FirstLead client={client} /> : <SignIn client={client} staff={staff} />}</div>;
  }
  return (
    <>
      <div className="session-bar" data-testid="session-bar">
        <span>
          {t('signedInAs').replace('{name}', session.member.displayName).replace('{role}', t(`role_${session.member.role}`))}
        </span>
        <button type="button" className="btn btn-quiet" onClick={() => void client.call('session.signOut', { reason: 'user' })}>
          {t('lock')}
        </button>
      </div>
      {children(session)}
    </>
  );
}
