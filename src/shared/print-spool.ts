// Said at the end of the event when the print system kept jobs of printed photos (CUPS's job
// history, and by its settings the sheets): the spool belongs to the system, not to the app, so
// the wipe and its certificate do not reach it. One wording for the certificate, the command
// line and the console.
import { text, type Text } from './text.js';

export function spoolAfterWipe(jobs: number): Text {
  return text(
    `印刷した写真のジョブが延べ ${jobs} 件、印刷システム（CUPS）に残されていました。印刷システムはこの証明書の対象外です。管理者が sudo cancel -a -x で消し、sudo cupsctl PreserveJobFiles=No PreserveJobHistory=No で残さない設定にしてください。`,
    `The print system (CUPS) kept ${jobs} jobs of printed photos. The print system is outside this certificate: an administrator should remove them with sudo cancel -a -x, and stop it keeping them with sudo cupsctl PreserveJobFiles=No PreserveJobHistory=No.`,
  );
}
