// The online window's photo handoff against real Chromium: the same DevTools-protocol commands the
// Electron shell sends through webContents.debugger, here through Playwright's session to Debian's
// Chromium, on a local stand-in for the application's upload page. The citizen's click on the
// upload field opens no dialog, and the field receives the visit's photo, byte for byte.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handPhotoToUploadField, type DevToolsSession } from '../../src/main/shell/photo-handoff.js';
import { launchChromium, repoRoot, shotsDir } from './support.js';

// The stand-in: an upload field that reports what it was given (name, size, first bytes).
const STAND_IN = `<!doctype html><meta charset="utf-8"><title>申請用写真のアップロード（模擬）</title>
<h1>顔写真の登録</h1>
<label>写真ファイル <input type="file" id="photo" accept="image/jpeg"></label>
<label>複数 <input type="file" id="many" multiple></label>
<p id="got">未選択</p>
<script>
for (const id of ['photo', 'many']) document.getElementById(id).addEventListener('change', async (e) => {
  const files = [...e.target.files];
  const parts = await Promise.all(files.map(async (f) => { const b = new Uint8Array(await f.arrayBuffer()); return f.name + ' ' + b.length + ' ' + [...b.slice(0, 3)].join(','); }));
  document.getElementById('got').textContent = id + ': ' + files.length + ' | ' + parts.join(' | ');
});
</script>`;

let server: Server;
let base: string;
let browser: Browser;
const work = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-upload-'));

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(STAND_IN);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

/** Playwright's DevTools session in the shape the handoff takes (Electron's debugger in the shell). */
async function sessionOf(page: Page): Promise<DevToolsSession> {
  const cdp = await page.context().newCDPSession(page);
  return {
    send: (method, params) => cdp.send(method as 'Page.enable', params),
    onEvent: (listener) => cdp.on('Page.fileChooserOpened', (params) => listener('Page.fileChooserOpened', params as unknown as Record<string, unknown>)),
  };
}

describe('the online window hands the photo to the upload field', () => {
  it('answers the page’s file chooser with the visit’s photo, without a dialog', async () => {
    const photo = readFileSync(path.join(repoRoot, 'resources', 'demo-photos', 'astronaut-eileen-collins.jpg'));
    const photoFile = path.join(work, '1.jpg');
    writeFileSync(photoFile, photo, { mode: 0o600 });
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 }, locale: 'ja-JP' });
    await page.goto(base);
    await handPhotoToUploadField(await sessionOf(page), photoFile);
    await page.locator('#photo').click();
    await page.getByText(/^photo: 1 \|/).waitFor({ timeout: 10_000 });
    expect(await page.locator('#got').innerText()).toBe(`photo: 1 | 1.jpg ${photo.length} 255,216,255`);
    // A field that takes several files still gets the one photo.
    await page.locator('#many').click();
    await page.getByText(/^many: 1 \|/).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(shotsDir, '15-online-upload-stand-in.png') });
    await page.close();
  });
});
