// What the lead still has to do after the wipe: one list, in the order to do it, for the console
// and the command line alike.
import { describe, expect, it } from 'vitest';
import { afterWipeNotes } from '../../../src/shared/after-wipe.js';

describe('after-wipe notes', () => {
  it('lists the certificate first, then the camera card, then the kept print jobs; nothing when all is clear', () => {
    const all = afterWipeNotes({ certificateOnThisDisk: true, cameraCardPhotos: 3, spoolKeptJobs: 2 }, '/media/usb');
    expect(all.map((n) => n.id)).toEqual(['certificate-on-this-disk', 'camera-card', 'spool-kept']);
    expect(all[0]!.text.ja).toContain('/media/usb');
    expect(all[1]!.text.ja).toContain('延べ 3 回カメラのカード');
    expect(all[2]!.text.ja).toContain('延べ 2 件');
    expect(afterWipeNotes({ certificateOnThisDisk: false, cameraCardPhotos: 0, spoolKeptJobs: 0 }, '/media/usb')).toEqual([]);
    expect(afterWipeNotes({ certificateOnThisDisk: false, cameraCardPhotos: 0, spoolKeptJobs: 1 }, '/x').map((n) => n.id)).toEqual(['spool-kept']);
  });
});
