// One renderer bundle for both windows; the route (/console or /station) picks the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './client/client.js';
import { ConsoleApp } from './console/ConsoleApp.js';
import { StationApp } from './station/StationApp.js';
import './styles.css';

const conn = connect();
// Whatever the Content-Security-Policy blocks (an injected script, say) is reported to the app's
// log: the directive and the origin only.
document.addEventListener('securitypolicyviolation', (e) => {
  void conn.client.call('app.cspViolation', { directive: (e.effectiveDirective || e.violatedDirective).slice(0, 100), blocked: e.blockedURI.slice(0, 200) }).catch(() => undefined);
});
document.title = conn.window === 'station' ? 'madoguchi 撮影ステーション' : 'madoguchi 操作画面';
document.body.dataset.window = conn.window;
const root = createRoot(document.getElementById('root') as HTMLElement);
root.render(<StrictMode>{conn.window === 'station' ? <StationApp conn={conn} /> : <ConsoleApp conn={conn} />}</StrictMode>);
