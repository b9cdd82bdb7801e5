// Splits a motion-JPEG byte stream (gphoto2 --capture-movie --stdout: JPEG after JPEG, no
// container) into frames. A frame runs from a start-of-image marker (FF D8 FF) to the next
// end-of-image marker (FF D9); inside the compressed data FF is always byte-stuffed, so FF D9 does
// not occur there. Garbage between frames is dropped; a frame larger than the cap is dropped too.
export class MjpegSplitter {
  private buf: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onFrame: (jpeg: Buffer) => void,
    private readonly maxFrameBytes = 8 * 1024 * 1024,
  ) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    for (;;) {
      const start = this.buf.indexOf(SOI);
      if (start < 0) {
        // Keep a trailing FF D8 that may be the start of the next frame's marker.
        this.buf = this.buf.subarray(Math.max(0, this.buf.length - 2));
        return;
      }
      const end = this.buf.indexOf(EOI, start + 3);
      if (end < 0) {
        this.buf = this.buf.subarray(start);
        if (this.buf.length > this.maxFrameBytes) this.buf = Buffer.alloc(0);
        return;
      }
      this.onFrame(Buffer.from(this.buf.subarray(start, end + 2)));
      this.buf = this.buf.subarray(end + 2);
    }
  }
}

const SOI = Buffer.from([0xff, 0xd8, 0xff]);
const EOI = Buffer.from([0xff, 0xd9]);
