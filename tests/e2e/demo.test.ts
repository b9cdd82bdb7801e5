// Walks the demo as booth staff would: open the day in the console, open the station, and see
// both screens in Japanese with no console errors. Screenshots go to test-output/screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import os from 'node:os';
import path from 'node:path';
import { addEventToday, expectFramingFits, expectNoScroll, japanDayFrom, launchChromium, measureLiveView, recordTraining, serve, shot, shotsDir, type Served, watchConsole, writeFigures } from './support.js';

let served: Served;
let browser: Browser;
const problems: string[] = [];
/** Figures measured on the way (written to test-output/figures.json; never asserted as targets). */
const figures: Record<string, unknown> = {};
const PASSPHRASE = 'よなご 2026 出張窓口';
const LEAD_PIN = '482913';

beforeAll(async () => {
  served = await serve();
  browser = await launchChromium();
});

afterAll(async () => {
  writeFigures('figures.json', figures);
  await browser?.close();
  if (served) expect(await served.stop()).toBe(0);
});

describe('demo walk-through', () => {
  it('opens the day in the console and shows it on the station', async () => {
    const consolePage = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'ja-JP' });
    watchConsole(consolePage, problems, 'console');
    await consolePage.goto(served.urls.console);

    // Japanese first, demo mode said plainly, the hardware checklist shown.
    expect(await consolePage.getAttribute('html', 'lang')).toBe('ja');
    await consolePage.getByTestId('demo-banner').waitFor();
    expect(await consolePage.getByTestId('demo-banner').innerText()).toContain('デモモード');

    // A new device: the lead chooses the passphrase that protects the store.
    await consolePage.getByTestId('store-gate').waitFor();
    await shot(consolePage, '00-console-new-passphrase');
    await consolePage.fill('input[name=passphrase]', PASSPHRASE);
    await consolePage.fill('input[name=passphraseAgain]', PASSPHRASE + 'x');
    await consolePage.getByText('2つのパスフレーズが一致しません').waitFor();
    await consolePage.fill('input[name=passphraseAgain]', PASSPHRASE);
    await consolePage.getByRole('button', { name: 'パスフレーズを設定して始める' }).click();

    // A new roster: the lead registers with a PIN and is signed in.
    await consolePage.getByTestId('first-lead').waitFor();
    await consolePage.fill('input[name=leadName]', '山田 花子');
    await consolePage.fill('input[name=pin]', LEAD_PIN);
    await consolePage.fill('input[name=pinAgain]', LEAD_PIN);
    await shot(consolePage, '00b-console-first-lead');
    await consolePage.getByRole('button', { name: '登録する' }).click();
    await consolePage.getByTestId('session-bar').waitFor();
    expect(await consolePage.getByTestId('session-bar').innerText()).toContain('山田 花子（責任者）');
    await consolePage.getByTestId('doctor-list').waitFor();
    expect(await consolePage.locator('.check').count()).toBe(11);
    // The photo checks tried on the shipped sample with the app's own detector thread.
    expect(await consolePage.getByTestId('doctor-list').innerText()).toMatch(/写真の判定（顔検出）\s*(見本の写真で確認しました|写真1枚（2400万画素）の判定に)/);
    await shot(consolePage, '01-console-open-day');

    // Autocomplete and spellcheck are off on every input.
    for (const input of await consolePage.locator('input:not([type=number]):not([type=checkbox]), textarea').all()) {
      expect(await input.getAttribute('autocomplete')).toBe('off');
      expect(await input.getAttribute('spellcheck')).toBe('false');
    }

    // Nobody serves before training: the lead's own record is missing, so the day cannot open.
    expect(await consolePage.getByTestId('open-day-form').innerText()).toContain('研修記録（服務規律・倫理・コンプライアンス・個人情報保護・業務手順）が未了');
    expect(await consolePage.getByText('本日予定のイベントがありません').count()).toBe(1);

    // The season area: a colleague on the roster, both trained, and today's event at its venue.
    await consolePage.getByRole('button', { name: '担当者・研修' }).click();
    await consolePage.fill('input[name=newStaffName]', '佐藤 一郎');
    await consolePage.fill('input[name=newStaffPin]', '2580');
    await consolePage.getByTestId('staff-panel').getByRole('button', { name: '登録する' }).click();
    await consolePage.getByTestId('roster-table').getByText('佐藤 一郎').waitFor();
    expect(await consolePage.getByTestId('roster-table').innerText()).toContain('研修未了');
    // A training date in the future is refused in words that say so (not the browser's tooltip).
    await consolePage.fill('input[name=heldOn]', japanDayFrom(1));
    await consolePage.selectOption('select[name=trainingStaff]', { label: '佐藤 一郎' });
    await consolePage.fill('input[name=trainer]', '米子市 市民課 研修担当');
    await consolePage.getByRole('button', { name: '研修を記録', exact: true }).click();
    await consolePage.getByTestId('training-form').getByText('研修の実施日に未来の日付は入れられません。').waitFor();
    await consolePage.fill('input[name=heldOn]', japanDayFrom(0));
    await recordTraining(consolePage, '山田 花子');
    await recordTraining(consolePage, '佐藤 一郎');
    // The roster is read again after the record is saved: waited for, not read at once (a loaded machine lagged).
    await consolePage.getByTestId('roster-table').getByText('研修未了').waitFor({ state: 'detached' });
    await shot(consolePage, '01a-console-roster-training');
    await addEventToday(consolePage, 'イオンモール米子 出張申請会', 'イオンモール米子 1階 センターコート', { tryBackwards: true });
    await shot(consolePage, '01b-console-events');
    // The documents due to the city for it: make the run sheet; it shows its version.
    await consolePage.getByRole('button', { name: '提出書類' }).click();
    // The event is today: its documents were due five days ago.
    await consolePage.getByTestId('documents-table').getByText('期限超過').first().waitFor();
    await consolePage.getByTestId('documents-table').getByRole('button', { name: '作成', exact: true }).first().click();
    await consolePage.getByText('作成済み・未提出').waitFor();
    expect(await consolePage.getByTestId('documents-table').innerText()).toContain('第1版');
    await shot(consolePage, '01d-console-documents');
    for (const input of await consolePage.locator('input:not([type=number]):not([type=checkbox]):not([type=date]):not([type=time]), textarea').all()) {
      expect(await input.getAttribute('autocomplete')).toBe('off');
      expect(await input.getAttribute('spellcheck')).toBe('false');
    }

    // The photo settings: the figures spec/photo.md leaves unconfirmed are marked so; a range out
    // of order is refused by name before anything is sent; a change is saved, and so is the way
    // back to the defaults (the rest of the walk-through runs on them).
    await consolePage.getByRole('button', { name: '写真の設定' }).click();
    const photoSettings = consolePage.getByTestId('photo-settings');
    await photoSettings.waitFor();
    expect(await photoSettings.locator('.settings-unconfirmed').count()).toBe(2);
    expect(await photoSettings.innerText()).toContain('初期値 32–36 mm（目標 34 mm）');
    await photoSettings.getByLabel('頭の大きさ（頭頂〜あご、写真の縦 45 mm のうち）（最小）').fill('36');
    await photoSettings.getByLabel('頭の大きさ（頭頂〜あご、写真の縦 45 mm のうち）（最大）').fill('32');
    await photoSettings.getByRole('button', { name: '保存する' }).click();
    await photoSettings.getByText('「最小 ≦ 目標 ≦ 最大」').waitFor();
    await shot(consolePage, '01e-console-photo-settings');
    // A slip of the keyboard is refused with the field's bounds.
    await photoSettings.getByLabel('頭の大きさ（頭頂〜あご、写真の縦 45 mm のうち）（最小）').fill('3.2');
    await photoSettings.getByRole('button', { name: '保存する' }).click();
    await photoSettings.getByText('は 25〜42 で入れてください').waitFor();
    await photoSettings.getByRole('button', { name: '初期値に戻す' }).click();
    // A figure between the form's steps is the lead's to choose.
    await photoSettings.getByLabel('頭の傾き').fill('2.7');
    await photoSettings.locator('select[name=paper]').selectOption('2L');
    await photoSettings.getByRole('button', { name: '保存する' }).click();
    await photoSettings.getByText('保存しました').waitFor();
    expect(await photoSettings.getByLabel('頭の傾き').inputValue()).toBe('2.7');
    await photoSettings.getByRole('button', { name: '初期値に戻す' }).click();
    await photoSettings.locator('select[name=paper]').selectOption('L');
    await photoSettings.getByRole('button', { name: '保存する' }).click();
    await photoSettings.getByText('保存しました').waitFor();
    for (const input of await photoSettings.locator('input').all()) {
      expect(await input.getAttribute('autocomplete')).toBe('off');
    }

    // Back to opening the day: today's event is chosen; the lead is on duty; add the colleague.
    await consolePage.getByRole('button', { name: '受付開始', exact: true }).click();
    await consolePage.getByRole('radio', { name: /イオンモール米子 出張申請会/ }).waitFor();
    expect(await consolePage.getByRole('radio', { name: /イオンモール米子 出張申請会/ }).getAttribute('aria-checked')).toBe('true');
    await consolePage.getByTestId('staff-on-duty').getByLabel(/佐藤 一郎/).check();
    await shot(consolePage, '01c-console-open-day-ready');

    // Open the station before opening the day: it must follow the day live, by event.
    const station = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
    watchConsole(station, problems, 'station');
    await station.goto(served.urls.station);
    await station.getByTestId('station-idle').waitFor();
    await station.getByText('受付の準備中です').waitFor();
    await shot(station, '02-station-before-open');

    await consolePage.getByTestId('open-day-form').getByRole('button', { name: '受付を開始' }).click();
    await consolePage.getByRole('tab', { name: '本日の受付' }).click();
    await consolePage.getByTestId('day-facts').waitFor();
    expect(await consolePage.getByTestId('day-facts').innerText()).toContain('山田 花子、佐藤 一郎');

    await station.getByText('イオンモール米子 1階 センターコート').waitFor();
    expect(await station.getByTestId('station-idle').innerText()).toContain('係員がご案内します');
    await shot(station, '03-station-day-open');

    // Device checks on the simulators.
    await consolePage.getByRole('tab', { name: '機器' }).click();
    await consolePage.getByRole('button', { name: 'カメラを試す' }).click();
    await consolePage.getByTestId('camera-snapshot').waitFor();
    await consolePage.getByRole('button', { name: '整理券をテスト印刷' }).click();
    expect(await consolePage.getByTestId('ticket-preview').innerText()).toContain('テスト印刷');
    expect(await consolePage.getByTestId('device-list').innerText()).toContain('模擬');
    await shot(consolePage, '04-console-day-open');

    // The photo printer's calibration: the panel says what each measurement should be on this
    // paper (the L sheet's horizontal ruler is 70 mm), a misreading is refused by name, and a
    // true reading is kept with its date.
    const calibration = consolePage.getByTestId('calibration');
    expect(await calibration.innerText()).toContain('L判の用紙に印刷します');
    expect(await calibration.innerText()).toContain('① 横の定規 0–70 の長さ (mm)');
    await calibration.getByRole('button', { name: '校正シートを印刷' }).click();
    await calibration.getByText('定規で測り').waitFor();
    const measure = async (values: string[]) => {
      for (const [i, v] of values.entries()) await calibration.locator('input').nth(i).fill(v);
      await calibration.getByRole('button', { name: '補正を保存' }).click();
    };
    await measure(['99.2', '100.5', '10.4', '9.7']);
    await calibration.getByText('① 横の定規 99.2 mm（設計値 70 mm）').waitFor();
    await shot(consolePage, '04g-console-calibration-misread');
    await measure(['69.6', '100.5', '10.4', '9.7']);
    await calibration.getByText('補正を保存しました').waitFor();
    // Kept for this paper (another paper gets its own; a list of them shows once there are two).
    expect(await calibration.innerText()).toMatch(/倍率 ×1\.0057 \/ ×0\.9950[\s\S]*校正日時 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（L判で測定）/);
    expect(await calibration.getByTestId('calibration-kept').count()).toBe(0);
    // The check print, measured again, is as designed: the lead is told no further round is needed.
    await measure(['70', '100.1', '10', '10']);
    await calibration.getByText('測った値は設計どおりでした（差は最大 0.1 mm）').waitFor();
    await calibration.screenshot({ path: path.join(shotsDir, '04g3-console-calibration-true.png') });
    await calibration.screenshot({ path: path.join(shotsDir, '04g2-console-calibration-saved.png') });

    // The queue: two tickets (simulated printer: shown on screen), then call the first one.
    await consolePage.getByRole('button', { name: /整理券を発行/ }).click();
    await consolePage.getByTestId('issued-ticket').waitFor();
    expect(await consolePage.getByTestId('issued-ticket').innerText()).toContain('1 番を発行しました');
    await consolePage.keyboard.press('F2');
    await consolePage.getByText('2 番を発行しました').waitFor();
    expect(await consolePage.getByTestId('waiting-list').innerText()).toMatch(/1[\s\S]*2/);
    await consolePage.keyboard.press('F3');
    await station.getByTestId('now-serving').waitFor();
    expect(await station.getByTestId('now-serving').innerText()).toBe('1');
    await station.getByText('窓口 1 へお越しください').waitFor();
    await consolePage.getByText('窓口 1: 1 番').waitFor();
    await shot(consolePage, '04a-console-queue');
    await expectNoScroll(station, '03b-station-now-serving');
    await shot(station, '03b-station-now-serving');

    // The incentive: outside the window it is refused; inside, paid once, then refused.
    await consolePage.getByRole('tab', { name: '特典' }).click();
    const incentive = consolePage.getByTestId('incentive-panel');
    const birth = async () => {
      await incentive.locator('select[name=birthEra]').selectOption('showa');
      await incentive.locator('select[name=birthYear]').selectOption('23');
      await incentive.locator('select[name=birthMonth]').selectOption('4');
      await incentive.locator('select[name=birthDay]').selectOption('1');
    };
    await incentive.locator('input[name=nameKana]').fill('やまだ はなこ');
    await birth();
    expect(await incentive.getByTestId('birth-date-read').innerText()).toBe('= 1948年4月1日（昭和23年）');
    await incentive.getByRole('button', { name: '特典を渡す' }).click();
    await incentive.getByText('対象外です').waitFor();
    await incentive.locator('input[name=nameKana]').fill('ヤマダ ハナコ');
    await birth();
    await incentive.locator('input[name=applicationDate]').fill('2023-01-15');
    await incentive.getByRole('button', { name: '特典を渡す' }).click();
    await consolePage.getByTestId('incentive-paid').waitFor();
    expect(await consolePage.getByTestId('incentive-paid').innerText()).toContain('2,000 円をお渡ししました');
    expect(await incentive.locator('input[name=nameKana]').inputValue()).toBe('');
    expect(await incentive.locator('select[name=birthYear]').inputValue()).toBe('');
    await incentive.locator('input[name=nameKana]').fill('やまだはなこ');
    await birth();
    await incentive.getByRole('button', { name: '特典を渡す' }).click();
    await incentive.getByText('すでに特典をお渡ししています').waitFor();
    await incentive.screenshot({ path: path.join(shotsDir, '04d-console-incentive-refused.png') });

    // An inquiry: an individual number in the text is refused, plain text is kept.
    await consolePage.getByRole('tab', { name: '問い合わせ' }).click();
    const inquiry = consolePage.getByTestId('inquiry-panel');
    await inquiry.locator('textarea[name=inquiryText]').fill('番号 1234 5678 9012 の件');
    await inquiry.getByRole('button', { name: '記録する' }).click();
    await inquiry.getByText('個人番号は書かないでください').waitFor();
    await inquiry.locator('textarea[name=inquiryText]').fill('カードの受け取り時期について');
    await inquiry.locator('textarea[name=inquiryResolution]').fill('約1か月後と説明');
    await inquiry.getByRole('button', { name: '記録する' }).click();
    await inquiry.getByText('記録しました。').waitFor();

    // A visit ends in a session wipe; the station page clears its storage and starts afresh.
    await station.evaluate(() => {
      sessionStorage.setItem('probe', 'visit-data');
      (window as unknown as Record<string, unknown>).__beforeReset = true;
    });
    await consolePage.getByRole('button', { name: '来訪者の受付を始める' }).click();
    await consolePage.getByTestId('visit-record').waitFor();

    // Meanwhile on the station: the citizen picks a language and answers the survey by touch.
    await station.getByTestId('station-wizard').waitFor();
    await expectNoScroll(station, '03c-station-language');
    await shot(station, '03c-station-language');
    await station.getByRole('button', { name: 'English' }).click();
    expect(await station.getAttribute('html', 'lang')).toBe('en');

    // The photo: what happens to it, then framing with the live view and its guide.
    await station.getByTestId('photo-intro').waitFor();
    expect(await station.getByTestId('photo-intro').innerText()).toContain('deleted');
    // What the citizen can put right before the shot, in their language.
    expect(await station.getByTestId('photo-prepare').innerText()).toContain('Take off your mask, hat and sunglasses.');
    await expectNoScroll(station, '03e-station-photo-intro');
    await shot(station, '03e-station-photo-intro');
    await station.getByRole('button', { name: 'Take the photo' }).click();
    await station.getByTestId('guide-overlay').waitFor({ timeout: 20_000 });
    // Frames and guide updates as the station receives them, over three seconds (figures, not asserts).
    const live = await measureLiveView(station);
    figures.liveView = live;
    expect(live.framesPerSecond).toBeGreaterThan(0);
    expect(live.guidesPerSecond).toBeGreaterThan(0);
    expect((await station.getByTestId('live-hint').innerText()).trim()).not.toBe('');
    await expectFramingFits(station);
    await shot(station, '03f-station-framing');
    // Staff are looking at the queue, at the top of the console, when the citizen takes the photo.
    await consolePage.evaluate(() => window.scrollTo(0, 0));
    await station.getByRole('button', { name: 'Take photo' }).click();
    await station.getByTestId('countdown').waitFor();
    await station.getByTestId('photo-review').waitFor({ timeout: 20_000 });
    // The demo portrait holds her head at about 4°: the station explains it in the citizen's words.
    expect(await station.getByTestId('photo-review').getAttribute('data-ok')).toBe('false');
    expect(await station.getByTestId('photo-review').innerText()).toContain('Hold your head straight.');
    await expectNoScroll(station, '03g-station-review');
    await shot(station, '03g-station-review');
    await station.getByRole('button', { name: 'Use this photo' }).click();
    await station.getByText('A staff member will check the photo').waitFor();

    // Staff see every check on the console, look at the photo, and print it.
    const photoPanel = consolePage.getByTestId('photo-panel');
    await photoPanel.getByTestId('photo-thumb').waitFor();
    // The panel is below the fold: the photo is announced at the bottom of the screen, and one press shows it.
    const news = consolePage.getByTestId('photo-news');
    await news.filter({ hasText: '写真が届きました（確認が必要）' }).waitFor();
    await consolePage.screenshot({ path: path.join(shotsDir, '04c2-console-photo-news.png') });
    await news.click();
    await news.waitFor({ state: 'detached' });
    await consolePage.waitForFunction(() => {
      const box = document.querySelector('[data-testid=photo-panel]')!.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight / 2;
    });
    expect(await photoPanel.getByTestId('photo-verdict').innerText()).toContain('確認が必要');
    expect(await photoPanel.innerText()).toContain('頭が');
    expect(await photoPanel.innerText()).toContain('口元が見えています');
    // What the checks cannot judge is named, for staff to look at.
    expect(await photoPanel.getByTestId('photo-by-eye').innerText()).toContain('ヘアバンド');
    await shot(consolePage, '04d-console-photo-review');
    // An upside-down shot (an infant shot from its head's side) can be turned over by staff: the
    // same still is judged again, and turned back.
    await photoPanel.getByTestId('photo-turn').click();
    await photoPanel.getByTestId('photo-turned').filter({ hasText: '180°回しました（係員の操作）' }).waitFor();
    await shot(consolePage, '04d2-console-photo-turned');
    await photoPanel.getByTestId('photo-turn').click();
    await photoPanel.getByTestId('photo-turned').waitFor({ state: 'detached' });
    await photoPanel.getByRole('checkbox').check();
    await photoPanel.getByRole('button', { name: '確認して印刷' }).click();
    await photoPanel.locator('[data-testid=print-status][data-state=done]').waitFor();
    await station.locator('[data-testid=photo-printing][data-state=done]').waitFor();
    // Printed for the paper form: name and date of birth go on its back, as J-LIS asks.
    expect(await station.getByTestId('photo-back').innerText()).toContain('write your name and date of birth on the back');
    expect(await photoPanel.getByTestId('photo-back').innerText()).toContain('裏に、氏名と生年月日');
    await expectNoScroll(station, '03h-station-printed');
    await shot(station, '03h-station-printed');
    await station.getByRole('button', { name: 'Next' }).click();

    // ⑤ The form's QR code through the scanner (a fast burst of keys, anywhere in the console):
    // the ID shows as its last four digits, and its digits toggle no service on the way.
    const online = consolePage.getByTestId('online-panel');
    const servicesBefore = await consolePage.locator('[aria-pressed=true]').count();
    await consolePage.locator('body').click({ position: { x: 5, y: 5 } });
    await consolePage.keyboard.type('https://apply.example.jp/start?applyId=12345678901234567890123', { delay: 3 });
    await consolePage.keyboard.press('Enter');
    await online.getByTestId('online-id').waitFor();
    expect(await online.getByTestId('online-id').innerText()).toContain('•••0123');
    expect(await online.innerText()).not.toContain('12345678901234567890123');
    expect(await consolePage.locator('[aria-pressed=true]').count()).toBe(servicesBefore);
    // No host is allowed yet in this demo, and the browser view has no application window: said so.
    expect(await online.innerText()).toContain('allowHosts');
    // A 12-digit individual number typed by mistake is refused by name.
    await online.locator('input[name=applicationId]').fill('123456789012');
    await online.getByRole('button', { name: '読み取る' }).click();
    await online.getByText('個人番号は読み取り・記録しません').waitFor();
    expect(await online.locator('input[name=applicationId]').inputValue()).toBe('');
    await shot(consolePage, '04e-console-online-application');

    // ⑥ The マイナポイント guide: at the PIN step the station asks staff to look away; the
    // citizen says when they are done, and the station is where it was.
    const guide = consolePage.getByTestId('guide-panel');
    await guide.getByRole('button', { name: /マイナポイント/ }).click();
    expect(await guide.innerText()).toContain('ご用意いただくもの');
    await guide.getByRole('button', { name: '暗証番号の入力（画面から目を離す）' }).click();
    await station.getByTestId('pin-screen').waitFor();
    await guide.getByTestId('pin-banner').waitFor();
    await shot(station, '03i-station-pin-look-away');
    await shot(consolePage, '04f-console-guide');
    await station.getByRole('button', { name: '入力が終わりました' }).click();
    await station.getByTestId('pin-screen').waitFor({ state: 'detached' });
    await guide.getByTestId('pin-banner').waitFor({ state: 'detached' });
    await station.getByRole('button', { name: 'Answer' }).click();
    await station.getByRole('radio', { name: 'Very satisfied' }).click();
    await expectNoScroll(station, '03d-station-question');
    await shot(station, '03d-station-question');
    await station.getByRole('radio', { name: 'About right' }).click();
    await station.getByRole('button', { name: 'Skip' }).click();
    await station.getByRole('radio', { name: 'Yes' }).click();
    await station.getByRole('button', { name: '70–74' }).click();
    await station.getByText('Thank you for your help').waitFor();
    for (const b of await station.getByRole('button').all()) expect(((await b.getAttribute('aria-label')) ?? (await b.innerText())).trim()).not.toBe('');
    expect(await consolePage.getByTestId('visit-panel').innerText()).toContain('整理番号 1');
    // Number keys as a person presses them (a scanner's burst toggles nothing, as shown above).
    await consolePage.keyboard.press('1');
    await consolePage.waitForTimeout(120);
    await consolePage.keyboard.press('2');
    await consolePage.waitForTimeout(120);
    await consolePage.selectOption('select[name=ageBand0]', '70-74');
    expect(await consolePage.getByRole('button', { name: /② 記入補助/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await consolePage.getByRole('button', { name: /③ 写真/ }).getAttribute('aria-pressed')).toBe('true');
    await shot(consolePage, '04c-console-visit-record');
    await consolePage.getByRole('button', { name: '記録して終了・消去' }).click();
    await consolePage.getByTestId('wipe-summary').waitFor();
    expect(await consolePage.getByTestId('wipe-summary').innerText()).toMatch(/消去しました：写真 [1-9]\d* 枚/);
    await station.waitForFunction(() => !(window as unknown as Record<string, unknown>).__beforeReset);
    await station.getByTestId('station-idle').waitFor();
    expect(await station.evaluate(() => sessionStorage.getItem('probe'))).toBeNull();
    await shot(consolePage, '04b-console-visit-wiped');

    // English beside Japanese where the user chooses it.
    await consolePage.getByRole('tab', { name: '本日の受付' }).click();
    await consolePage.getByRole('button', { name: 'English' }).click();
    await consolePage.getByRole('button', { name: 'Close the day' }).waitFor();
    expect(await consolePage.getAttribute('html', 'lang')).toBe('en');
    await shot(consolePage, '05-console-english');
    await consolePage.getByRole('button', { name: '日本語' }).click();

    await consolePage.getByRole('button', { name: '本日の受付を終了' }).click();
    await consolePage.getByRole('button', { name: '終了する' }).click();
    await consolePage.getByText('本日の受付を終了しました').waitFor();
    const summary = await consolePage.getByTestId('day-summary').innerText();
    expect(summary).toContain('来訪 1 件・申請 1 人');
    expect(summary).toContain('発行 2・対応済み 1・不在 0');
    expect(summary).toContain('未対応の整理券 1 枚');
    await shot(consolePage, '06-console-day-closed');
    await station.getByText('受付の準備中です').waitFor();

    expect(problems).toEqual([]);
  });

  it('asks for the passphrase after a restart, refusing a wrong one', async () => {
    expect(await served.stop()).toBe(0);
    served = await serve([], served.dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP' });
    const seen: string[] = [];
    watchConsole(page, seen, 'console');
    await page.goto(served.urls.console);
    await page.getByText('データベースを開く').waitFor();
    await page.fill('input[name=passphrase]', 'まちがい wrong');
    await page.getByRole('button', { name: '開く' }).click();
    await page.getByText('パスフレーズが違います').waitFor();
    await shot(page, '07-console-wrong-passphrase');
    await page.fill('input[name=passphrase]', PASSPHRASE);
    await page.getByRole('button', { name: '開く' }).click();
    // After a restart nobody is signed in: pick your name and type your PIN.
    await page.getByTestId('sign-in').waitFor();
    // Two on the roster now: pick your name first.
    await page.getByRole('radio', { name: /山田 花子/ }).click();
    await page.fill('input[name=signInPin]', '000000');
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByText('PINが違います').waitFor();
    await shot(page, '08-console-sign-in');
    await page.fill('input[name=signInPin]', LEAD_PIN);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByTestId('doctor-list').waitFor();
    await page.getByRole('button', { name: '担当者・研修' }).click();
    await page.getByTestId('staff-panel').waitFor();
    await shot(page, '09-console-lead-open-day');
    // Reports and planning: the day's figures are there to report and to plan from.
    await page.getByRole('button', { name: '報告書・計画' }).click();
    await page.getByTestId('report-form').waitFor();
    await page.getByRole('button', { name: '計算' }).click();
    await page.getByTestId('plan-table').waitFor();
    // A period whose last day is before its first is named, on the form; nothing is written.
    const reportFrom = await page.locator('input[name=reportFrom]').inputValue();
    await page.fill('input[name=reportFrom]', japanDayFrom(1));
    await page.getByRole('button', { name: '報告書を作成' }).click();
    await page.getByTestId('report-form').getByText(`終了日（${japanDayFrom(0)}）が開始日（${japanDayFrom(1)}）より前になっています。`).waitFor();
    await page.getByTestId('report-form').screenshot({ path: path.join(shotsDir, '09-console-report-period-refused.png') });
    await page.fill('input[name=reportFrom]', reportFrom);
    await page.getByRole('button', { name: '報告書を作成' }).click();
    await page.getByTestId('report-made').waitFor();
    // Issuance by age from the city's CSV (Shift_JIS, a title line first, 男/女/計): previewed, imported,
    // and the plan then projects the rate.
    const csvDir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-csv-'));
    const csvFile = path.join(csvDir, 'issuance.csv');
    // First a wrong export, with many lines it cannot read: the first 50 are listed with their
    // reason (in a box that scrolls), the rest counted, and the columns offered are the header's.
    const junk = Array.from({ length: 62 }, (_, i) => `合計その${i + 1},x,y,z`).join('\r\n');
    writeFileSync(csvFile, iconv.encode(`年齢,人口（計）,交付枚数（計）\r\n60～64歳,9000,4300\r\n${junk}\r\n`, 'Shift_JIS'));
    await page.setInputFiles('input[name=issuanceCsv]', csvFile);
    await page.getByText('ほかに 12 行を読めませんでした。').waitFor();
    expect(await page.getByTestId('issuance').getByRole('listitem').count()).toBe(50);
    expect(await page.locator('select[name=col-band]').inputValue()).toBe('年齢');
    await shot(page, '09a-console-issuance-unread');
    // Staff fix the file and choose the same file again, through the file dialog: it is read again.
    writeFileSync(csvFile, iconv.encode('令和4年9月末時点,,,\r\n年齢,人口（男）,人口（計）,交付枚数（計）\r\n60～64歳,4000,9000,4300\r\n65～69歳,4800,10000,5000\r\n70～74歳,5500,11500,5600\r\n不明,1,2,0\r\n', 'Shift_JIS'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('input[name=issuanceCsv]').click()]);
    await chooser.setFiles(csvFile);
    await page.getByText('3 区分を読み取りました（shift_jis）').waitFor();
    expect(await page.getByTestId('issuance').innerText()).toContain('3 区分を読み取りました（shift_jis）');
    expect(await page.getByTestId('issuance').innerText()).toContain('年齢区分を読めません');
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.getByText('取り込みました。計画の交付率に反映されます。').waitFor();
    await page.getByRole('button', { name: '計算' }).click();
    await page.getByText(/交付率（.+時点）/).waitFor();
    // This device's bundle for the office, and its fingerprint to check it by.
    expect(await page.getByTestId('bundles').innerText()).toMatch(/この端末の指紋: [0-9a-f]{4}( [0-9a-f]{4}){15}/);
    await page.getByRole('button', { name: 'この端末の集計を書き出す' }).click();
    await page.getByText(/書き出しました: .+madoguchi-bundle_.+\.json（1 会場日）/).waitFor();
    expect(await page.getByTestId('report-made').innerText()).toContain('来訪 1 件');
    expect(await page.getByTestId('report-made').innerText()).toMatch(/weekly-report_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.pdf/);
    await shot(page, '09b-console-reports');
    await page.getByRole('button', { name: 'ロック' }).click();
    await page.getByTestId('sign-in').waitFor();
    expect(seen).toEqual([]);
  });

  it('runs the end-of-event wipe from the console, and then says the device was wiped', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ja-JP' });
    const seen: string[] = [];
    watchConsole(page, seen, 'console');
    await page.goto(served.urls.console);
    await page.getByTestId('sign-in').waitFor();
    await page.getByRole('radio', { name: /山田 花子/ }).click();
    await page.fill('input[name=signInPin]', LEAD_PIN);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByRole('button', { name: '全消去', exact: true }).click();
    await page.getByRole('button', { name: '全消去の手続きを開く（責任者）' }).click();
    await page.getByTestId('wipe-panel').waitFor();
    const certDir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-e2e-cert-'));
    await page.fill('input[name=certificateDir]', certDir);
    await page.fill('input[name=wipePlace]', '米子市 イオンモール');
    await page.fill('input[name=wipePin]', LEAD_PIN);
    await page.check('input[name=wipeConfirm]');
    await page.getByTestId('wipe-panel').screenshot({ path: path.join(shotsDir, '10-console-wipe-panel.png') });
    await page.getByRole('button', { name: '全消去して証明書を作成' }).click();
    await page.getByTestId('wiped-notice').waitFor();
    expect(await page.getByTestId('wiped-notice').innerText()).toContain(certDir);
    // The certificate folder is on this computer's disk here (no USB stick): the lead is told to copy it off.
    expect(await page.getByTestId('wipe-certificate-on-this-disk').innerText()).toContain(certDir);
    await shot(page, '11-console-wiped');
    expect(readdirSync(served.dataDir)).toEqual(['wiped.json']);
    expect(readdirSync(certDir).some((f) => f.endsWith('.pdf'))).toBe(true);
    expect(seen).toEqual([]);
  });

  it('gives the renderer no Node APIs, and CSP blocks inline script and string eval', async () => {
    const page = await browser.newPage();
    // What the page sends the app: its CSP reports should be among it.
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
    await page.goto(served.urls.console);
    await page.locator('.topbar').waitFor();
    // No waiting for the page's WebSocket: on a loaded machine it opens after the first paint,
    // and reports made before then must wait for it, not be lost (a CI run once lost both).
    const probe = await page.evaluate(async () => {
      const g = globalThis as Record<string, unknown>;
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      // What an injected script would try; page code, not DevTools, so CSP applies.
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.appendChild(s);
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__stringTimerRan = true', 0);
      await new Promise((r) => setTimeout(r, 200));
      return {
        process: typeof g.process,
        require: typeof g.require,
        inlineRan: g.__inlineRan === true,
        stringTimerRan: g.__stringTimerRan === true,
        violations: violations.filter((v) => v.startsWith('script-src')).length,
      };
    });
    expect(probe).toEqual({ process: 'undefined', require: 'undefined', inlineRan: false, stringTimerRan: false, violations: 2 });
    // Both blocks were reported to the app (directive and what was blocked, nothing more).
    await expect.poll(() => sent.filter((f) => f.includes('"app.cspViolation"')).length, { timeout: 10_000 }).toBe(2);
    expect(sent.filter((f) => f.includes('"app.cspViolation"')).map((f) => (JSON.parse(f) as { payload: { blocked: string } }).payload.blocked).sort()).toEqual(['eval', 'inline']);
  });

  it('refuses a page from another origin that knows the token', async () => {
    const page = await browser.newPage();
    await page.goto('about:blank');
    const token = new URL(served.urls.console).hash.slice('#token='.length);
    const port = new URL(served.urls.console).port;
    const outcome = await page.evaluate(
      ({ port, token }) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      { port, token },
    );
    expect(outcome).toBe('refused');
  });
});
