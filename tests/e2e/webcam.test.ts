// The webcam fallback in real Chromium: no tethered camera, the lead turning the webcam on from the
// console while the station frames, and Chromium's fake camera playing a real portrait. The station frames with the same guide and the still goes
// through the same pipeline; staff see the review on the console.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEventToday, expectFramingFits, measureLiveView, recordTraining, repoRoot, serve, shot, shotsDir, type Served, watchConsole, writeFigures } from './support.js';

let served: Served;
let browser: Browser;
let consolePage: Page;
let station: Page;
const problems: string[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-webcam-'));
  // A short idle (the default is 90 s) so the test can see the station go back to the start.
  // The webcam fallback starts off: the lead turns it on from the console below.
  writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ stationIdleSeconds: 8 }));
  // Chromium's fake camera plays a motion-JPEG file: the demo portrait in a 1920×1080 webcam frame
  // with room above the head (Chromium crops other shapes to the 16:9 the station asks for).
  // The head fills about 40 % of the frame's height, as at a booth, and is held straight: her
  // portrait tilts the head by 3°, the rule's very edge, where the measured tilt moves by half a
  // degree with the box the face mesh is run in (2.2–3.6° over boxes 5 % larger or smaller and
  // 3 % aside), so it is turned level here, the corners filled with her backdrop's colour.
  const level = await sharp(path.join(repoRoot, 'resources/demo-photos/astronaut-eileen-collins.jpg')).resize(1400, 1400).rotate(-3, { background: '#bbb5b5' }).toBuffer();
  const portrait = await sharp(level).resize(1400, 1400, { fit: 'cover' }).extract({ left: 0, top: 0, width: 1400, height: 960 }).toBuffer();
  const frame = await sharp({ create: { width: 1920, height: 1080, channels: 3, background: '#c4bab2' } })
    .composite([{ input: portrait, left: 260, top: 120 }])
    .jpeg({ quality: 90 })
    .toBuffer();
  const mjpeg = path.join(dataDir, '..', `webcam-${path.basename(dataDir)}.mjpeg`);
  writeFileSync(mjpeg, Buffer.concat(Array.from({ length: 10 }, () => frame)));
  served = await serve([], dataDir);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${mjpeg}`],
  });
});

afterAll(async () => {
  await browser?.close();
  if (served) expect(await served.stop()).toBe(0);
});

/** In Japanese mode the station shows no English fallback, no stack trace, and names every button. */
async function japaneseOnly(page: Page): Promise<void> {
  const text = await page.locator('.station-main').innerText();
  expect(text).not.toMatch(/\b[a-z]{3,}\b/);
  expect(text).not.toMatch(/Error|at \w+ \(/);
  for (const b of await page.getByRole('button').all()) expect(((await b.getAttribute('aria-label')) ?? (await b.innerText())).trim()).not.toBe('');
}

describe('webcam fallback', () => {
  it('frames with the guide and takes the photo through the same pipeline', async () => {
    consolePage = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    watchConsole(consolePage, problems, 'console');
    await consolePage.goto(served.urls.console);
    await consolePage.fill('input[name=passphrase]', 'webcam test passphrase');
    await consolePage.fill('input[name=passphraseAgain]', 'webcam test passphrase');
    await consolePage.getByRole('button', { name: 'パスフレーズを設定して始める' }).click();
    await consolePage.fill('input[name=leadName]', '山田 花子');
    await consolePage.fill('input[name=pin]', '482913');
    await consolePage.fill('input[name=pinAgain]', '482913');
    await consolePage.getByRole('button', { name: '登録する' }).click();
    await recordTraining(consolePage, '山田 花子');
    await addEventToday(consolePage, '出張申請会', '市民ホール');
    await consolePage.getByRole('button', { name: '受付開始', exact: true }).click();
    await consolePage.getByTestId('open-day-form').getByRole('button', { name: '受付を開始' }).click();
    await consolePage.getByRole('button', { name: '来訪者の受付を始める' }).click();

    station = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'ja-JP' });
    watchConsole(station, problems, 'station');
    await station.goto(served.urls.station);
    const started = Date.now();
    await station.getByRole('button', { name: '日本語' }).click();
    await station.getByRole('button', { name: '撮影する' }).click();
    // Not yet allowed: the station frames with the (simulated) tethered camera's live view.
    await station.locator('[data-testid=live-view] img').waitFor();
    expect(await station.locator('[data-testid=live-view][data-webcam=true]').count()).toBe(0);
    // The lead turns the webcam on under Devices; the framing screen switches over at once.
    const switching = Date.now();
    await consolePage.getByRole('tab', { name: '機器' }).click();
    const choice = consolePage.getByTestId('webcam-choice');
    expect(await choice.getByRole('radio', { checked: true }).innerText()).toBe('使わない');
    await choice.getByRole('radio', { name: '使う' }).click();
    await choice.getByText('保存しました。').waitFor();
    expect(await choice.getByTestId('webcam-now').innerText()).toBe('ステーションはWebカメラで撮影します。');
    await choice.screenshot({ path: path.join(shotsDir, '12a-console-webcam-on.png') });
    await station.locator('[data-testid=live-view][data-webcam=true]').waitFor();
    const switchMs = Date.now() - switching;
    // The webcam is real hardware: the device list says so, and the banner on both screens is no
    // longer the demo's (the printers here are still simulated).
    await consolePage.getByTestId('device-list').getByText('ステーションのWebカメラ').waitFor();
    await station.getByTestId('demo-banner').getByText('一部の機器が模擬装置です').waitFor();
    await station.getByTestId('guide-overlay').waitFor({ timeout: 20_000 });
    expect(await station.getByTestId('live-hint').innerText()).not.toBe('');
    await expectFramingFits(station);
    const { guidesPerSecond } = await measureLiveView(station);
    writeFigures('figures-webcam.json', { webcamGuide: { guidesPerSecond } });
    expect(guidesPerSecond).toBeGreaterThan(0);
    await shot(station, '12-station-webcam-framing');
    await japaneseOnly(station);
    await station.getByRole('button', { name: '撮影', exact: true }).click();
    await station.getByTestId('photo-review').waitFor({ timeout: 30_000 });
    await shot(station, '12b-station-webcam-review');
    await japaneseOnly(station);
    // Framed as at a booth, the webcam's still passes every check: the citizen prints it alone.
    expect(await station.getByTestId('photo-review').getAttribute('data-ok')).toBe('true');
    expect(await station.getByTestId('photo-review').innerText()).toContain('よく撮れました');
    const panel = consolePage.getByTestId('photo-panel');
    await panel.getByTestId('photo-thumb').waitFor();
    expect(await panel.getByTestId('photo-verdict').innerText()).toContain('すべての確認に合格');
    await station.getByRole('button', { name: 'この写真にする' }).click();
    await station.locator('[data-testid=photo-printing][data-state=done]').waitFor();
    await panel.locator('[data-testid=print-status][data-state=done]').waitFor();
    await shot(station, '12c-station-webcam-printed');
    await japaneseOnly(station);
    // From the language choice to a printed sheet (the target is under 60 s; a figure, not a limit).
    // (Less the time the lead took to turn the webcam on.)
    console.log('e2e figures', JSON.stringify({ stationStartToPrintedSeconds: (Date.now() - started - switchMs) / 1000 }));
    expect(problems.filter((p) => !/favicon/.test(p))).toEqual([]);
  });

  it('goes back to the start when left untouched, and the shot is zeroed', async () => {
    await station.getByRole('button', { name: '次へ' }).click();
    await station.getByRole('button', { name: '答える' }).waitFor();
    // No touch for the idle time (8 s here): the language choice again, the shot gone.
    await station.getByRole('button', { name: 'English' }).waitFor({ timeout: 20_000 });
    await consolePage.getByTestId('photo-panel').getByText('まだ撮影していません').waitFor();
    expect(await station.getByTestId('station-wizard').innerText()).toContain('ことばを選んでください');
  });

  it('waits for a webcam that is not there, and never takes the demo camera’s picture for the citizen’s', async () => {
    // Another station browser with no camera at all (no fake device): the webcam cannot be opened.
    const bare = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream'] });
    try {
      const page = await bare.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'ja-JP' });
      await page.goto(served.urls.station);
      await page.getByRole('button', { name: '日本語' }).click();
      await page.getByRole('button', { name: '撮影する' }).click();
      await page.locator('[data-testid=live-view][data-webcam=true]').getByText('カメラの準備をしています。').waitFor();
      // Staff see it on the console at once, before anyone presses anything.
      await consolePage.getByTestId('photo-panel').getByText('ステーションのWebカメラが映っていません。').waitFor();
      await consolePage.getByTestId('photo-panel').screenshot({ path: path.join(shotsDir, '12e-console-no-webcam.png') });
      // Pressed all the same: staff are told why, and nothing is judged or printed.
      await page.getByRole('button', { name: '撮影', exact: true }).click();
      await page.getByTestId('shot-problem').getByText('Webカメラの映像が届いていません').waitFor({ timeout: 15_000 });
      await shot(page, '12d-station-no-webcam');
      expect(await consolePage.getByTestId('photo-panel').innerText()).toContain('まだ撮影していません');
      await page.close();
    } finally {
      await bare.close();
    }
  });
});
