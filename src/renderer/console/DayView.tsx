// The open day: who and where, the devices, and closing the day.
import { useEffect, useState, type ReactNode } from 'react';
import type { AppStatus, DaySummary, DayState, MadoguchiClient } from '../../shared/contract.js';
import { useT } from '../i18n.js';
import { useAction } from '../ui/hooks.js';
import { DeviceList, ErrorNote, Panel } from '../ui/parts.js';
import { IncentivePanel } from './IncentivePanel.js';
import { InquiryPanel } from './InquiryPanel.js';
import { QueuePanel } from './QueuePanel.js';
import { VisitPanel } from './VisitPanel.js';
import { CalibrationPanel } from './CalibrationPanel.js';
import { CameraTurnPanel } from './CameraTurnPanel.js';
import { WebcamPanel } from './WebcamPanel.js';
import { clock } from '../ui/format.js';

type SideTab = 'incentive' | 'inquiry' | 'devices' | 'day';

/** One tab's pane; hidden, not unmounted, when another tab is shown. */
function Pane({ id, shown, children }: { id: SideTab; shown: SideTab; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`pane-${id}`} aria-labelledby={`tab-${id}`} hidden={shown !== id}>
      {children}
    </div>
  );
}

export function DayView({
  client,
  day,
  status,
  onClosed,
}: {
  client: MadoguchiClient;
  day: DayState;
  status: AppStatus | undefined;
  onClosed: (s: DaySummary) => void;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const { error, run } = useAction();
  const [snapshot, setSnapshot] = useState<string | null>(null);
  const [ticket, setTicket] = useState<string | null>(null);
  const [tab, setTab] = useState<SideTab>('incentive');
  // A camera test frame may show whoever stood in front of the camera: it goes when a visit ends.
  useEffect(() => client.on('visit.changed', (v) => !v.visit && setSnapshot(null)), [client]);

  const close = () => run(() => client.call('day.close', {}), onClosed);
  const testCamera = () => run(() => client.call('camera.snapshot', {}), (s) => setSnapshot(`data:${s.mime};base64,${s.base64}`));
  const testTicket = () => run(() => client.call('ticketPrinter.testPrint', {}), (r) => setTicket(r.preview ?? `${r.bytes} bytes`));

  const tabs: { id: SideTab; label: string }[] = [
    { id: 'incentive', label: t('tabIncentive') },
    { id: 'inquiry', label: t('tabInquiry') },
    { id: 'devices', label: t('devices') },
    { id: 'day', label: t('tabDay') },
  ];
  return (
    <div className="columns">
      <div className="stack">
        <QueuePanel client={client} counters={day.counters} />
        <VisitPanel client={client} />
      </div>
      {/* The rest in tabs; every panel stays mounted, so nothing typed is lost on switching. */}
      <div className="stack">
        <div className="tabs" role="tablist" aria-label={t('consoleTitle')}>
          {tabs.map((x) => (
            <button key={x.id} type="button" role="tab" id={`tab-${x.id}`} aria-selected={tab === x.id} aria-controls={`pane-${x.id}`} className={tab === x.id ? 'tab tab-on' : 'tab'} onClick={() => setTab(x.id)}>
              {x.label}
            </button>
          ))}
        </div>
        <Pane id="incentive" shown={tab}>
          <IncentivePanel client={client} />
        </Pane>
        <Pane id="inquiry" shown={tab}>
          <InquiryPanel client={client} />
        </Pane>
        <Pane id="devices" shown={tab}>
          <Panel title={t('devices')}>
            {status ? <DeviceList devices={status.devices} /> : null}
            <div className="inline">
              <button type="button" className="btn" onClick={testCamera}>
                {t('cameraTest')}
              </button>
              <button type="button" className="btn" onClick={testTicket}>
                {t('ticketTest')}
              </button>
            </div>
            {ticket ? (
              <pre className="ticket-preview" data-testid="ticket-preview">
                {ticket}
              </pre>
            ) : null}
            <CameraTurnPanel client={client} snapshot={snapshot} />
            <WebcamPanel client={client} />
            <CalibrationPanel client={client} />
          </Panel>
        </Pane>
        <Pane id="day" shown={tab}>
          <Panel title={t('dayOpenSince').replace('{time}', clock(day.openedAt))}>
            <dl className="facts" data-testid="day-facts">
              <dt>{t('eventName')}</dt>
              <dd>{day.eventName}</dd>
              <dt>{t('venue')}</dt>
              <dd>{day.venue}</dd>
              <dt>{t('staffOnDuty')}</dt>
              <dd>{day.staff.join('、')}</dd>
              <dt>{t('counters')}</dt>
              <dd>{day.counters}</dd>
            </dl>
            <ErrorNote error={error} />
            {confirming ? (
              <div className="confirm" role="alertdialog" aria-label={t('closeDayConfirm')}>
                <p>{t('closeDayConfirm')}</p>
                <div className="inline">
                  <button type="button" className="btn btn-danger" onClick={close}>
                    {t('yesClose')}
                  </button>
                  <button type="button" className="btn" onClick={() => setConfirming(false)} autoFocus>
                    {t('cancel')}
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="btn btn-large" onClick={() => setConfirming(true)}>
                {t('closeDay')}
              </button>
            )}
          </Panel>
        </Pane>
      </div>
    </div>
  );
}

export function ClosedSummary({ summary, onDone }: { summary: DaySummary; onDone: () => void }) {
  const t = useT();
  const x = summary.totals;
  return (
    <Panel title={t('dayClosed')}>
      <dl className="facts" data-testid="day-summary">
        <dt>{t('eventName')}</dt>
        <dd>{summary.eventName}</dd>
        <dt>{t('venue')}</dt>
        <dd>{summary.venue}</dd>
        <dt>{t('minutesOpen')}</dt>
        <dd>
          {clock(summary.openedAt)}〜{clock(summary.closedAt)}（{summary.minutesOpen} {t('minutes')}）
        </dd>
        <dt>{t('queueTitle')}</dt>
        <dd>
          {t('queueTotals').replace('{issued}', String(x.tickets.issued)).replace('{served}', String(x.tickets.served)).replace('{skipped}', String(x.tickets.skipped))}
          {x.tickets.stillWaiting > 0 ? <span className="hint-warn"> · {t('stillWaiting').replace('{n}', String(x.tickets.stillWaiting))}</span> : null}
        </dd>
        <dt>{t('visitTitle')}</dt>
        <dd>{t('visitsTotal').replace('{v}', String(x.visits)).replace('{a}', String(x.applicants))}</dd>
        <dt>{t('incentiveTitle')}</dt>
        <dd>{t('incentiveToday').replace('{n}', String(x.incentives.count)).replace('{yen}', x.incentives.yen.toLocaleString('ja-JP'))}</dd>
        <dt>{t('surveyAndInquiries')}</dt>
        <dd>{t('surveyInquiryTotals').replace('{s}', String(x.surveys)).replace('{i}', String(x.inquiries.count)).replace('{e}', String(x.inquiries.escalated))}</dd>
      </dl>
      {!summary.printed ? <pre className="ticket-preview">{summary.preview}</pre> : null}
      <button type="button" className="btn" onClick={onDone}>
        OK
      </button>
    </Panel>
  );
}
