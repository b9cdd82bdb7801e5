// The app:// protocol: the renderer is served from the built files, never from file://, with
// the same routes and security headers as the browser host.
import { protocol, type Session } from 'electron';
import { rendererFile, securityHeaders } from '../host/renderer-files.js';
import { APP_HOST, APP_SCHEME } from './hardening.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: false } },
  ]);
}

export async function appResponse(rendererDir: string, url: string): Promise<Response> {
  const u = new URL(url);
  const file = u.host === APP_HOST ? await rendererFile(rendererDir, u.pathname) : null;
  // Over IPC the renderer connects nowhere: connect-src 'none'.
  const headers = securityHeaders("'none'");
  if (!file) return new Response('Not found', { status: 404, headers });
  return new Response(new Uint8Array(file.body), { status: 200, headers: { ...headers, 'Content-Type': file.contentType } });
}

export function serveAppProtocol(ses: Session, rendererDir: string): void {
  ses.protocol.handle(APP_SCHEME, (req) => appResponse(rendererDir, req.url));
}
