// Starts the real browser host (the CLI's `serve`) and Debian's Chromium for end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { Client, openTodaysDay } from '../../src/main/soak/ws-client.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const shotsDir = path.join(repoRoot, 'test-output', 'screenshots');

export interface Served {
  urls: { console: string; station: string };
  child: ChildProcess;
  dataDir: string;
  stop(): Promise<number | null>;
}

/**
 * The browser host in its own process. `hardware`: without --demo, so the real adapters drive
 * whatever stand-ins the given environment puts on PATH (fake gphoto2, fake CUPS).
 */
export async function serve(extra: string[] = [], dataDir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-')), o: { hardware?: boolean; env?: Record<string, string> } = {}): Promise<Served> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'madoguchi.js'), 'serve', '--json', ...(o.hardware ? [] : ['--demo']), '--data-dir', dataDir, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // The end-of-event wipe clears the RAM-backed folder: give it a scratch one, not the user's.
    env: {
      ...process.env,
      MADOGUCHI_RAM_DIR: mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-ram-')),
      MADOGUCHI_REGISTRY_FILE: path.join(dataDir, '..', 'madoguchi-e2e-registry.txt'),
      ...o.env,
    },
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const urls = await new Promise<Served['urls']>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed nothing in 30 s; stderr: ${err}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(JSON.parse(out.slice(0, nl)) as Served['urls']);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return {
    urls,
    child,
    dataDir,
    stop: () =>
      new Promise((resolve) => {
        // Ctrl+C ends serve in a few seconds; one that hangs is killed and shows what it said.
        const hung = setTimeout(() => {
          console.log(`serve did not end 20 s after SIGINT; stderr: ${err.slice(-2000)}`);
          child.kill('SIGKILL');
        }, 20_000);
        child.once('exit', (code) => {
          clearTimeout(hung);
          if (code !== 0) console.log(`serve ended with ${code}; stderr: ${err.slice(-2000)}`);
          resolve(code);
        });
        child.kill('SIGINT');
      }),
  };
}

/**
 * The browser host with its real adapters and the fake gphoto2 (tests/support/fake-bin) first on
 * PATH, sending `still` as its pictures and a 15 fps live view; one process holds the camera at a
 * time (its claim in `work`). `fakeCups`: the fake CUPS tools too. `settings`: the settings file.
 */
export function serveWithFakeCamera(still: string, work: string, o: { settings?: Record<string, unknown>; fakeCups?: boolean; env?: Record<string, string> } = {}): Promise<Served> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-'));
  if (o.settings) writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(o.settings));
  const bins = [path.join(repoRoot, 'tests', 'support', 'fake-bin'), ...(o.fakeCups ? [path.join(repoRoot, 'tests', 'support', 'fake-cups')] : [])];
  return serve([], dataDir, {
    hardware: true,
    env: { PATH: [...bins, process.env.PATH ?? ''].join(':'), FAKE_GPHOTO2_JPEG: still, FAKE_GPHOTO2_FPS: '15', FAKE_GPHOTO2_LOCK: path.join(work, 'usb-claim'), ...o.env },
  });
}

