// Small pieces both windows use.
import type { ReactNode } from 'react';
import type { AppStatus, DeviceStatus, DoctorLine } from '../../shared/contract.js';
import type { ConnectionState } from '../client/ws-bridge.js';
import { ClientError } from '../client/client.js';
import { useT, useTx } from '../i18n.js';

export function ModeBanner({ status }: { status: AppStatus | undefined }) {
  const t = useT();
  if (!status || status.mode === 'hardware') return null;
  return (
    <div className="banner banner-demo" role="status" data-testid="demo-banner">
      <span className="banner-icon" aria-hidden="true">
        ⚙
      </span>
      {status.mode === 'demo' ? t('demoBanner') : t('mixedBanner')}
    </div>
  );
}

export function ConnectionBanner({ state }: { state: ConnectionState }) {
  const t = useT();
  if (state === 'open') return null;
  return (
    <div className="banner banner-warn" role="alert">
      {state === 'connecting' ? t('connecting') : t('disconnected')}
    </div>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  const tx = useTx();
  const t = useT();
  if (!error) return null;
  const message = error instanceof ClientError ? tx(error.body.message) : error instanceof Error ? error.message : t('error');
  return (
    <p className="error-note" role="alert">
      <strong>{t('error')}:</strong> {message}
    </p>
  );
}

const ICON = { ok: '✔', warn: '▲', fail: '✖' } as const;

export function DoctorList({ lines }: { lines: DoctorLine[] }) {
  const tx = useTx();
  const t = useT();
  return (
    <ul className="checklist" data-testid="doctor-list">
      {lines.map((l) => (
        <li key={l.id} className={`check check-${l.status}`}>
          <span className="check-icon" aria-label={t(`status_${l.status}`)}>
            {ICON[l.status]}
          </span>
          <div>
            <div className="check-title">
              {tx(l.title)} <span className="check-detail">{tx(l.detail)}</span>
            </div>
            {l.fix ? <div className="check-fix">→ {tx(l.fix)}</div> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

const KIND = {
  camera: { ja: 'カメラ', en: 'Camera' },
  photoPrinter: { ja: '写真プリンター', en: 'Photo printer' },
  ticketPrinter: { ja: '整理券プリンター', en: 'Ticket printer' },
} as const;

export function DeviceList({ devices }: { devices: DeviceStatus[] }) {
  const t = useT();
  const tx = useTx();
  return (
    <ul className="devices" data-testid="device-list">
      {devices.map((d) => (
        <li key={d.kind} className="device">
          <span className="device-kind">{tx(KIND[d.kind])}</span>
          <span className={`pill ${d.simulated ? 'pill-sim' : 'pill-real'}`}>{d.simulated ? t('simulated') : t('real')}</span>
          <span className={`pill pill-${d.state}`}>{t(d.state)}</span>
          <span className="device-name">{d.name}</span>
          {d.outputDir ? (
            <span className="device-out">
              {t('outputFolder')}: <code>{d.outputDir}</code>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function Panel({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="panel">
      <header className="panel-head">
        <h2>{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** One choice of a few, as large buttons (radios to a screen reader); choosing the one chosen does nothing. */
export function Toggles<T extends string | number | boolean>({ label, options, value, onChoose, disabled }: { label: string; options: readonly { value: T; content: ReactNode }[]; value: T; onChoose: (v: T) => void; disabled?: boolean }) {
  return (
    <div className="toggles" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button key={String(o.value)} type="button" role="radio" aria-checked={value === o.value} className={value === o.value ? 'toggle toggle-on' : 'toggle'} disabled={disabled} onClick={() => value !== o.value && onChoose(o.value)}>
          {o.content}
        </button>
      ))}
    </div>
  );
}
