// The face detector's own thread: detection (about 50 ms of wasm per picture) never blocks the
// main process, which keeps serving live frames and the screens' calls meanwhile. Pixels arrive
// transferred, not copied, and are zeroed here once detected (as is a live view's look at a face).
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../shared/errors.js';
import { HumanFaceDetector } from './face-detector.js';
import type { FacePlace } from './tracked-face.js';

export interface DetectRequest {
  id: number;
  data: Uint8Array;
  width: number;
  height: number;
  irises: boolean;
  at?: FacePlace;
}

const detector = new HumanFaceDetector();

parentPort?.on('message', (m: DetectRequest) => {
  detector
    .detect({ data: m.data, width: m.width, height: m.height }, { irises: m.irises, ...(m.at ? { at: m.at } : {}) })
    .then(
      (faces) => parentPort?.postMessage({ id: m.id, faces }),
      (err: unknown) => parentPort?.postMessage({ id: m.id, error: err instanceof AppError ? err.body : null }),
    )
    .finally(() => {
      m.data.fill(0);
      // The live view's look at the face came as a copy too.
      if (m.at?.look instanceof Float32Array) m.at.look.fill(0);
    });
});