/** After a file's tests: the browser closed, the host stopped (it must exit cleanly), the scratch folder removed. */
export async function tearDown(browser: Browser | undefined, served: Served | undefined, work: string): Promise<void> {
  await browser?.close();
  if (served) expect(await served.stop()).toBe(0);
  rmSync(work, { recursive: true, force: true });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** Collects console errors and warnings, page errors and CSP violations from a page. */
export function watchConsole(page: Page, into: string[], label: string): void {
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') into.push(`${label} ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => into.push(`${label} pageerror: ${e.message}`));
}

/**
 * The framing step fits the screen: the live view and the shoot button (or the countdown) are in
 * view without scrolling, whatever the picture's shape. (Screenshots are full-page, so they would
 * not show a button below the fold.)
 */
export async function expectFramingFits(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  const scrolls = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
  const framing = page.getByTestId('photo-framing');
  const title = await framing.locator('.wizard-title').boundingBox();
  const live = await page.getByTestId('live-view').boundingBox();
  const hint = await page.getByTestId('live-hint').boundingBox();
  const shoot = await framing.locator('.btn-shoot, [data-testid=countdown]').first().boundingBox();
  // What staff should do about the camera or a failed shot, and the citizen's note that it failed.
  const notes = await Promise.all((await framing.locator('[data-testid=camera-problem], [data-testid=shot-problem], .hint-warn').all()).map((n) => n.boundingBox()));
  // Title, hint and button in that order (under the live view on a portrait screen, beside it on
  // a landscape one); nothing drawn over anything else, and nothing below the fold.
  const boxes = [title, live, hint, shoot, ...notes];
  const meets = (a: Box, b: Box) => a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
  const fits = (b: Box[]) => b.every((a, i) => a.y + a.height <= viewport.height && b.slice(i + 1).every((c) => !meets(a, c)));
  const inOrder = !!title && !!hint && !!shoot && title.y + title.height <= hint.y + 1 && hint.y + hint.height <= shoot.y + 1;
  if (scrolls || !live || live.height < 120 || !inOrder || !boxes.every((b): b is Box => b !== null) || !fits(boxes)) {
    throw new Error(`framing does not fit ${viewport.width}×${viewport.height}: page scrolls ${scrolls}, title ${JSON.stringify(title)}, live view ${JSON.stringify(live)}, hint ${JSON.stringify(hint)}, shoot ${JSON.stringify(shoot)}, notes ${JSON.stringify(notes)}`);
  }
}

type Box = { x: number; y: number; width: number; height: number };

/**
 * The contrast ratio (WCAG 2) of the first element's text against the colour painted behind it:
 * 4.5 is the usual floor for text, 7 the enhanced one.
 */
export function contrastOf(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const rgba = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const channel = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      const luminance = ([r = 0, g = 0, b = 0]: number[]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
      // The nearest ancestor that paints an opaque background; the canvas is white.
      let behind = [255, 255, 255];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || c[3] === 1) {
          behind = c.slice(0, 3);
          break;
        }
      }
      const [a, b] = [luminance(rgba(getComputedStyle(el).color)), luminance(behind)].sort((x, y) => y - x);
      return (a! + 0.05) / (b! + 0.05);
    });
}

/** A station screen fits the touchscreen: nothing to scroll to (a kiosk has no scrollbar to find). */
export async function expectNoScroll(page: Page, what: string): Promise<void> {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: window.innerHeight }));
  if (scroll > inner) throw new Error(`${what} scrolls: ${scroll} px of content in a ${inner} px window`);
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** Today in Japan, as the app counts booth days. */
export function japanToday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

/** A day counted from today in Japan (negative: before). Japan keeps no summer time. */
export function japanDayFrom(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date(Date.now() + days * 86_400_000));
}

/** In the season area: record all four training topics for a member (as the lead). */
export async function recordTraining(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: '担当者・研修' }).click();
  await page.getByTestId('training-form').waitFor();
  await page.selectOption('select[name=trainingStaff]', { label: name });
  await page.fill('input[name=trainer]', '米子市 市民課 研修担当');
  await page.getByRole('button', { name: '研修を記録', exact: true }).click();
  await page.getByText(`${name} さんの研修を記録しました。`).waitFor();
}

/**
 * In the season area: a venue and a one-day event today. `tryBackwards` first tries a last day
 * before the first and a closing time before the opening: the form names each and sends nothing.
 */
export async function addEventToday(page: Page, event: string, venue: string, o: { tryBackwards?: boolean } = {}): Promise<void> {
  await page.getByRole('button', { name: '会場・イベント' }).click();
  await page.getByRole('button', { name: '新しいイベント' }).click();
  await page.fill('input[name=eventName]', event);
  const details = page.locator('details.sub-details');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  await page.fill('input[name=venueName]', venue);
  await page.getByRole('button', { name: '新しい会場を登録' }).click();
  await page.locator('select[name=eventVenue]').locator('option', { hasText: venue }).waitFor({ state: 'attached' });
  await page.selectOption('select[name=eventVenue]', { label: `${venue}（ショッピングセンター）` });
  const save = page.getByRole('button', { name: '保存', exact: true });
  await page.fill('input[name=firstDay]', japanToday());
  if (o.tryBackwards) {
    const form = page.getByTestId('event-form');
    await page.fill('input[name=lastDay]', japanDayFrom(-1));
    await save.click();
    await form.getByText(`最終日（${japanDayFrom(-1)}）が初日（${japanToday()}）より前になっています。`).waitFor();
    await page.fill('input[name=lastDay]', japanToday());
    await page.fill('input[name=closes]', '09:30');
    await save.click();
    await form.getByText('終了時刻（09:30）は開始時刻（10:00）より後の時刻にしてください。').waitFor();
    await page.fill('input[name=closes]', '16:00');
    // Counters are whole: 2.5 typed becomes 3 on screen, and what is on screen is what is sent.
    await page.fill('input[name=eventCounters]', '2.5');
    expect(await page.locator('input[name=eventCounters]').inputValue()).toBe('3');
    await page.fill('input[name=eventCounters]', '2');
  }
  await page.fill('input[name=lastDay]', japanToday());
  await save.click();
  await page.getByTestId('events-table').getByText(event).waitFor();
}

