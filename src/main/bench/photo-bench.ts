// Figures for the photo pipeline (targets: a 24 MP JPEG to print sheet and online file in a
// median ≤ 200 ms on 2 cores, ≥ 1.5× faster than the naive way; memory settles over 200 captures).
// Both pipelines run side by side, alternating, on the same 24 MP frame made from a real
// photograph, so machine noise falls on both alike.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import sharp from 'sharp';
import { SimulatedCamera } from '../devices/camera/simulated-camera.js';
import { HumanFaceDetector, type FaceDetector } from '../photo/face-detector.js';
import { fullDecodeLoader, processPhoto, regionLoader, type PipelineOptions } from '../photo/pipeline.js';
import { calibrationFor, defaultSettings } from '../settings/settings.js';
import { stats, type Stats } from './stats.js';

/** A 6000×4000 camera frame from a real portrait: scaled up so the head sits as the camera framed it. */
export async function camera24From(file: string): Promise<Buffer> {
  const meta = await sharp(file).metadata();
  const scale = 6000 / (meta.width ?? 1);
  return sharp(file)
    .resize(6000, Math.max(4000, Math.round((meta.height ?? 1) * scale)), { kernel: 'lanczos3' })
    .extract({ left: 0, top: 0, width: 6000, height: 4000 })
    .jpeg({ quality: 92 })
    .toBuffer();
}

export interface PipelineFigures {
  loader: string;
  total: Stats;
  stages: Record<string, Stats>;
}

function figures(loader: string, runs: Record<string, number>[]): PipelineFigures {
  const names = Object.keys(runs[0] ?? {}).filter((k) => k !== 'total');
  return {
    loader,
    total: stats(runs.map((r) => r.total ?? NaN)),
    stages: Object.fromEntries(names.map((n) => [n, stats(runs.map((r) => r[n] ?? NaN))])),
  };
}

export async function benchPhotoPipeline(portrait: string, runs: number, detector: FaceDetector = new HumanFaceDetector()) {
  const frame = await camera24From(portrait);
  const base: Omit<PipelineOptions, 'loader'> = {
    rules: defaultSettings.photo,
    paper: 'L',
    calibration: calibrationFor(defaultSettings, 'bench'),
    detector,
  };
  // Warm-up: the model loads and the wasm compiles on the first call.
  await processPhoto(frame, base);
  const real: Record<string, number>[] = [];
  const naive: Record<string, number>[] = [];
  for (let i = 0; i < runs; i += 1) {
    // Alternate which goes first, so neither always runs on a warmer cache.
    const order = i % 2 === 0 ? [regionLoader, fullDecodeLoader] : [fullDecodeLoader, regionLoader];
    for (const loader of order) {
      const r = await processPhoto(frame, { ...base, loader });
      (loader === regionLoader ? real : naive).push(r.timingsMs);
    }
  }
  const a = figures(regionLoader.name, real);
  const b = figures(fullDecodeLoader.name, naive);
  return {
    frame: { width: 6000, height: 4000, bytes: frame.length, from: portrait },
    pipeline: a,
    naive: b,
    naiveOverPipeline: Math.round((b.total.median / a.total.median) * 100) / 100,
  };
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

/**
 * Consecutive captures through the simulated camera into the pipeline, buffers zeroed as a visit's
 * wipe would: resident memory after a warm-up, then at the end (after a collection).
 */
export async function benchPhotoMemory(demoPhotos: string, captures: number, detector: FaceDetector = new HumanFaceDetector()) {
  const camera = new SimulatedCamera(demoPhotos);
  const options: PipelineOptions = { rules: defaultSettings.photo, paper: 'L', calibration: calibrationFor(defaultSettings, 'bench'), detector };
  const warmup = Math.min(20, Math.floor(captures / 5));
  const samples: { capture: number; rssMb: number; externalMb: number }[] = [];
  let start = 0;
  for (let i = 1; i <= captures; i += 1) {
    const jpeg = await camera.capture();
    const r = await processPhoto(jpeg, options);
    jpeg.fill(0);
    r.outputs?.photo.data.fill(0);
    r.outputs?.sheet?.png.fill(0);
    r.outputs?.online?.jpeg.fill(0);
    if (i === warmup || i === captures || i % 50 === 0) {
      collectGarbage();
      const m = process.memoryUsage();
      samples.push({ capture: i, rssMb: mb(m.rss), externalMb: mb(m.external + m.arrayBuffers) });
      if (i === warmup) start = m.rss;
    }
  }
  const end = process.memoryUsage().rss;
  return { captures, warmup, samples, growthAfterWarmupMb: mb(end - start), targetGrowthMb: 50 };
}
