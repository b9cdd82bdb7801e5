// Figures for the photo pipeline (targets: a 24 MP JPEG to print sheet and online file in a
// median ≤ 200 ms on 2 cores, ≥ 1.5× faster than the naive way; memory settles over 200 captures).
// Both pipelines run side by side, alternating, on the same 24 MP frame made from a real
// photograph, so machine noise falls on both alike.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import sharp from 'sharp';
import { SimulatedCamera } from '../devices/camera/simulated-camera.js';
import { followOrFind, HumanFaceDetector, type FaceDetector } from '../photo/face-detector.js';
import { frameImage, guideFor, seenFaceOf } from '../photo/live-guide.js';
import { fullDecodeLoader, placeOfSeen, processPhoto, regionLoader, type PipelineOptions } from '../photo/pipeline.js';
import type { Rect } from '../photo/crop.js';
import { calibrationFor, defaultSettings } from '../settings/settings.js';
import { stats, type Stats } from './stats.js';
import { camera24From, type FrameOptions } from '../photo/sample-frame.js';

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

export async function benchPhotoPipeline(portrait: string, runs: number, detector: FaceDetector = new HumanFaceDetector(), o: FrameOptions = {}) {
  const frame = await camera24From(portrait, o);
  const base: Omit<PipelineOptions, 'loader'> = {
    rules: defaultSettings.photo,
    paper: 'L',
    calibration: calibrationFor(defaultSettings, 'bench', 'L'),
    detector,
  };
  // Warm-up: the model loads and the wasm compiles on the first call. Its crop is the hint the
  // live view would give (the citizen framed and still, as at the moment of the shot).
  const first = await processPhoto(frame, base);
  const c = first.crop as Rect;
  const hint: Rect = { x: c.x / first.image.width, y: c.y / first.image.height, width: c.width / first.image.width, height: c.height / first.image.height };
  // The face as the live view saw it: the guide's detection on a live frame of the same framing
  // (1024 px wide, upright, as the station's guide sees a camera's stream).
  const live = await frameImage(await liveFrameOf(frame));
  const seenFace = seenFaceOf(live, await detector.detect(live, { irises: false }));
  live.data.fill(0);
  const variants = [
    { name: `${regionLoader.name}, with the live view's hints`, o: { ...base, loader: regionLoader, hint, seenFace }, runs: [] as Record<string, number>[], used: 0, followed: 0, cut: 0 },
    { name: regionLoader.name, o: { ...base, loader: regionLoader }, runs: [] as Record<string, number>[], used: 0, followed: 0, cut: 0 },
    { name: fullDecodeLoader.name, o: { ...base, loader: fullDecodeLoader }, runs: [] as Record<string, number>[], used: 0, followed: 0, cut: 0 },
  ];
  for (let i = 0; i < runs; i += 1) {
    // Rotate which goes first, so none always runs on a warmer cache.
    for (let k = 0; k < variants.length; k += 1) {
      const v = variants[(i + k) % variants.length]!;
      const r = await processPhoto(frame, v.o);
      v.runs.push(r.timingsMs);
      if (r.speculation === 'used') v.used += 1;
      if (r.followed) v.followed += 1;
      if (r.workCopy === 'belowFace') v.cut += 1;
    }
  }
  const [hinted, plain, naive] = variants.map((v) => figures(v.name, v.runs)) as [PipelineFigures, PipelineFigures, PipelineFigures];
  // A round's three runs follow one another within a second: their ratio, round by round, rides
  // out a load that drifts over the minute the medians are gathered in (two runs of the very same
  // code have differed by 16 ms in median on this machine).
  const perRound = (of: Record<string, number>[]) => stats(variants[2]!.runs.map((r, i) => (r.total ?? NaN) / (of[i]?.total ?? NaN)));
  return {
    frame: { width: 6000, height: 4000, bytes: frame.length, from: portrait, sensorNoise: o.sensorNoise === true, turned: o.turned === true },
    pipeline: hinted,
    hintUsed: `${variants[0]!.used}/${runs}`,
    // The still's face measured where the live view saw it, the face finder skipped.
    faceFollowed: `${variants[0]!.followed}/${runs}`,
    // Its work copy decoded only down to just below that face.
    workCutBelowFace: `${variants[0]!.cut}/${runs}`,
    withoutHint: plain,
    naive,
    naiveOverPipeline: Math.round((naive.total.median / hinted.total.median) * 100) / 100,
    naiveOverPipelineWithoutHint: Math.round((naive.total.median / plain.total.median) * 100) / 100,
    naiveOverPipelineRoundByRound: { withHint: perRound(variants[0]!.runs), withoutHint: perRound(variants[1]!.runs) },
  };
}

/** A live-view frame from a real portrait, as a camera streams it (1024×680, JPEG quality 80). */
export async function liveFrameFrom(file: string): Promise<Buffer> {
  return sharp(file).resize(1024, 680, { fit: 'cover', position: 'top', kernel: 'lanczos3' }).jpeg({ quality: 80 }).toBuffer();
}

/** The live view's frame of a still's framing, as a camera streams it: upright, 1024 px wide, JPEG quality 80. */
export function liveFrameOf(still: Buffer): Promise<Buffer> {
  return sharp(still).rotate().resize(1024).jpeg({ quality: 80 }).toBuffer();
}

/**
 * What one framing guide costs on a live frame (decode and scale the frame, detect, find crown
 * and chin, place the crop), with the iris model and without it as the live view runs, side by
 * side. The app detects in a worker thread; here on the main thread, the same work.
 */
