// The visit's photo into the online application's upload field, through the DevTools protocol:
// the page's file chooser is intercepted (no dialog showing the laptop's folders) and the photo
// file set on the input that opened it. Kept apart from Electron so that the same code runs in the
// tests against Debian's Chromium, whose protocol is the one Electron's webContents.debugger speaks.

/** The part of a DevTools protocol session the handoff uses (Electron's debugger, or a test's). */
export interface DevToolsSession {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  /** Calls the listener with every event the page sends. */
  onEvent(listener: (method: string, params: Record<string, unknown>) => void): void;
}

/** From now on, the page's file choosers are answered with this one file. */
export async function handPhotoToUploadField(cdp: DevToolsSession, photoFile: string): Promise<void> {
  cdp.onEvent((method, params) => {
    if (method !== 'Page.fileChooserOpened' || typeof params.backendNodeId !== 'number') return;
    // A page that asks for several files still gets the one photo.
    void cdp.send('DOM.setFileInputFiles', { files: [photoFile], backendNodeId: params.backendNodeId }).catch(() => undefined);
  });
  await cdp.send('Page.enable');
  await cdp.send('Page.setInterceptFileChooserDialog', { enabled: true });
}
