// What the lead still has to do after the end-of-event wipe, in the order to do it: copy the
// certificate off this disk, format the camera's card, have the print jobs CUPS kept purged. One
// list for the console and the command line, so a note added here shows in both.
import { cameraCardAfterWipe } from './camera-card.js';
import { certificateOnThisDisk } from './certificate-place.js';
import type { AfterWipe } from './contract.js';
import { spoolAfterWipe } from './print-spool.js';
import type { Text } from './text.js';

export interface AfterWipeNote {
  id: 'certificate-on-this-disk' | 'camera-card' | 'spool-kept';
  text: Text;
}

export function afterWipeNotes(n: AfterWipe, certificateDir: string): AfterWipeNote[] {
  const notes: AfterWipeNote[] = [];
  if (n.certificateOnThisDisk) notes.push({ id: 'certificate-on-this-disk', text: certificateOnThisDisk(certificateDir) });
  if (n.cameraCardPhotos > 0) notes.push({ id: 'camera-card', text: cameraCardAfterWipe(n.cameraCardPhotos) });
  if (n.spoolKeptJobs > 0) notes.push({ id: 'spool-kept', text: spoolAfterWipe(n.spoolKeptJobs) });
  return notes;
}
