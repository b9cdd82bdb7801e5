// ⑥ The help the booth gives beside the card application: マイナポイント (第2弾) and the vaccine
// certificate (electronic, by app). Each is what the citizen needs and what they do, step by step,
// for staff to follow with them. Card PINs are typed by the citizen on their own phone or the
// official terminal, while staff look away (the station says so); the app never asks for one.
// The steps follow the national services as they ran in 2022; the city checks them before use.
import { text, type Text } from './text.js';

export const GUIDE_IDS = ['mynaPoint', 'vaccineCert'] as const;
export type GuideId = (typeof GUIDE_IDS)[number];

export interface Guide {
  id: GuideId;
  title: Text;
  needs: Text[];
  steps: { text: Text; /** The citizen types a PIN here: staff look away. */ pin?: true }[];
}

export const GUIDES: Record<GuideId, Guide> = {
  mynaPoint: {
    id: 'mynaPoint',
    title: text('⑥ マイナポイント（第2弾）の申込み', '⑥ Mynapoint (phase 2) sign-up'),
    needs: [
      text('マイナンバーカード', 'My Number Card'),
      text('利用者証明用電子証明書の暗証番号（数字4桁）— ご本人だけが知っているもの', 'The user-certificate PIN (4 digits), known only to the citizen'),
      text('選ぶキャッシュレス決済サービスのアプリやカード', 'The cashless payment service to choose (its app or card)'),
      text('公金受取口座を登録する場合は、通帳やキャッシュカード', 'For the public-funds account: the bankbook or cash card'),
    ],
    steps: [
      { text: text('スマートフォンのマイナポイントアプリ（または手続スポットの端末）を起動する', 'Open the Mynapoint app on the phone (or the official terminal)') },
      { text: text('マイナンバーカードを読み取り、ご本人が暗証番号（4桁）を入力する', 'Read the card; the citizen types the 4-digit PIN'), pin: true },
      { text: text('キャッシュレス決済サービスを選んで申し込む', 'Choose the cashless payment service and apply') },
      { text: text('健康保険証としての利用を申し込む', 'Apply to use the card as health insurance card') },
      { text: text('公金受取口座を登録する', 'Register the public-funds account') },
      { text: text('完了画面を一緒に確認する（画面は撮影・記録しない）', 'Check the completion screen together (never photographed or recorded)') },
    ],
  },
  vaccineCert: {
    id: 'vaccineCert',
    title: text('⑥ ワクチン接種証明書（電子版）の発行', '⑥ Vaccination certificate (electronic)'),
    needs: [
      text('マイナンバーカード', 'My Number Card'),
      text('券面事項入力補助用の暗証番号（数字4桁）— ご本人だけが知っているもの', 'The card-details PIN (4 digits), known only to the citizen'),
      text('海外用の場合は、旅券（パスポート）', 'For use abroad: the passport'),
      text('接種証明書アプリを入れたスマートフォン', 'A phone with the vaccination-certificate app'),
    ],
    steps: [
      { text: text('接種証明書アプリを起動し、日本国内用か海外用かを選ぶ', 'Open the app; choose for use in Japan or abroad') },
      { text: text('ご本人が暗証番号（4桁）を入力する', 'The citizen types the 4-digit PIN'), pin: true },
      { text: text('マイナンバーカードを読み取る（海外用は旅券も）', 'Read the card (and the passport for use abroad)') },
      { text: text('接種した市区町村を選び、発行する', 'Choose the municipality of vaccination; issue') },
      { text: text('表示された証明書を一緒に確認する（画面は撮影・記録しない）', 'Check the certificate shown together (never photographed or recorded)') },
    ],
  },
};
