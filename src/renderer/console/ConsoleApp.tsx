// The operator console: the laptop window booth staff work in all day.
import { useEffect, useState } from 'react';
import type { AppStatus, DaySummary } from '../../shared/contract.js';
import type { Lang } from '../../shared/text.js';
import type { Connection } from '../client/client.js';
import { LangContext, useT } from '../i18n.js';
import { useConnectionState, useLive } from '../ui/hooks.js';
import { ConnectionBanner, ModeBanner } from '../ui/parts.js';
import { ClosedSummary, DayView } from './DayView.js';
import { OpenDay } from './OpenDay.js';
import { StoreGate } from './StoreGate.js';
import { SessionGate, StaffPanel } from './SessionGate.js';
import { WipePanel } from './WipePanel.js';
import { EventsPanel } from './EventsPanel.js';
import { TrainingPanel } from './TrainingPanel.js';
import { ReportsPanel } from './ReportsPanel.js';
import { DocumentsPanel } from './DocumentsPanel.js';
import { SettingsPanel } from './SettingsPanel.js';
import type { ConsoleSession, MadoguchiClient } from '../../shared/contract.js';
import { appModeOf } from '../../shared/app-mode.js';

type Section = 'open' | 'events' | 'documents' | 'staff' | 'reports' | 'settings' | 'wipe';

/** Before the day opens: open it, or (by role) plan events, keep the roster and training, wipe. */
function SeasonArea({ client, session }: { client: MadoguchiClient; session: ConsoleSession }) {
  const t = useT();
  const can = (p: ConsoleSession['permissions'][number]) => session.permissions.includes(p);
  const sections: Section[] = [
    ...(session.member.role !== 'office' ? (['open'] as const) : []),
    ...(can('manageEvents') ? (['events', 'documents'] as const) : []),
    ...(can('manageStaff') ? (['staff'] as const) : []),
    ...(can('exportReports') ? (['reports'] as const) : []),
    ...(can('changeSettings') ? (['settings'] as const) : []),
    ...(can('wipe') ? (['wipe'] as const) : []),
  ];
  const [chosen, setSection] = useState<Section>(sections[0] ?? 'open');
  const section = sections.includes(chosen) ? chosen : (sections[0] ?? 'open');
  return (
    <div className="stack">
      {sections.length > 1 ? (
        <nav className="tabs section-tabs" aria-label={t('seasonNav')}>
          {sections.map((x) => (
            <button key={x} type="button" className={section === x ? 'tab tab-on' : 'tab'} aria-current={section === x ? 'page' : undefined} onClick={() => setSection(x)}>
              {t(`section_${x}`)}
            </button>
          ))}
        </nav>
      ) : null}
      {section === 'open' ? <OpenDay client={client} session={session} onGoEvents={can('manageEvents') ? () => setSection('events') : null} /> : null}
      {section === 'events' ? <EventsPanel client={client} /> : null}
      {section === 'documents' ? <DocumentsPanel client={client} /> : null}
      {section === 'staff' ? (
        <>
          <TrainingPanel client={client} />
          <StaffPanel client={client} />
        </>
      ) : null}
      {section === 'reports' ? <ReportsPanel client={client} /> : null}
      {section === 'settings' ? <SettingsPanel client={client} /> : null}
      {section === 'wipe' ? <WipePanel client={client} /> : null}
    </div>
  );
}

function Header({ lang, setLang, status }: { lang: Lang; setLang: (l: Lang) => void; status: AppStatus | undefined }) {
  const t = useT();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          窓
        </span>
        <div>
          <div className="brand-name">{t('appName')}</div>
          <div className="brand-sub">{t('consoleTitle')}</div>
        </div>
      </div>
      <div className="topbar-right">
        {status ? (
          <span className="muted small" title={`${t('dataDir')}: ${status.dataDir}`}>
            v{status.version}
          </span>
        ) : null}
        <button type="button" className="btn btn-quiet" onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')} lang={lang === 'ja' ? 'en' : 'ja'}>
          {t('language')}
        </button>
      </div>
    </header>
  );
}

export function ConsoleApp({ conn }: { conn: Connection }) {
  const [lang, setLang] = useState<Lang>('ja');
  const { state: connState, opens } = useConnectionState(conn);
  const { client } = conn;
  const [status, setStatus] = useState<AppStatus>();
  const [summary, setSummary] = useState<DaySummary | null>(null);
  // Reload everything each time the connection (re)opens: the host may have restarted.
  const day = useLive(client, () => client.call('day.get', {}), 'day.changed', opens);

  useEffect(() => {
    if (opens === 0) return;
    client.call('app.status', {}).then(setStatus, () => {});
    return client.on('devices.changed', (devices) => setStatus((s) => (s ? { ...s, devices, mode: appModeOf(devices) } : s)));
  }, [client, opens]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  return (
    <LangContext.Provider value={lang}>
      <div className="console">
        <Header lang={lang} setLang={setLang} status={status} />
        <ConnectionBanner state={connState} />
        <ModeBanner status={status} />
        <main className="console-main">
          <StoreGate client={client} opens={opens}>
            <SessionGate client={client}>
              {(session) => (
                <>
                  {summary ? (
                    <ClosedSummary summary={summary} onDone={() => setSummary(null)} />
                  ) : day === undefined ? null : day ? (
                    <DayView client={client} day={day} status={status} onClosed={setSummary} />
                  ) : (
                    <SeasonArea client={client} session={session} />
                  )}
                </>
              )}
            </SessionGate>
          </StoreGate>
        </main>
      </div>
    </LangContext.Provider>
  );
}
