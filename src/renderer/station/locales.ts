// The station's words in the citizen's language. Japanese is the source; やさしい日本語 (easy
// Japanese) is for citizens who read kana more easily. Survey texts are keyed by the ids in
// src/shared/survey.ts, so the questions cannot drift apart (a test checks every key).
import { type AGE_BANDS, type LiveHint } from '../../shared/contract.js';
import type { PhotoCheckId } from '../../shared/photo-checks.js';

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
  /** The high-contrast switch (light on black); it does not enlarge the words, and must not say it does. */
  easierToRead: string;
  survey: Record<string, { q: string; choices: Record<string, string> }>;
  band: (from: number | null, to: number | null) => string;
  photo: PhotoWords;
}

/** The photo steps: what happens to the photo, framing, review, printing. */
export interface PhotoWords {
  title: string;
  /** What to do before the shot: the things J-LIS refuses a photo for that the citizen can fix. */
  prepareTitle: string;
  prepare: string[];
  privacy: string;
  take: string;
  skip: string;
  framingTitle: string;
  shoot: string;
  checking: string;
  cameraWaiting: string;
  /** A shot failed with the camera still there (no focus, a full card): call staff. */
  shotFailed: string;
  okTitle: string;
  fixTitle: string;
  retake: string;
  use: string;
  staffCheck: string;
  printing: string;
  printed: string;
  /** Once printed: name and date of birth on the back before the photo is pasted on the paper form (J-LIS asks for it). */
  photoBack: string;
  printProblem: string;
  next: string;
  online: string;
  hints: Record<LiveHint, string>;
  /** What to do when a check fails, for the citizen. */
  checks: Record<PhotoCheckId, string>;
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
    photo: {
      title: '証明写真を撮影します',
      prepareTitle: '撮影の前に',
      prepare: ['マスク・帽子・サングラスを外してください。', '前髪が目にかからないようにしてください。', '眼鏡が光るときは、外していただくことがあります。', '宗教上・医療上の理由で頭を覆っている方は、係員にお伝えください。'],
      privacy: '撮影した写真は、申請が終わるとこの機械から消去されます。ほかの目的には使いません。',
      take: '撮影する',
      skip: '写真は不要',
      framingTitle: '枠の中に顔を合わせてください',
      shoot: '撮影',
      checking: '写真を確認しています…',
      cameraWaiting: 'カメラの準備をしています。係員をお呼びください。',
      shotFailed: '撮影できませんでした。係員をお呼びください。',
      okTitle: 'よく撮れました',
      fixTitle: 'もう一度撮りましょう',
      retake: '撮り直す',
      use: 'この写真にする',
      staffCheck: '係員が写真を確認します。そのままお待ちください。',
      printing: '写真を印刷しています…',
      printed: '写真ができました。係員から受け取ってください。',
      photoBack: '申請書に貼る前に、写真の裏にお名前と生年月日を書いてください。',
      printProblem: '印刷が止まっています。係員をお呼びください。',
      next: '次へ',
      online: 'オンライン申請用の写真も用意しました。',
      hints: { noFace: 'カメラの前で、カメラの方を向いてください', oneOnly: 'おひとりで写ってください', maskOff: 'マスクを外してください', glassesOff: 'サングラスや、光っている眼鏡を外してください', closer: 'もう少しカメラに近づいてください', back: '少しカメラから離れてください', lower: '頭の上まで枠に入るように、少し低くしてください', centre: '顔を枠のまん中に合わせてください', straighten: '首をまっすぐにしてください', faceCamera: '顔をカメラの正面に向けてください', ok: 'そのまま動かないでください' },
      checks: { single_face: 'おひとりだけで撮影してください。', head_size: '顔の大きさが合いません。カメラとの距離を変えてください。', top_margin: '頭の上まで写るようにしてください。', centred: '顔を枠のまん中に合わせてください。', tilt: '首をまっすぐにしてください。', facing: 'カメラの正面を向いてください。', eyes_visible: '目を開けて、レンズを見てください。サングラスや色の付いた眼鏡は外してください。眼鏡が光って目が見えないときは、眼鏡を外してください。', face_uncovered: 'マスクを外してください。口元が見えるように撮ります。', sharpness: 'ぶれています。動かずにもう一度。', exposure: '明るさが合いません。係員が照明を直します。', background: '背景に影や物が写っています。係員が直します。', resolution: 'もう少しカメラに近づいてください。' },
    },
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
    photo: {
      title: 'しゃしんを とります',
      prepareTitle: 'とる まえに',
      prepare: ['マスク・ぼうし・サングラスを はずして ください。', 'まえがみが めに かからないように して ください。', 'めがねが ひかる ときは、はずして もらう ことが あります。', 'しゅうきょうや びょうきの りゆうで あたまを かくして いる ひとは、かかりの ひとに いって ください。'],
      privacy: 'しゃしんは、しんせいが おわったら けします。ほかの ことには つかいません。',
      take: 'とる',
      skip: 'しゃしんは いらない',
      framingTitle: 'わくの なかに かおを いれて ください',
      shoot: 'とる',
      checking: 'しゃしんを みています…',
      cameraWaiting: 'カメラを じゅんびして います。かかりの ひとを よんで ください。',
      shotFailed: 'しゃしんが とれませんでした。かかりの ひとを よんで ください。',
      okTitle: 'よく とれました',
      fixTitle: 'もう いちど とりましょう',
      retake: 'もう いちど とる',
      use: 'この しゃしんに する',
      staffCheck: 'かかりの ひとが しゃしんを みます。まって ください。',
      printing: 'しゃしんを いんさつ して います…',
      printed: 'しゃしんが できました。かかりの ひとから もらって ください。',
      photoBack: 'しんせいしょに はる まえに、しゃしんの うらに なまえと うまれた ひを かいて ください。',
      printProblem: 'いんさつが とまって います。かかりの ひとを よんで ください。',
      next: 'つぎへ',
      online: 'オンラインで しんせい する ための しゃしんも つくりました。',
      hints: { noFace: 'カメラの まえで、カメラを みて ください', oneOnly: 'ひとりで うつって ください', maskOff: 'マスクを はずして ください', glassesOff: 'サングラスや ひかって いる めがねを はずして ください', closer: 'もう すこし カメラに ちかづいて ください', back: 'すこし カメラから はなれて ください', lower: 'あたまの うえまで わくに いれて ください', centre: 'かおを わくの まんなかに して ください', straighten: 'くびを まっすぐに して ください', faceCamera: 'かおを カメラの ほうに むけて ください', ok: 'そのまま うごかないで ください' },
      checks: { single_face: 'ひとりで とって ください。', head_size: 'かおの おおきさが あいません。カメラとの きょりを かえて ください。', top_margin: 'あたまの うえまで うつるように して ください。', centred: 'かおを まんなかに して ください。', tilt: 'くびを まっすぐに して ください。', facing: 'カメラの ほうを むいて ください。', eyes_visible: 'めを あけて、レンズを みて ください。サングラスは はずして ください。めがねが ひかる ときは、めがねを はずして ください。', face_uncovered: 'マスクを はずして ください。', sharpness: 'ぶれて います。うごかないで もう いちど。', exposure: 'あかるさが あいません。かかりの ひとが なおします。', background: 'うしろに かげや ものが あります。かかりの ひとが なおします。', resolution: 'もう すこし カメラに ちかづいて ください。' },
    },
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
    photo: {
      title: 'Your ID photo',
      prepareTitle: 'Before the photo',
      prepare: ['Take off your mask, hat and sunglasses.', 'Keep your hair away from your eyes.', 'If your glasses reflect the light, we may ask you to take them off.', 'If you cover your head for religious or medical reasons, please tell the staff.'],
      privacy: 'Your photo is deleted from this machine when your application is done. It is used for nothing else.',
      take: 'Take the photo',
      skip: 'No photo needed',
      framingTitle: 'Fit your face inside the frame',
      shoot: 'Take photo',
      checking: 'Checking the photo…',
      cameraWaiting: 'The camera is getting ready. Please call a staff member.',
      shotFailed: 'The photo could not be taken. Please call a staff member.',
      okTitle: 'That looks good',
      fixTitle: 'Let’s take it again',
      retake: 'Retake',
      use: 'Use this photo',
      staffCheck: 'A staff member will check the photo. Please wait.',
      printing: 'Printing your photo…',
      printed: 'Your photo is ready. A staff member will hand it to you.',
      photoBack: 'Before it goes on the application form, write your name and date of birth on the back of the photo.',
      printProblem: 'Printing has stopped. Please call a staff member.',
      next: 'Next',
      online: 'A photo for the online application is ready too.',
      hints: { noFace: 'Please come in front of the camera and face it', oneOnly: 'Only one person, please', maskOff: 'Please take off your mask', glassesOff: 'Please take off sunglasses, or glasses that shine', closer: 'Come a little closer to the camera', back: 'Move a little away from the camera', lower: 'Sit a little lower so your whole head fits', centre: 'Move your face to the middle of the frame', straighten: 'Hold your head straight', faceCamera: 'Turn your face to the camera', ok: 'Hold still' },
      checks: { single_face: 'Only one person may be in the photo.', head_size: 'Your face is not the right size. Change your distance to the camera.', top_margin: 'The top of your head must show.', centred: 'Move your face to the middle.', tilt: 'Hold your head straight.', facing: 'Look straight at the camera.', eyes_visible: 'Open your eyes and look at the lens. Take off sunglasses or tinted glasses, and your glasses if light shines on them.', face_uncovered: 'Please take off your mask: your mouth must show.', sharpness: 'The photo is blurred. Keep still and try again.', exposure: 'The light is not right. A staff member will fix it.', background: 'There is a shadow or object behind you. A staff member will fix it.', resolution: 'Come a little closer to the camera.' },
    },
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
    easierToRead: '文字更清楚',
    survey: {
      satisfaction: { q: '今天的服务如何？', choices: { '5': '非常满意', '4': '满意', '3': '一般', '2': '不满意', '1': '非常不满意' } },
      wait: { q: '等待时间如何？', choices: { short: '短', ok: '刚好', long: '长' } },
      howKnew: { q: '您是如何得知这个窗口的？', choices: { bulletin: '市政府公报', flyer: '传单・海报', web: '市政府网站・社交媒体', passing: '路过', family: '家人・朋友', other: '其他' } },
      recommend: { q: '您愿意向家人或朋友推荐这个窗口吗？', choices: { yes: '愿意', no: '不愿意', unsure: '不确定' } },
    },
    band: (a, b) => (b === null ? `${a}岁以上` : `${a}–${b}岁`),
    photo: {
      title: '拍摄证件照',
      prepareTitle: '拍照之前',
      prepare: ['请摘下口罩、帽子和墨镜。', '请不要让头发遮住眼睛。', '眼镜反光时，可能会请您摘下眼镜。', '因宗教或医疗原因遮盖头部的人，请告诉工作人员。'],
      privacy: '申请结束后，照片将从本机删除，不会用于其他目的。',
      take: '拍照',
      skip: '不需要照片',
      framingTitle: '请把脸放在框内',
      shoot: '拍照',
      checking: '正在检查照片…',
      cameraWaiting: '相机正在准备。请联系工作人员。',
      shotFailed: '未能拍摄照片。请联系工作人员。',
      okTitle: '拍得很好',
      fixTitle: '请再拍一次',
      retake: '重拍',
      use: '使用这张照片',
      staffCheck: '工作人员将检查照片，请稍候。',
      printing: '正在打印照片…',
      printed: '照片已完成。请向工作人员领取。',
      photoBack: '贴到申请书上之前，请在照片背面写上姓名和出生日期。',
      printProblem: '打印已停止。请联系工作人员。',
      next: '下一步',
      online: '网上申请用的照片也已准备好。',
      hints: { noFace: '请到相机前面，面向相机', oneOnly: '请一个人拍照', maskOff: '请摘下口罩', glassesOff: '请摘下墨镜或反光的眼镜', closer: '请再靠近相机一点', back: '请离相机远一点', lower: '请稍微放低，让整个头部进入框内', centre: '请把脸移到框的中间', straighten: '请保持头部端正', faceCamera: '请正对相机', ok: '请保持不动' },
      checks: { single_face: '照片中只能有一个人。', head_size: '脸部大小不合适，请调整与相机的距离。', top_margin: '头顶必须拍进照片。', centred: '请把脸移到中间。', tilt: '请保持头部端正。', facing: '请正对相机。', eyes_visible: '请睁开眼睛看镜头。请摘下墨镜或有色眼镜。眼镜反光挡住眼睛时，请摘下眼镜。', face_uncovered: '请摘下口罩，照片上要露出嘴部。', sharpness: '照片模糊了，请不要动，再拍一次。', exposure: '光线不合适，工作人员会调整。', background: '背景有阴影或物体，工作人员会调整。', resolution: '请再靠近相机一点。' },
    },
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
    easierToRead: '글자를 잘 보이게',
    survey: {
      satisfaction: { q: '오늘의 접수는 어떠셨습니까?', choices: { '5': '매우 만족', '4': '만족', '3': '보통', '2': '불만족', '1': '매우 불만족' } },
      wait: { q: '대기 시간은 어떠셨습니까?', choices: { short: '짧았다', ok: '적당했다', long: '길었다' } },
      howKnew: { q: '이 창구를 어떻게 알게 되셨습니까?', choices: { bulletin: '시 홍보지', flyer: '전단지・포스터', web: '시 홈페이지・SNS', passing: '지나가다가', family: '가족・지인', other: '기타' } },
      recommend: { q: '가족이나 지인에게 이 창구를 추천하고 싶으십니까?', choices: { yes: '예', no: '아니요', unsure: '잘 모르겠다' } },
    },
    band: (a, b) => (b === null ? `${a}세 이상` : `${a}~${b}세`),
    photo: {
      title: '증명사진을 촬영합니다',
      prepareTitle: '촬영 전에',
      prepare: ['마스크, 모자, 선글라스를 벗어 주십시오.', '앞머리가 눈을 가리지 않도록 해 주십시오.', '안경에 빛이 반사되면 안경을 벗어 달라고 부탁드릴 수 있습니다.', '종교나 의료상의 이유로 머리를 가리신 분은 담당자에게 말씀해 주십시오.'],
      privacy: '사진은 신청이 끝나면 이 기기에서 삭제됩니다. 다른 목적으로는 사용하지 않습니다.',
      take: '촬영하기',
      skip: '사진 필요 없음',
      framingTitle: '틀 안에 얼굴을 맞춰 주십시오',
      shoot: '촬영',
      checking: '사진을 확인하고 있습니다…',
      cameraWaiting: '카메라를 준비하고 있습니다. 담당자를 불러 주십시오.',
      shotFailed: '사진을 찍지 못했습니다. 담당자를 불러 주십시오.',
      okTitle: '잘 찍혔습니다',
      fixTitle: '다시 찍어 봅시다',
      retake: '다시 찍기',
      use: '이 사진으로 하기',
      staffCheck: '담당자가 사진을 확인합니다. 잠시 기다려 주십시오.',
      printing: '사진을 인쇄하고 있습니다…',
      printed: '사진이 완성되었습니다. 담당자에게서 받아 주십시오.',
      photoBack: '신청서에 붙이기 전에 사진 뒷면에 이름과 생년월일을 적어 주십시오.',
      printProblem: '인쇄가 멈췄습니다. 담당자를 불러 주십시오.',
      next: '다음',
      online: '온라인 신청용 사진도 준비했습니다.',
      hints: { noFace: '카메라 앞에서 카메라를 봐 주십시오', oneOnly: '혼자 찍어 주십시오', maskOff: '마스크를 벗어 주십시오', glassesOff: '선글라스나 빛이 반사되는 안경을 벗어 주십시오', closer: '카메라에 조금 더 가까이 와 주십시오', back: '카메라에서 조금 떨어져 주십시오', lower: '머리 위까지 틀에 들어가도록 조금 낮춰 주십시오', centre: '얼굴을 틀 가운데에 맞춰 주십시오', straighten: '고개를 똑바로 해 주십시오', faceCamera: '얼굴을 카메라 정면으로 향해 주십시오', ok: '그대로 움직이지 마십시오' },
      checks: { single_face: '한 사람만 찍어 주십시오.', head_size: '얼굴 크기가 맞지 않습니다. 카메라와의 거리를 바꿔 주십시오.', top_margin: '머리 위까지 나오도록 해 주십시오.', centred: '얼굴을 가운데에 맞춰 주십시오.', tilt: '고개를 똑바로 해 주십시오.', facing: '카메라 정면을 봐 주십시오.', eyes_visible: '눈을 뜨고 렌즈를 봐 주십시오. 선글라스나 색안경은 벗어 주십시오. 안경에 빛이 반사되면 안경을 벗어 주십시오.', face_uncovered: '마스크를 벗어 주십시오. 입이 보여야 합니다.', sharpness: '사진이 흔들렸습니다. 움직이지 말고 다시 찍어 주십시오.', exposure: '밝기가 맞지 않습니다. 담당자가 조정합니다.', background: '배경에 그림자나 물건이 있습니다. 담당자가 조정합니다.', resolution: '카메라에 조금 더 가까이 와 주십시오.' },
    },
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
    photo: {
      title: 'Chụp ảnh thẻ',
      prepareTitle: 'Trước khi chụp',
      prepare: ['Hãy tháo khẩu trang, mũ và kính râm.', 'Đừng để tóc che mắt.', 'Nếu kính bị lóa sáng, bạn có thể được nhờ tháo kính.', 'Nếu bạn che đầu vì lý do tôn giáo hoặc y tế, hãy báo cho nhân viên.'],
      privacy: 'Ảnh sẽ bị xóa khỏi máy này khi hồ sơ của bạn hoàn tất. Ảnh không được dùng cho mục đích khác.',
      take: 'Chụp ảnh',
      skip: 'Không cần ảnh',
      framingTitle: 'Hãy đặt khuôn mặt vào trong khung',
      shoot: 'Chụp',
      checking: 'Đang kiểm tra ảnh…',
      cameraWaiting: 'Máy ảnh đang chuẩn bị. Vui lòng gọi nhân viên.',
      shotFailed: 'Không chụp được ảnh. Vui lòng gọi nhân viên.',
      okTitle: 'Ảnh đẹp rồi',
      fixTitle: 'Hãy chụp lại',
      retake: 'Chụp lại',
      use: 'Dùng ảnh này',
      staffCheck: 'Nhân viên sẽ kiểm tra ảnh. Vui lòng đợi.',
      printing: 'Đang in ảnh…',
      printed: 'Ảnh đã xong. Nhân viên sẽ đưa cho bạn.',
      photoBack: 'Trước khi dán ảnh vào đơn, hãy viết họ tên và ngày sinh ở mặt sau ảnh.',
      printProblem: 'Máy in đã dừng. Vui lòng gọi nhân viên.',
      next: 'Tiếp',
      online: 'Ảnh cho đơn trực tuyến cũng đã sẵn sàng.',
      hints: { noFace: 'Hãy đến trước máy ảnh và nhìn về phía máy ảnh', oneOnly: 'Chỉ một người trong ảnh', maskOff: 'Hãy tháo khẩu trang', glassesOff: 'Hãy tháo kính râm hoặc kính bị lóa sáng', closer: 'Hãy lại gần máy ảnh thêm một chút', back: 'Hãy lùi xa máy ảnh một chút', lower: 'Hãy hạ thấp một chút để cả đầu nằm trong khung', centre: 'Hãy đưa mặt vào giữa khung', straighten: 'Hãy giữ đầu thẳng', faceCamera: 'Hãy quay mặt thẳng về máy ảnh', ok: 'Giữ yên' },
      checks: { single_face: 'Chỉ được có một người trong ảnh.', head_size: 'Kích thước khuôn mặt chưa đúng. Hãy thay đổi khoảng cách với máy ảnh.', top_margin: 'Phải thấy cả đỉnh đầu.', centred: 'Hãy đưa mặt vào giữa.', tilt: 'Hãy giữ đầu thẳng.', facing: 'Hãy nhìn thẳng vào máy ảnh.', eyes_visible: 'Hãy mở mắt và nhìn vào ống kính. Hãy tháo kính râm hoặc kính màu. Nếu kính bị lóa sáng, hãy tháo kính ra.', face_uncovered: 'Hãy tháo khẩu trang, ảnh phải thấy rõ miệng.', sharpness: 'Ảnh bị mờ. Hãy giữ yên và chụp lại.', exposure: 'Ánh sáng chưa phù hợp. Nhân viên sẽ điều chỉnh.', background: 'Phía sau có bóng hoặc đồ vật. Nhân viên sẽ điều chỉnh.', resolution: 'Hãy lại gần máy ảnh thêm một chút.' },
    },
  },
};

/** "40-44" → [40, 44]; "85+" → [85, null]. */
export function bandRange(band: (typeof AGE_BANDS)[number]): [number, number | null] {
  const [a, b] = band.replace('+', '').split('-');
  return [Number(a), b === undefined ? null : Number(b)];
}

/** Before a note for staff on the citizen's screen: staff read Japanese, whatever the citizen chose. */
export const STAFF_NOTE_JA = '係員の方へ';
