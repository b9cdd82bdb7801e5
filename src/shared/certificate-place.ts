// Said after the end-of-event wipe when the certificate and the season's figures went to this
// computer's own disk rather than a USB stick: the folder typed was on the same disk as the
// app's data (a USB stick not plugged in leaves its mount point, /media/usb, an empty folder of
// the internal disk, and the files land there). They are the only copy of the season's figures,
// and the device goes back. One wording for the command line and the console.
import { text, type Text } from './text.js';

export function certificateOnThisDisk(dir: string): Text {
  return text(
    `証明書と集計は、このパソコン自身のディスク（${dir}）に保存されました。USB メモリーではありません。端末を返却する前に、USB メモリーへコピーしてください。`,
    `The certificate and the figures were saved on this computer’s own disk (${dir}), not on a USB stick. Copy them to a USB stick before the device is handed back.`,
  );
}
