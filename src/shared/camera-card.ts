// Said at the end of the event when photos have been on the camera's card: the card is not this
// device, so the wipe and its certificate do not reach it. One wording for the certificate, the
// command line and the console.
import { text, type Text } from './text.js';

export function cameraCardAfterWipe(times: number): Text {
  return text(
    `写真が延べ ${times} 回カメラのカードに書かれ、その都度消去されました。カメラのカードはこの証明書の対象外です。消したデータは復元できることがあるため、カメラのメニューでカードを初期化してください（選べる機種では物理フォーマット）。`,
    `Photos were written to the camera’s card ${times} times and deleted each time. The camera’s card is outside this certificate: deleted files can be recovered, so format the card in the camera’s menu (a full or low-level format where offered).`,
  );
}
