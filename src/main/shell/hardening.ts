// Electron hardening, in one place: web preferences, session rules, navigation guards.
// Every window loads only app://madoguchi/…; nothing else may load, open, navigate or ask.
import { app, type Session, type WebContents, type WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'madoguchi';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

export function secureWebPreferences(preload: string, partition: string): WebPreferences {
  if (partition.startsWith('persist:')) throw new Error('windows never use a persistent partition');
  return {
    preload,
    partition,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: !app.isPackaged,
  };
}

export interface SessionPolicy {
  /** Allow the station's webcam fallback (getUserMedia, video only, app origin only); read at each request. */
  readonly webcamFallback: boolean;
}

export function allowPermission(permission: string, requestingUrl: string | undefined, mediaTypes: readonly string[], policy: SessionPolicy): boolean {
  return (
    permission === 'media' &&
    policy.webcamFallback &&
    isAppUrl(requestingUrl) &&
    mediaTypes.length > 0 &&
    mediaTypes.every((t) => t === 'video')
  );
}

export function hardenSession(ses: Session, policy: SessionPolicy): void {
  ses.setSpellCheckerEnabled(false);
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const media = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(allowPermission(permission, details.requestingUrl, media, policy));
  });
  ses.setPermissionCheckHandler((_wc, permission, origin, details) =>
    allowPermission(permission, details.requestingUrl ?? origin, details.mediaType ? [details.mediaType] : [], policy),
  );
  ses.setDevicePermissionHandler(() => false);
  // The UI needs nothing from the network; refuse every request that is not the app itself.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAppUrl(details.url) && !details.url.startsWith('devtools://') });
  });
  ses.on('will-download', (event) => event.preventDefault());
}

/** Applied to every web contents the app ever creates. */
export function guardContents(contents: WebContents): void {
  const stay = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
