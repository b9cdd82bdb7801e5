// Doctor's look at the photo checks before opening: the bundled sample portrait, made the size a
// camera writes, through the pipeline on this machine with the detector the app uses. A model
// file missing or damaged (a packaging fault, an antivirus's quarantine) shows here, before the
// first citizen sits down, and so does a machine too slow for the booth.
import path from 'node:path';
import type { Settings } from '../settings/settings.js';
import { calibrationFor } from '../settings/settings.js';
import { camera24From } from './sample-frame.js';
import type { FaceDetector } from './face-detector.js';
import { processPhoto } from './pipeline.js';

export interface PhotoSelfTest {
  /** Faces found on the sample (one is right). */
  faces: number;
  /** Crown and chin were placed and the photo cropped. */
  located: boolean;
  /** One 24 MP photo judged, the model already loaded: what a citizen's photo costs here. */
  ms: number;
}

/** The sample portrait shipped with the app (NASA's, public domain; also the demo camera's). */
export function samplePortrait(appRoot: string): string {
  return path.join(appRoot, 'resources', 'demo-photos', 'astronaut-eileen-collins.jpg');
}

export async function photoSelfTest(detector: FaceDetector, portrait: string, settings: Settings): Promise<PhotoSelfTest> {
  const frame = await camera24From(portrait);
  const o = { rules: settings.photo, paper: settings.photoPaper, calibration: calibrationFor(settings, 'self-test', settings.photoPaper), detector };
  // The first photo loads the model and compiles its wasm: not what a citizen waits for.
  await processPhoto(frame, o);
  const t0 = performance.now();
  const r = await processPhoto(frame, o);
  return { faces: r.faces, located: r.crop !== null, ms: performance.now() - t0 };
}
