// Hardware going wrong, as staff and the citizen see it: the browser host runs its real camera
// and printer adapters (not --demo) against a fake gphoto2 and a fake CUPS on PATH. The camera's
// cable is pulled while the citizen frames the photo and plugged back in; the photo printer runs
// out of paper and is refilled. Both screens say what happened in Japanese, the day carries on,
// and exactly one sheet comes out. Screenshots go to test-output/screenshots (13*).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFramingFits, launchChromium, morningWithVisit, repoRoot, serveWithFakeCamera, shot, shotsDir, stationAtFraming, watchConsole, type Served, tearDown } from './support.js';

let served: Served;
let browser: Browser;
const problems: string[] = [];
const work = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-faults-'));
const plug = path.join(work, 'plug');
const focus = path.join(work, 'focus');
const lpDir = path.join(work, 'lp');
const still = path.join(work, 'still.jpg');
const QUEUE = 'SELPHY_CP1500';

beforeAll(async () => {
  mkdirSync(path.join(lpDir, 'jobs'), { recursive: true });
  writeFileSync(plug, 'in');
  // What the camera sends: a real portrait at a camera's resolution (1800 px tall is enough for
  // 300 dpi and the online file; the live view streams the same picture).
  await sharp(path.join(repoRoot, 'resources', 'demo-photos', 'astronaut-eileen-collins.jpg')).resize({ height: 1800 }).jpeg({ quality: 90 }).toFile(still);
  served = await serveWithFakeCamera(still, work, { fakeCups: true, env: { FAKE_GPHOTO2_PLUG: plug, FAKE_GPHOTO2_FOCUS: focus, FAKE_CUPS_QUEUE: QUEUE, FAKE_LP_DIR: lpDir } });
  browser = await launchChromium();
});

afterAll(() => tearDown(browser, served, work));