export async function benchLiveGuide(portrait: string, runs: number, detector: FaceDetector = new HumanFaceDetector()) {
  const frame = await liveFrameFrom(portrait);
  const rules = defaultSettings.photo;
  const first = await frameImage(frame);
  const seen = seenFaceOf(first, await detector.detect(first, { irises: false }));
  first.data.fill(0);
  const variants = [
    { name: 'without the iris model (the live view, the finder looking)', irises: false, follow: false, ms: [] as number[], followed: 0 },
    { name: 'with the iris model (as the still)', irises: true, follow: false, ms: [] as number[], followed: 0 },
    { name: 'the face the last guide saw followed (the live view between the finder’s looks)', irises: false, follow: true, ms: [] as number[], followed: 0 },
  ];
  const guide = async (v: (typeof variants)[number]) => {
    const t0 = performance.now();
    const img = await frameImage(frame);
    const { faces, followed } = await followOrFind(detector, img, v.follow && seen ? placeOfSeen(seen, img) : undefined, { irises: v.irises });
    if (followed) v.followed += 1;
    guideFor(img, faces, rules);
    img.data.fill(0);
    return performance.now() - t0;
  };
  for (const v of variants) await guide(v); // warm-up
  for (const v of variants) v.followed = 0;
  for (let i = 0; i < runs; i += 1) {
    for (let k = 0; k < variants.length; k += 1) {
      const v = variants[(i + k) % variants.length]!;
      v.ms.push(await guide(v));
    }
  }
  const [live, full, followed] = variants.map((v) => ({ name: v.name, ms: stats(v.ms) })) as [{ name: string; ms: Stats }, { name: string; ms: Stats }, { name: string; ms: Stats }];
  const perSecond = (s: Stats) => Math.round((1000 / s.median) * 10) / 10;
  return {
    frame: { width: 1024, height: 680, bytes: frame.length, from: portrait },
    live,
    full,
    followed: { ...followed, followedRuns: `${variants[2]!.followed}/${runs}` },
    fullOverLive: Math.round((full.ms.median / live.ms.median) * 100) / 100,
    liveOverFollowed: Math.round((live.ms.median / followed.ms.median) * 100) / 100,
    // One detector thread's ceiling: the app starts a guide at most every 60 ms (16 a second).
    guidesPerSecondOneThread: { live: perSecond(live.ms), full: perSecond(full.ms), followed: perSecond(followed.ms) },
  };
}

/**
 * What the far look costs (see far-face.ts), paid only where the work copy shows nobody: a 24 MP
 * frame with the portrait far off (its head about 5 % of the frame's height, too small for the
 * first look), and the same frame with nobody; side by side. `farLook` is the stage alone.
 */
export async function benchFarLook(portrait: string, runs: number, detector: FaceDetector = new HumanFaceDetector()) {
  const background = { width: 6000, height: 4000, channels: 3 as const, background: '#d8d4d0' };
  const far = await sharp({ create: background })
    .composite([{ input: await sharp(portrait).resize(650).toBuffer(), left: 2700, top: 1700 }])
    .jpeg({ quality: 90 })
    .toBuffer();
  const nobody = await sharp({ create: background }).jpeg({ quality: 90 }).toBuffer();
  const options: PipelineOptions = { rules: defaultSettings.photo, paper: 'L', calibration: calibrationFor(defaultSettings, 'bench', 'L'), detector };
  const variants = [
    { name: 'a face far off', frame: far, total: [] as number[], farLook: [] as number[], faces: 0 },
    { name: 'nobody', frame: nobody, total: [] as number[], farLook: [] as number[], faces: 0 },
  ];
  const once = async (v: (typeof variants)[number]) => {
    const r = await processPhoto(v.frame, options);
    r.outputs?.photo.data.fill(0);
    v.faces = r.faces;
    return r.timingsMs;
  };
  for (const v of variants) await once(v); // warm-up
  for (let i = 0; i < runs; i += 1) {
    for (let k = 0; k < variants.length; k += 1) {
      const v = variants[(i + k) % variants.length]!;
      const t = await once(v);
      v.total.push(t.total ?? 0);
      v.farLook.push(t.farLook ?? 0);
    }
  }
  return variants.map((v) => ({ name: v.name, facesFound: v.faces, totalMs: stats(v.total), farLookMs: stats(v.farLook) }));
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
  const options: PipelineOptions = { rules: defaultSettings.photo, paper: 'L', calibration: calibrationFor(defaultSettings, 'bench', 'L'), detector };
  const warmup = Math.min(20, Math.floor(captures / 5));
  const samples: { capture: number; rssMb: number; externalMb: number }[] = [];
  let start = 0;
  let followed = 0;
  for (let i = 1; i <= captures; i += 1) {
    const jpeg = await camera.capture();
    // As at the booth: a live-view guide of the same framing first, whose crop and face the still
    // is given (the region decoded ahead, the face followed), so their buffers and tensors are
    // measured too.
    const live = await frameImage(await liveFrameOf(jpeg));
    const faces = await detector.detect(live, { irises: false });
    const guide = guideFor(live, faces, options.rules);
    const seenFace = seenFaceOf(live, faces);
    live.data.fill(0);
    const r = await processPhoto(jpeg, { ...options, hint: guide.crop, seenFace });
    seenFace?.look.fill(0);
    if (r.followed) followed += 1;
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
  return { captures, followed, warmup, samples, growthAfterWarmupMb: mb(end - start), targetGrowthMb: 50 };
}
