// The camera port. Captures are delivered to memory as JPEG buffers and never written to disk;
// the caller owns the buffer and zeroes it when the visit ends.
import type { DeviceStatus } from '../../../shared/contract.js';
import { AppError } from '../../../shared/errors.js';
import type { Text } from '../../../shared/text.js';

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
  /** What the body is set to, where it matters to the booth (tethered cameras only); the caller holds the camera meanwhile. */
  settings?(): Promise<CameraSettings>;
  close(): Promise<void>;
}

/** What a body is set to, where it matters to the booth; null where the body has no such setting or could not be asked. */
export interface CameraSettings {
  /** The capture target's current choice ("Internal RAM", "Memory card"). */
  captureTarget: string | null;
  /** The body has no capture target to set (gphoto2 says it is not in its configuration). */
  noCaptureTarget: boolean;
  /** The recording format's current choice ("Large Fine JPEG", "RAW + Large Fine JPEG", "NEF+Fine" …). */
  imageFormat: string | null;
}

/**
 * A camera that answered but could not take the picture (it found nothing to focus on, its card
 * is full): it is still there, so it is not looked for again; the shot can simply be retried.
 */
export class CameraRefusedShot extends AppError {
  constructor(message: Text) {
    super('unavailable', message);
  }
}

export interface LiveView {
  stop(): Promise<void>;
  readonly ended: Promise<AppError | null>;
}

export interface CardClear {
  found: number;
  deleted: number;
  remaining: number;
  /**
   * Shots since the last clearing that the camera wrote to its card before gphoto2 downloaded
   * and deleted them (a body without a capture target to set); absent or 0: none.
   */
  throughCard?: number;
}
