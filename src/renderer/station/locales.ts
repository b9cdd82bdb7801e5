// The station's words in the citizen's language. Japanese is the source; やさしい日本語 (easy
// Japanese) is for citizens who read kana more easily. Survey texts are keyed by the ids in
// src/shared/survey.ts, so the questions cannot drift apart (a test checks every key).
import { type AGE_BANDS } from '../../shared/contract.js';

export const STATION_LANGS = ['ja', 'ja-easy', 'en', 'zh', 'ko', 'vi'] as const;
export type StationLang = (typeof STATION_LANGS)[number];

export interface StationWords {
  langName: string;
  htmlLang: string;
  chooseLanguage: string;
  surveyTitle: string;
  surveyNote: string;
  start: string;
  noThanks: string;
  back: string;
  skip: string;
  progress: string;
  ageQuestion: string;
  send: string;
  thanks: string;
  thanksNote: string;
  already: string;
  problem: string;
  easierToRead: string;
  survey: Record<string, { q: string; choices: Record<string, string> }>;
  band: (from: number | null, to: number | null) => string;
}

export const STATION_WORDS: Record<StationLang, StationWords> = {
  ja: {
    langName: '日本語',
    htmlLang: 'ja',
    chooseLanguage: 'ことばを選んでください',
    surveyTitle: 'アンケートにご協力ください',
    surveyNote: '回答は任意で、お名前は伺いません。画面を軽く押して答えてください。',
    start: '答える',
    noThanks: '答えない',
    back: '戻る',
    skip: 'とばす',
    progress: '{n} / {total}',
    ageQuestion: 'よろしければ年代を教えてください。',
    send: '送信する',
    thanks: 'ご協力ありがとうございました',
    thanksNote: '係員にお声がけください。',
    already: 'アンケートは回答済みです。ありがとうございました。',
    problem: 'うまく送れませんでした。係員にお声がけください。',
    easierToRead: '文字を見やすく',
    survey: {
      satisfaction: { q: '本日の受付はいかがでしたか。', choices: { '5': 'とても満足', '4': '満足', '3': 'ふつう', '2': '不満', '1': 'とても不満' } },
      wait: { q: '待ち時間はいかがでしたか。', choices: { short: '短い', ok: 'ちょうどよい', long: '長い' } },
      howKnew: { q: 'この窓口を何で知りましたか。', choices: { bulletin: '市の広報誌', flyer: 'チラシ・ポスター', web: '市のホームページ・SNS', passing: '通りがかり', family: '家族・知人', other: 'その他' } },
      recommend: { q: 'ご家族や知人にこの窓口をすすめたいですか。', choices: { yes: 'はい', no: 'いいえ', unsure: 'わからない' } },
    },
    band: (a, b) => (b === null ? `${a}歳以上` : `${a}〜${b}歳`),
  },
  'ja-easy': {
    langName: 'やさしい にほんご',
    htmlLang: 'ja',
    chooseLanguage: 'ことばを えらんで ください',
    surveyTitle: 'しつもんに こたえて ください',
    surveyNote: 'こたえなくても だいじょうぶです。なまえは ききません。がめんを おして こたえて ください。',
    start: 'こたえる',
    noThanks: 'こたえない',
    back: 'もどる',
    skip: 'つぎへ（こたえない）',
    progress: '{n} / {total}',
    ageQuestion: 'なんさいですか（こたえなくても いいです）',
    send: 'おくる',
    thanks: 'ありがとう ございました',
    thanksNote: 'かかりの ひとに こえを かけて ください。',
    already: 'もう こたえて います。ありがとう ございました。',
    problem: 'おくれませんでした。かかりの ひとに こえを かけて ください。',
    easierToRead: 'もじを みやすく',
    survey: {
      satisfaction: { q: 'きょうの うけつけは どうでしたか。', choices: { '5': 'とても よかった', '4': 'よかった', '3': 'ふつう', '2': 'よくなかった', '1': 'とても よくなかった' } },
      wait: { q: 'まった じかんは どうでしたか。', choices: { short: 'みじかい', ok: 'ちょうど いい', long: 'ながい' } },
      howKnew: { q: 'この まどぐちを なにで しりましたか。', choices: { bulletin: 'しの こうほうし', flyer: 'チラシ・ポスター', web: 'しの ホームページ・SNS', passing: 'とおりがかり', family: 'かぞく・しりあい', other: 'そのほか' } },
      recommend: { q: 'かぞくや しりあいに この まどぐちを すすめたいですか。', choices: { yes: 'はい', no: 'いいえ', unsure: 'わからない' } },
    },
    band: (a, b) => (b === null ? `${a}さい いじょう` : `${a}〜${b}さい`),
  },
  en: {
    langName: 'English',
    htmlLang: 'en',
    chooseLanguage: 'Choose your language',
    surveyTitle: 'Please help us with a short survey',
    surveyNote: 'Answering is optional and anonymous. Touch the screen to answer.',
    start: 'Answer',
    noThanks: 'No, thank you',
    back: 'Back',
    skip: 'Skip',
    progress: '{n} of {total}',
    ageQuestion: 'If you like, tell us your age group.',
    send: 'Send',
    thanks: 'Thank you for your help',
    thanksNote: 'Please let a staff member know you are done.',
    already: 'The survey has already been answered. Thank you.',
    problem: 'This could not be sent. Please ask a staff member.',
    easierToRead: 'Easier to read',
    survey: {
      satisfaction: { q: 'How was the service today?', choices: { '5': 'Very satisfied', '4': 'Satisfied', '3': 'Neutral', '2': 'Dissatisfied', '1': 'Very dissatisfied' } },
      wait: { q: 'How was the waiting time?', choices: { short: 'Short', ok: 'About right', long: 'Long' } },
      howKnew: { q: 'How did you hear about this counter?', choices: { bulletin: 'City bulletin', flyer: 'Flyer or poster', web: 'City website or social media', passing: 'Passing by', family: 'Family or friends', other: 'Other' } },
      recommend: { q: 'Would you recommend this counter to family or friends?', choices: { yes: 'Yes', no: 'No', unsure: 'Not sure' } },
    },
    band: (a, b) => (b === null ? `${a}+` : `${a}–${b}`),
  },
  zh: {
    langName: '中文',
    htmlLang: 'zh-Hans',
    chooseLanguage: '请选择语言',
    surveyTitle: '请协助填写问卷',
    surveyNote: '回答是自愿且匿名的，不会询问您的姓名。请轻触屏幕作答。',
    start: '回答',
    noThanks: '不回答',
    back: '返回',
    skip: '跳过',
    progress: '{n} / {total}',
    ageQuestion: '如果方便，请告诉我们您的年龄段。',
    send: '发送',
    thanks: '感谢您的协助',
    thanksNote: '请告知工作人员。',
    already: '您已回答过问卷。谢谢。',
    problem: '未能发送。请联系工作人员。',
    easierToRead: '放大文字',
    survey: {
      satisfaction: { q: '今天的服务如何？', choices: { '5': '非常满意', '4': '满意', '3': '一般', '2': '不满意', '1': '非常不满意' } },
      wait: { q: '等待时间如何？', choices: { short: '短', ok: '刚好', long: '长' } },
      howKnew: { q: '您是如何得知这个窗口的？', choices: { bulletin: '市政府公报', flyer: '传单・海报', web: '市政府网站・社交媒体', passing: '路过', family: '家人・朋友', other: '其他' } },
      recommend: { q: '您愿意向家人或朋友推荐这个窗口吗？', choices: { yes: '愿意', no: '不愿意', unsure: '不确定' } },
    },
    band: (a, b) => (b === null ? `${a}岁以上` : `${a}–${b}岁`),
  },
  ko: {
    langName: '한국어',
    htmlLang: 'ko',
    chooseLanguage: '언어를 선택해 주십시오',
    surveyTitle: '설문에 협조해 주십시오',
    surveyNote: '응답은 자유이며 익명입니다. 이름은 묻지 않습니다. 화면을 눌러 답해 주십시오.',
    start: '답하기',
    noThanks: '답하지 않기',
    back: '뒤로',
    skip: '건너뛰기',
    progress: '{n} / {total}',
    ageQuestion: '괜찮으시다면 연령대를 알려 주십시오.',
    send: '보내기',
    thanks: '협조해 주셔서 감사합니다',
    thanksNote: '담당자에게 말씀해 주십시오.',
    already: '이미 설문에 답하셨습니다. 감사합니다.',
    problem: '보내지 못했습니다. 담당자에게 말씀해 주십시오.',
    easierToRead: '글자를 크게',
    survey: {
      satisfaction: { q: '오늘의 접수는 어떠셨습니까?', choices: { '5': '매우 만족', '4': '만족', '3': '보통', '2': '불만족', '1': '매우 불만족' } },
      wait: { q: '대기 시간은 어떠셨습니까?', choices: { short: '짧았다', ok: '적당했다', long: '길었다' } },
      howKnew: { q: '이 창구를 어떻게 알게 되셨습니까?', choices: { bulletin: '시 홍보지', flyer: '전단지・포스터', web: '시 홈페이지・SNS', passing: '지나가다가', family: '가족・지인', other: '기타' } },
      recommend: { q: '가족이나 지인에게 이 창구를 추천하고 싶으십니까?', choices: { yes: '예', no: '아니요', unsure: '잘 모르겠다' } },
    },
    band: (a, b) => (b === null ? `${a}세 이상` : `${a}~${b}세`),
  },
  vi: {
    langName: 'Tiếng Việt',
    htmlLang: 'vi',
    chooseLanguage: 'Vui lòng chọn ngôn ngữ',
    surveyTitle: 'Xin vui lòng trả lời khảo sát ngắn',
    surveyNote: 'Việc trả lời là tự nguyện và ẩn danh. Chúng tôi không hỏi tên bạn. Hãy chạm vào màn hình để trả lời.',
    start: 'Trả lời',
    noThanks: 'Không trả lời',
    back: 'Quay lại',
    skip: 'Bỏ qua',
    progress: '{n} / {total}',
    ageQuestion: 'Nếu được, vui lòng cho biết nhóm tuổi của bạn.',
    send: 'Gửi',
    thanks: 'Cảm ơn bạn đã hợp tác',
    thanksNote: 'Vui lòng báo cho nhân viên.',
    already: 'Bạn đã trả lời khảo sát rồi. Xin cảm ơn.',
    problem: 'Không gửi được. Vui lòng hỏi nhân viên.',
    easierToRead: 'Chữ dễ đọc hơn',
    survey: {
      satisfaction: { q: 'Dịch vụ hôm nay thế nào?', choices: { '5': 'Rất hài lòng', '4': 'Hài lòng', '3': 'Bình thường', '2': 'Không hài lòng', '1': 'Rất không hài lòng' } },
      wait: { q: 'Thời gian chờ thế nào?', choices: { short: 'Ngắn', ok: 'Vừa phải', long: 'Dài' } },
      howKnew: { q: 'Bạn biết đến quầy này qua đâu?', choices: { bulletin: 'Bản tin thành phố', flyer: 'Tờ rơi, áp phích', web: 'Trang web, mạng xã hội của thành phố', passing: 'Tình cờ đi ngang qua', family: 'Gia đình, người quen', other: 'Khác' } },
      recommend: { q: 'Bạn có muốn giới thiệu quầy này cho gia đình, người quen không?', choices: { yes: 'Có', no: 'Không', unsure: 'Không chắc' } },
    },
    band: (a, b) => (b === null ? `${a}+ tuổi` : `${a}–${b} tuổi`),
  },
};

/** "40-44" → [40, 44]; "85+" → [85, null]. */
export function bandRange(band: (typeof AGE_BANDS)[number]): [number, number | null] {
  const [a, b] = band.replace('+', '').split('-');
  return [Number(a), b === undefined ? null : Number(b)];
}
