// One renderer bundle for both windows; the route (/console or /station) picks the app.
import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './client/client.js';
import { ConsoleApp } from './console/ConsoleApp.js';
import { StationApp } from './station/StationApp.js';
import './styles.css';

const conn = connect();
// Whatever the Content-Security-Policy blocks (an injected script, say) is reported to the app's
// log: the directive and the origin only. An injected script runs early, often before the
// connection is open: those reports wait for it (at most 20).
const waitingReports: { directive: string; blocked: string }[] = [];
let connected = false;
const report = (r: { directive: string; blocked: string }) => void conn.client.call('app.cspViolation', r).catch(() => undefined);
conn.onState((s) => {
  connected = s === 'open';
  if (connected) for (const r of waitingReports.splice(0)) report(r);
});
document.addEventListener('securitypolicyviolation', (e) => {
  const r = { directive: (e.effectiveDirective || e.violatedDirective).slice(0, 100), blocked: e.blockedURI.slice(0, 200) };
  if (connected) report(r);
  else if (waitingReports.length < 20) waitingReports.push(r);
});
document.title = conn.window === 'station' ? 'madoguchi 撮影ステーション' : 'madoguchi 操作画面';
document.body.dataset.window = conn.window;
const root = createRoot(document.getElementById('root') as HTMLElement);
root.render(<StrictMode>{conn.window === 'station' ? <StationApp conn={conn} /> : <ConsoleApp conn={conn} />}</StrictMode>);
