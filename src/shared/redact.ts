// The redaction step before opinions leave the booth in a report: what looks like a number
// (phone, ID, address number), an e-mail address or a person's name with an honorific is masked.
// A suggestion only: staff read every opinion and confirm or correct it before it is reported.

/** Honorific words that are not a person's name (「皆さん」「係員さん」…). */
const NOT_NAMES = new Set(['皆', 'みな', 'みんな', '係員', '職員', '店員', '係', 'お客', 'お医者', 'お年寄り', 'スタッフ', '担当', '市役所', '窓口', 'お店', 'お母', 'お父', 'おばあ', 'おじい', 'お子']);

const NUMBER = /[0-9０-９](?:[0-9０-９\-‐－ー\s]*[0-9０-９]){3,}/gu;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;
const NAME = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{1,6}?)(さん|様|さま|氏|くん|君|ちゃん)/gu;

export interface Redaction {
  text: string;
  /** What was masked, by kind (counts only). */
  masked: { number: number; email: number; name: number };
}

export function redact(input: string): Redaction {
  const masked = { number: 0, email: 0, name: 0 };
  let text = input.replace(EMAIL, () => {
    masked.email += 1;
    return '（メールアドレス）';
  });
  text = text.replace(NUMBER, (m) => {
    if ((m.match(/[0-9０-９]/gu) ?? []).length < 4) return m;
    masked.number += 1;
    return '＊＊＊＊';
  });
  text = text.replace(NAME, (m, name: string, honorific: string) => {
    if (NOT_NAMES.has(name) || [...NOT_NAMES].some((w) => name.endsWith(w))) return m;
    masked.name += 1;
    return `〇〇${honorific}`;
  });
  return { text, masked };
}
