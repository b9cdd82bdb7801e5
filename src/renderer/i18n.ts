// Screen words, Japanese first. Keys name what the words are for; English sits beside each.
import { createContext, useContext } from 'react';
import type { Lang, Text } from '../shared/text.js';

const words = {
  appName: { ja: 'マイナンバーカード 出張申請窓口', en: 'My Number Card pop-up counter' },
  consoleTitle: { ja: '操作画面', en: 'Operator console' },
  demoBanner: {
    ja: 'デモモード：カメラ・プリンターは模擬装置です。市民の方の受付には使わないでください。',
    en: 'Demo mode: camera and printers are simulated. Do not use for real visitors.',
  },
  mixedBanner: { ja: '一部の機器が模擬装置です', en: 'Some devices are simulated' },
  connecting: { ja: 'アプリ本体に接続しています…', en: 'Connecting to the app…' },
  disconnected: { ja: '接続が切れました。再接続しています…', en: 'Connection lost. Reconnecting…' },
  openDayTitle: { ja: '本日の受付を開始する', en: 'Open the day' },
  eventName: { ja: 'イベント名', en: 'Event' },
  eventNameHint: { ja: '例：イオンモール米子 出張申請会', en: 'e.g. AEON Mall pop-up' },
  venue: { ja: '会場', en: 'Venue' },
  venueHint: { ja: '例：1階 センターコート', en: 'e.g. 1F centre court' },
  staffOnDuty: { ja: '本日の担当者', en: 'Staff on duty' },
  staffHint: { ja: '氏名を入力して「追加」', en: 'Type a name, then Add' },
  add: { ja: '追加', en: 'Add' },
  remove: { ja: '削除', en: 'Remove' },
  counters: { ja: '受付窓口の数', en: 'Counters open' },
  hardwareCheck: { ja: '機器の確認', en: 'Hardware check' },
  recheck: { ja: '再確認', en: 'Check again' },
  checking: { ja: '確認中…', en: 'Checking…' },
  openDay: { ja: '受付を開始', en: 'Open the day' },
  needStaff: { ja: '担当者を1人以上追加してください。', en: 'Add at least one staff member.' },
  dayOpenSince: { ja: '受付中（{time}〜）', en: 'Open since {time}' },
  closeDay: { ja: '本日の受付を終了', en: 'Close the day' },
  closeDayConfirm: { ja: '本日の受付を終了します。よろしいですか？', en: 'Close the day now?' },
  yesClose: { ja: '終了する', en: 'Close it' },
  cancel: { ja: 'やめる', en: 'Cancel' },
  dayClosed: { ja: '本日の受付を終了しました', en: 'The day is closed' },
  minutesOpen: { ja: '受付時間', en: 'Time open' },
  minutes: { ja: '分', en: 'min' },
  devices: { ja: '機器', en: 'Devices' },
  simulated: { ja: '模擬', en: 'simulated' },
  real: { ja: '実機', en: 'real' },
  ready: { ja: '準備完了', en: 'ready' },
  busy: { ja: '使用中', en: 'busy' },
  offline: { ja: '未接続', en: 'offline' },
  outputFolder: { ja: '出力先', en: 'Output folder' },
  cameraTest: { ja: 'カメラを試す', en: 'Test camera' },
  ticketTest: { ja: '整理券をテスト印刷', en: 'Test-print a ticket' },
  stationTitle: { ja: '撮影ステーション', en: 'Photo station' },
  welcome: { ja: 'ようこそ', en: 'Welcome' },
  nowServing: { ja: 'ただいまの受付番号', en: 'Now serving' },
  preparing: { ja: '受付の準備中です', en: 'We are getting ready' },
  staffWillGuide: { ja: '係員がご案内します。しばらくお待ちください。', en: 'A staff member will guide you. Please wait a moment.' },
  waitForNumber: { ja: '番号が呼ばれるまでお待ちください。', en: 'Please wait until your number is called.' },
  language: { ja: 'English', en: '日本語' },
  error: { ja: 'エラー', en: 'Error' },
  dataDir: { ja: 'データの保存先', en: 'Data folder' },
  version: { ja: '版', en: 'Version' },
  storeNewTitle: { ja: 'この端末のデータを保護するパスフレーズを決める', en: 'Choose the passphrase that protects this device’s data' },
  storeNewHelp: {
    ja: '受付の記録は暗号化して保存します。毎朝の開局時に責任者がこのパスフレーズを入力します。8文字以上。忘れるとデータは開けません。',
    en: 'Booth records are stored encrypted. The lead enters this passphrase when opening each day. At least 8 characters. If it is lost, the data cannot be opened.',
  },
  storeLockedTitle: { ja: 'データベースを開く', en: 'Open the database' },
  storeLockedHelp: { ja: '責任者がパスフレーズを入力してください。', en: 'The lead enters the passphrase.' },
  passphrase: { ja: 'パスフレーズ', en: 'Passphrase' },
  passphraseAgain: { ja: 'パスフレーズ（確認）', en: 'Passphrase (again)' },
  passphraseMismatch: { ja: '2つのパスフレーズが一致しません。', en: 'The two passphrases differ.' },
  passphraseShort: { ja: '8文字以上にしてください。', en: 'Use at least 8 characters.' },
  createStore: { ja: 'パスフレーズを設定して始める', en: 'Set the passphrase and start' },
  unlock: { ja: '開く', en: 'Open' },
  unlocking: { ja: '確認しています…', en: 'Checking…' },
  retryWait: { ja: '誤りが続いたため、次の確認まで {s} 秒待ちます。', en: 'After wrong attempts, the next check waits {s} s.' },
  wipedNotice: { ja: 'この端末は {date} に全データを消去しました。新しく始めるにはパスフレーズを決めてください。', en: 'All data on this device was wiped on {date}. To start again, choose a passphrase.' },
  visitTitle: { ja: '来訪者の受付', en: 'Visitor' },
  visitStart: { ja: '来訪者の受付を始める', en: 'Start a visit' },
  visitOpenSince: { ja: '受付中（{time}から）', en: 'Visit open since {time}' },
  visitEnd: { ja: '受付を終えてデータを消去', en: 'End the visit and wipe' },
  visitNone: { ja: '受付中の来訪者はいません。', en: 'No visit is open.' },
  visitWiped: {
    ja: '消去しました：写真 {photos} 枚、一時ファイル {temp} 件、カメラ内 {camera} 件、印刷ジョブ {jobs} 件（{ms} ミリ秒）',
    en: 'Wiped: {photos} photos, {temp} temporary files, {camera} camera files, {jobs} print jobs ({ms} ms)',
  },
  visitBlocked: { ja: 'カメラのメモリーカードに写真が残っています。カメラを確認してください。', en: 'Photos remain on the camera’s card. Check the camera.' },
  recheckCamera: { ja: 'カメラを再確認', en: 'Recheck camera' },
  firstLeadTitle: { ja: '最初に責任者を登録する', en: 'Register the lead first' },
  firstLeadHelp: { ja: '責任者はスタッフの登録、設定の変更、終了時の全消去ができます。PINは4〜8桁の数字です。', en: 'The lead registers staff, changes settings and runs the final wipe. The PIN is 4–8 digits.' },
  staffName: { ja: '氏名', en: 'Name' },
  pin: { ja: 'PIN（4〜8桁の数字）', en: 'PIN (4–8 digits)' },
  pinAgain: { ja: 'PIN（確認）', en: 'PIN (again)' },
  pinMismatch: { ja: '2つのPINが一致しません。', en: 'The two PINs differ.' },
  register: { ja: '登録する', en: 'Register' },
  signInTitle: { ja: '担当者のサインイン', en: 'Staff sign-in' },
  signInHelp: { ja: '自分の名前を選び、PINを入力してください。', en: 'Choose your name and enter your PIN.' },
  signIn: { ja: 'サインイン', en: 'Sign in' },
  signedInAs: { ja: '{name}（{role}）がサインイン中', en: '{name} ({role}) signed in' },
  lock: { ja: 'ロック', en: 'Lock' },
  role_lead: { ja: '責任者', en: 'lead' },
  role_staff: { ja: 'スタッフ', en: 'staff' },
  role_office: { ja: '市役所', en: 'city office' },
  staffTitle: { ja: '担当者の登録', en: 'Register staff' },
  role: { ja: '役割', en: 'Role' },
  staffAdded: { ja: '{name} を登録しました。', en: 'Registered {name}.' },
  status_ok: { ja: 'OK', en: 'OK' },
  status_warn: { ja: '注意', en: 'Warning' },
  status_fail: { ja: '要対応', en: 'Action needed' },
} satisfies Record<string, Text>;

export type WordKey = keyof typeof words;

export const LangContext = createContext<Lang>('ja');

export function useT(): (key: WordKey) => string {
  const lang = useContext(LangContext);
  return (key) => words[key][lang];
}

export function useTx(): (t: Text) => string {
  const lang = useContext(LangContext);
  return (t) => t[lang];
}
