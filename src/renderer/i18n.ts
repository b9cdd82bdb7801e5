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
