// The survey (⑪), defined once: the station's touch survey, the console's paper-form entry and
// the printable form all use these questions. Anonymous; age band and comment are optional.
import type { Text } from './text.js';

export interface SurveyQuestion {
  id: string;
  text: Text;
  choices: { id: string; text: Text }[];
}

export const SURVEY: readonly SurveyQuestion[] = [
  {
    id: 'satisfaction',
    text: { ja: '本日の受付はいかがでしたか。', en: 'How was the service today?' },
    choices: [
      { id: '5', text: { ja: 'とても満足', en: 'Very satisfied' } },
      { id: '4', text: { ja: '満足', en: 'Satisfied' } },
      { id: '3', text: { ja: 'ふつう', en: 'Neutral' } },
      { id: '2', text: { ja: '不満', en: 'Dissatisfied' } },
      { id: '1', text: { ja: 'とても不満', en: 'Very dissatisfied' } },
    ],
  },
  {
    id: 'wait',
    text: { ja: '待ち時間はいかがでしたか。', en: 'How was the waiting time?' },
    choices: [
      { id: 'short', text: { ja: '短い', en: 'Short' } },
      { id: 'ok', text: { ja: 'ちょうどよい', en: 'About right' } },
      { id: 'long', text: { ja: '長い', en: 'Long' } },
    ],
  },
  {
    id: 'howKnew',
    text: { ja: 'この窓口を何で知りましたか。', en: 'How did you hear about this counter?' },
    choices: [
      { id: 'bulletin', text: { ja: '市の広報誌', en: 'City bulletin' } },
      { id: 'flyer', text: { ja: 'チラシ・ポスター', en: 'Flyer or poster' } },
      { id: 'web', text: { ja: '市のホームページ・SNS', en: 'City website or social media' } },
      { id: 'passing', text: { ja: '通りがかり', en: 'Passing by' } },
      { id: 'family', text: { ja: '家族・知人', en: 'Family or friends' } },
      { id: 'other', text: { ja: 'その他', en: 'Other' } },
    ],
  },
  {
    id: 'recommend',
    text: { ja: 'ご家族や知人にこの窓口をすすめたいですか。', en: 'Would you recommend this counter to family or friends?' },
    choices: [
      { id: 'yes', text: { ja: 'はい', en: 'Yes' } },
      { id: 'no', text: { ja: 'いいえ', en: 'No' } },
      { id: 'unsure', text: { ja: 'わからない', en: 'Not sure' } },
    ],
  },
];

/** Obvious personal data in free text: the 12-digit individual number, a 23-digit 申請書ID, a phone number. */
export function personalDataIn(s: string): 'individual_number' | 'application_id' | 'phone' | null {
  const digits = s.normalize('NFKC');
  if (/(?<!\d)\d{23}(?!\d)/.test(digits.replace(/[\s-]/g, ''))) return 'application_id';
  if (/(?<!\d)\d{4}[\s-]?\d{4}[\s-]?\d{4}(?!\d)/.test(digits)) return 'individual_number';
  if (/(?<!\d)0\d{1,4}[\s-]?\d{1,4}[\s-]?\d{4}(?!\d)/.test(digits)) return 'phone';
  return null;
}