/** The morning over the contract, as the console would do it: store, lead, training, today's event, the day open, a visit. */
export async function morningWithVisit(consoleUrl: string): Promise<Client> {
  const desk = await Client.forWindow(consoleUrl);
  await desk.call('store.unlock', { passphrase: 'よなご 2026 出張窓口' });
  await openTodaysDay(desk, { lead: '山田 花子', pin: '482913', venue: 'イオンモール米子', channel: 'shoppingCentre', event: '出張申請会', counters: 1 });
  await desk.call('visit.start', {});
  return desk;
}

/**
 * The station (1280×800 unless told) in Japanese, taken to the framing step with its guide on the
 * live view; `onTheWay` looks at each screen it passes (the language choice, the photo's intro).
 */
export async function stationAtFraming(browser: Browser, stationUrl: string, problems: string[], o: { viewport?: { width: number; height: number }; onTheWay?: (page: Page, screen: string) => Promise<void> } = {}): Promise<Page> {
  const station = await browser.newPage({ viewport: o.viewport ?? { width: 1280, height: 800 }, locale: 'ja-JP' });
  watchConsole(station, problems, 'station');
  await station.goto(stationUrl);
  await station.getByTestId('station-wizard').waitFor();
  await o.onTheWay?.(station, 'language');
  await station.getByRole('button', { name: '日本語' }).click();
  await station.getByTestId('photo-intro').waitFor();
  await o.onTheWay?.(station, 'photo-intro');
  await station.getByRole('button', { name: '撮影する' }).click();
  try {
    // Cold, the detector's worker loads its models first; a loaded CI machine is slower still.
    await station.getByTestId('guide-overlay').waitFor({ timeout: 40_000 });
  } catch (err) {
    // Say what the station showed instead: no frames, frames without a guide, or a camera problem.
    const live = station.getByTestId('live-view');
    const seen = (await live.count()) ? { text: await live.innerText(), seq: await live.getAttribute('data-seq'), fps: await live.getAttribute('data-fps') } : null;
    const problem = (await station.getByTestId('camera-problem').count()) ? await station.getByTestId('camera-problem').innerText() : null;
    throw new Error(`no guide on the live view: ${JSON.stringify({ seen, problem, hint: await station.getByTestId('live-hint').innerText().catch(() => null) })}`, { cause: err });
  }
  return station;
}

/** Figures measured on the way, in test-output/NAME (never asserted as targets), and in the log. */
export function writeFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(path.join(repoRoot, 'test-output'), { recursive: true });
  writeFileSync(path.join(repoRoot, 'test-output', name), JSON.stringify(figures, null, 2) + '\n');
  console.log('e2e figures', JSON.stringify(figures));
}

/** Frames and guide updates as the station receives them, over three seconds (a figure, never a target in a test). */
export function measureLiveView(page: Page): Promise<{ framesPerSecond: number; guidesPerSecond: number }> {
  return page.evaluate(async () => {
    const el = document.querySelector('[data-testid=live-view]') as HTMLElement;
    const seqs = new Set<string>();
    const guides = new Set<string>();
    const t0 = performance.now();
    while (performance.now() - t0 < 3000) {
      seqs.add(el.dataset.seq ?? '');
      guides.add(el.dataset.guideSeq ?? '');
      await new Promise((r) => requestAnimationFrame(r));
    }
    return { framesPerSecond: (seqs.size - 1) / 3, guidesPerSecond: (guides.size - 1) / 3 };
  });
}
