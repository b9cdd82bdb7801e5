// One renderer bundle for both windows; the route (/console or /station) picks the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './client/client.js';
import { ConsoleApp } from './console/ConsoleApp.js';
import { StationApp } from './station/StationApp.js';
import './styles.css';

const conn = connect();
document.title = conn.window === 'station' ? 'madoguchi 撮影ステーション' : 'madoguchi 操作画面';
document.body.dataset.window = conn.window;
const root = createRoot(document.getElementById('root') as HTMLElement);
root.render(<StrictMode>{conn.window === 'station' ? <StationApp conn={conn} /> : <ConsoleApp conn={conn} />}</StrictMode>);