describe('hardware faults on screen', () => {
  it('says what to do when the camera is unplugged and the printer runs out of paper, and the day carries on', async () => {
    const desk = await morningWithVisit(served.urls.console);
    const consolePage = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'ja-JP' });
    watchConsole(consolePage, problems, 'console');
    await consolePage.goto(served.urls.console);
    // Real adapters: the tethered camera and the CUPS queue by name, nothing simulated for photos.
    await consolePage.getByTestId('photo-panel').waitFor();
    const station = await stationAtFraming(browser, served.urls.station, problems);

    // The cable is pulled while the citizen frames the photo.
    writeFileSync(plug, 'out');
    await station.getByTestId('camera-problem').waitFor({ timeout: 10_000 });
    expect(await station.getByTestId('live-view').innerText()).toContain('カメラの準備をしています。係員をお呼びください。');
    // No shooting until the camera is back, on either screen.
    expect(await station.getByRole('button', { name: '撮影', exact: true }).isDisabled()).toBe(true);
    expect(await station.getByTestId('camera-problem').innerText()).toContain('カメラとの接続が切れました');
    // The box keeps its place while the camera is away: nothing drawn over the title or the words for staff.
    await expectFramingFits(station);
    await shot(station, '13-station-camera-unplugged');
    await consolePage.getByTestId('photo-panel').getByText('カメラとの接続が切れました', { exact: false }).waitFor();
    expect(await consolePage.getByTestId('photo-panel').getByRole('button', { name: '撮影', exact: true }).isDisabled()).toBe(true);
    await consolePage.getByTestId('photo-panel').screenshot({ path: path.join(shotsDir, '13a-console-camera-unplugged.png') });
    // Staff may ask for a look at once: still unplugged, it stays lost and says why, with no error.
    const reconnect = consolePage.getByTestId('camera-reconnect');
    await reconnect.click();
    await consolePage.getByTestId('photo-panel').getByText('カメラとの接続が切れました', { exact: false }).waitFor();
    expect(await consolePage.getByTestId('photo-panel').locator('.error-note').count()).toBe(0);

    // Staff plug it back in: found again (at the next look, or at once when asked), the live view and its guide return.
    writeFileSync(plug, 'in');
    await reconnect.click({ timeout: 3000 }).catch(() => undefined); // already found by the backoff: nothing to press
    await station.getByTestId('camera-problem').waitFor({ state: 'detached', timeout: 20_000 });
    await station.getByTestId('guide-overlay').waitFor({ timeout: 20_000 });

    // The camera finds nothing to focus on: it is still there, and staff read why at the station.
    writeFileSync(focus, 'none');
    await station.getByRole('button', { name: '撮影', exact: true }).click();
    await station.getByTestId('shot-problem').waitFor({ timeout: 30_000 });
    expect(await station.getByTestId('shot-problem').innerText()).toContain('ピントが合わず、撮影できませんでした');
    expect(await station.getByTestId('camera-problem').count()).toBe(0);
    await station.getByText('撮影できませんでした。係員をお呼びください。').waitFor();
    await expectFramingFits(station);
    await shot(station, '13e-station-no-focus');
    // The citizen moves a little; the next shot is taken.
    writeFileSync(focus, 'ok');
    await station.getByRole('button', { name: '撮影', exact: true }).click();
    await station.getByTestId('photo-review').waitFor({ timeout: 30_000 });
    await station.getByRole('button', { name: 'この写真にする' }).click();
    await station.getByText('係員が写真を確認します').waitFor();

    // The printer is out of paper when staff print.
    writeFileSync(path.join(lpDir, 'problem'), 'media-empty-error');
    const photoPanel = consolePage.getByTestId('photo-panel');
    await photoPanel.getByTestId('photo-thumb').waitFor();
    const needsCheck = photoPanel.getByRole('checkbox', { name: /確認/ });
    if (await needsCheck.count()) await needsCheck.first().check();
    await photoPanel.getByRole('button', { name: /印刷/ }).first().click();
    // Where CUPS keeps job files or history (its defaults, with no cupsd.conf saying otherwise),
    // the lead confirms before the photo goes to the spool.
    const held = photoPanel.locator('[data-testid=print-status][data-state=error]');
    const spool = photoPanel.getByLabel('責任者として、スプールの設定を確認した上で印刷します');
    await Promise.race([held.waitFor({ timeout: 15_000 }), spool.waitFor({ timeout: 15_000 })]);
    if (await spool.count()) {
      await photoPanel.screenshot({ path: path.join(shotsDir, '13d-console-spool-confirm.png') });
      await spool.check();
      await photoPanel.getByRole('button', { name: /印刷/ }).first().click();
    }
    await held.waitFor({ timeout: 15_000 });
    expect(await photoPanel.getByTestId('print-status').innerText()).toContain('用紙がありません');
    await station.locator('[data-testid=photo-printing][data-state=error]').waitFor();
    expect(await station.getByTestId('photo-printing').innerText()).toContain('印刷が止まっています。係員をお呼びください。');
    await photoPanel.screenshot({ path: path.join(shotsDir, '13b-console-out-of-paper.png') });
    await shot(station, '13c-station-print-held');
    // Staff try to end the visit meanwhile: ending would cancel the citizen's sheet, so they are
    // asked first, and choose to wait.
    await consolePage.getByRole('button', { name: '受付を終えてデータを消去' }).click();
    const asked = consolePage.getByTestId('end-while-printing');
    await asked.waitFor();
    expect(await asked.innerText()).toContain('写真のシートがまだ印刷されていません');
    await asked.screenshot({ path: path.join(shotsDir, '13g-console-end-while-printing.png') });
    await asked.getByRole('button', { name: '印刷を待つ' }).click();
    await asked.waitFor({ state: 'detached' });

    // Paper loaded: the same job prints; one sheet, and no job waiting after the visit.
    rmSync(path.join(lpDir, 'problem'));
    await photoPanel.locator('[data-testid=print-status][data-state=done]').waitFor({ timeout: 15_000 });
    await station.locator('[data-testid=photo-printing][data-state=done]').waitFor();
    expect(readFileSync(path.join(lpDir, 'printed'), 'utf8').trim().split('\n')).toHaveLength(1);
    // CUPS, as the lead confirmed, keeps the printed job (its history, and by its settings the
    // sheet): the wipe says so, and never counts it as purged.
    await consolePage.getByRole('button', { name: '受付を終えてデータを消去' }).click();
    const wiped = consolePage.getByTestId('wipe-summary');
    await wiped.waitFor();
    expect(await wiped.innerText()).toContain('印刷ジョブ 0 件');
    expect(await consolePage.getByTestId('wipe-spool-kept').innerText()).toContain('印刷した写真のジョブ 1 件が印刷システム（CUPS）に残っています');
    await wiped.screenshot({ path: path.join(shotsDir, '13f-console-spool-kept.png') });
    expect(readdirSync(path.join(lpDir, 'jobs'))).toEqual([]);
    // The real adapter titled the job neutrally and asked for 100 %, no scaling.
    const args = readFileSync(path.join(lpDir, 'args'), 'utf8');
    expect(args).toMatch(/-d SELPHY_CP1500 -t madoguchi sheet 1 -o media=w252h360 -o print-scaling=none/);

    desk.ws.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
