// The camera port. Captures are delivered to memory as JPEG buffers and never written to disk;
// the caller owns the buffer and zeroes it when the visit ends.
import type { DeviceStatus } from '../../../shared/contract.js';
import type { AppError } from '../../../shared/errors.js';

export interface Camera {
  readonly simulated: boolean;
  status(): DeviceStatus;
  /** A quick low-resolution frame (live-view quality) for framing and device checks. */
  preview(): Promise<Buffer>;
  /** A full-resolution still, delivered to memory. */
  capture(): Promise<Buffer>;
  /**
   * Deletes every file a capture left on the camera's own storage, then lists again: `remaining`
   * above zero means the card could not be emptied and the next visit must wait for staff.
   */
  clearCard(): Promise<CardClear>;
  /**
   * Live view: JPEG frames go to `onFrame` until stop(). `ended` settles when the stream ends by
   * itself (unplugged, switched off, busy …) with what staff should know, or null after stop().
   */
  startLiveView(onFrame: (jpeg: Buffer) => void): LiveView;
  close(): Promise<void>;
}

export interface LiveView {
  stop(): Promise<void>;
  readonly ended: Promise<AppError | null>;
}

export interface CardClear {
  found: number;
  deleted: number;
  remaining: number;
}
