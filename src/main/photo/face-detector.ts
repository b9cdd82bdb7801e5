// Face and landmark detection: the one step of the pipeline that uses a model. The port takes a
// raw RGB image and answers faces with their 478-point mesh (468 face + 2×5 iris points), in the
// image's own pixels. The real one is @vladmandic/human on TensorFlow.js's wasm backend: its
// models ship inside the npm package and are read from disk here, never fetched (Node's fetch
// cannot read file://, and the package would otherwise reach for a CDN for the wasm binaries).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type ErrorBody } from '../../shared/errors.js';
import { text } from '../../shared/text.js';
import { meshAt, type FacePlace, type MeshModels, type TensorLike } from './tracked-face.js';

export interface RgbImage {
  /** Packed RGB, 3 bytes a pixel, row by row. */
  data: Uint8Array;
  width: number;
  height: number;
}

export type Point = readonly [number, number];

export interface DetectedFace {
  box: { x: number; y: number; width: number; height: number };
  score: number;
  /**
   * The face finder's own confidence (blazeface), before the mesh. It was trained on upright
   * faces: an upside-down face scores about half (0.48 and 0.60 on the test portraits, against
   * 0.88 and 0.91 upright), where the mesh's score is 1.00 either way. Absent: not known.
   */
  boxScore?: number;
  /**
   * MediaPipe face mesh order: 478 points with the irises (their centres at 468 and 473), 468
   * when they were not asked for.
   */
  mesh: Point[];
}

export interface DetectOptions {
  /**
   * Run the iris model (default). The live view's guide goes without: its eye line comes from
   * the eyelids, and a detection costs a quarter less (38 vs 51 ms on a 480 px frame), so the
   * guide keeps up at 10 a second or more beside the frames. The still always has it.
   */
  irises?: boolean;
  /**
   * Look only here (where the live view last saw the one face): the mesh is run in this box
   * without the face finder, which costs half as much (tracked-face.ts). No face there: none
   * is returned, and the caller asks again without it. Detectors without the shortcut ignore it.
   */
  at?: FacePlace;
}

export interface FaceDetector {
  readonly name: string;
  detect(image: RgbImage, o?: DetectOptions): Promise<DetectedFace[]>;
  /** Lets go of what it runs on (a worker thread). */
  close?(): Promise<void>;
}

/**
 * The faces on `img`: the one at `at` followed, the face finder skipped, when it is there
 * (tracked-face.ts); otherwise, or without `at`, the finder's.
 */
export async function followOrFind(detector: FaceDetector, img: RgbImage, at: FacePlace | undefined, o: DetectOptions = {}): Promise<{ faces: DetectedFace[]; followed: boolean }> {
  const followed = at ? await detector.detect(img, { ...o, at }) : [];
  if (followed.length > 0) return { faces: followed, followed: true };
  return { faces: await detector.detect(img, o), followed: false };
}

const MODEL_SCHEME = 'madoguchi-models://';

interface HumanResult {
  face: { box: [number, number, number, number]; score: number; boxScore?: number; mesh: number[][] }[];
}
interface HumanInstance {
  tf: {
    io: { registerLoadRouter(router: (url: string | string[]) => unknown): void };
    tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): unknown;
    tensor(values: Float32Array, shape: number[]): TensorLike;
    dispose(t: unknown): void;
    getBackend(): string;
  };
  models: { models: Record<string, MeshModels['mesh'] | null | undefined> };
  load(): Promise<void>;
  detect(input: unknown, config?: Record<string, unknown>): Promise<HumanResult>;
}
type HumanCtor = new (config: Record<string, unknown>) => HumanInstance;

/** Where the package keeps its compiled code, its models and the wasm binaries. */
export function humanFiles(): { dist: string; models: string; wasm: string } {
  const require = createRequire(import.meta.url);
  // The package's "exports" map lacks "./" prefixes, so its subpaths cannot be resolved by name:
  // resolve the main entry and find the siblings from there.
  const dist = path.dirname(require.resolve('@vladmandic/human'));
  return {
    dist,
    models: path.join(dist, '..', 'models'),
    wasm: path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep,
  };
}

/** Reads a TensorFlow.js graph model (model.json + weight shards) from disk as its artifacts. */
export function readModelArtifacts(jsonFile: string): Record<string, unknown> {
  const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as {
    modelTopology: unknown;
    format?: string;
    generatedBy?: string;
    convertedBy?: string;
    weightsManifest: { paths: string[]; weights: unknown[] }[];
  };
  const weights = Buffer.concat(json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(path.join(path.dirname(jsonFile), p)))));
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  };
}

export class HumanFaceDetector implements FaceDetector {
  readonly name = '@vladmandic/human (wasm): blazeface + facemesh + iris';
  private human: Promise<HumanInstance> | null = null;
  // tfjs keeps one global engine: detections run one at a time.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly maxFaces = 5) {}

  private load(): Promise<HumanInstance> {
    this.human ??= (async () => {
      const files = humanFiles();
      const require = createRequire(import.meta.url);
      const { Human } = require(path.join(files.dist, 'human.node-wasm.js')) as { Human: HumanCtor };
      const human = new Human({
        backend: 'wasm',
        wasmPath: files.wasm,
        modelBasePath: MODEL_SCHEME,
        cacheModels: false,
        warmup: 'none',
        debug: false,
        // Each photo is judged on its own: no smoothing or skipping between frames.
        cacheSensitivity: 0,
        filter: { enabled: false },
        face: {
          enabled: true,
          detector: { rotation: true, maxDetected: this.maxFaces, minConfidence: 0.3, return: false },
          mesh: { enabled: true },
          iris: { enabled: true },
          attention: { enabled: false },
          emotion: { enabled: false },
          description: { enabled: false },
          antispoof: { enabled: false },
          liveness: { enabled: false },
        },
        body: { enabled: false },
        hand: { enabled: false },
        object: { enabled: false },
        gesture: { enabled: false },
        segmentation: { enabled: false },
      });
      human.tf.io.registerLoadRouter((url) => {
        if (typeof url !== 'string' || !url.startsWith(MODEL_SCHEME)) return null;
        const file = path.join(files.models, path.basename(url.slice(MODEL_SCHEME.length)));
        return { load: () => Promise.resolve(readModelArtifacts(file)) };
      });
      await human.load();
      return human;
    })().catch((err: unknown) => {
      this.human = null;
      throw new AppError(
        'unavailable',
        text('顔検出モデルを読み込めませんでした。アプリを入れ直してください。', 'The face detection model could not be loaded. Reinstall the app.'),
        [{ path: 'detector', message: (err as Error)?.message?.slice(0, 200) ?? 'unknown' }],
      );
    });
    return this.human;
  }

  detect(image: RgbImage, o: DetectOptions = {}): Promise<DetectedFace[]> {
    const irises = o.irises !== false;
    const run = this.queue.then(async () => {
      const human = await this.load();
      if (o.at) return this.meshAt(human, image, o.at, irises);
      const tensor = human.tf.tensor3d(image.data, [image.height, image.width, 3], 'int32');
      try {
        // Said on every call: human keeps a call's settings for the next.
        const r = await human.detect(tensor, { face: { iris: { enabled: irises } } });
        return r.face
          .filter((f) => f.mesh.length >= (irises ? 478 : 468))
          .map((f) => ({
            box: { x: f.box[0], y: f.box[1], width: f.box[2], height: f.box[3] },
            score: f.score,
            ...(typeof f.boxScore === 'number' ? { boxScore: f.boxScore } : {}),
            mesh: f.mesh.map((p) => [p[0] ?? 0, p[1] ?? 0] as const),
          }));
      } finally {
        human.tf.dispose(tensor);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The face in `at` through human's own mesh and iris models, the finder skipped. */
  private async meshAt(human: HumanInstance, image: RgbImage, at: FacePlace, irises: boolean): Promise<DetectedFace[]> {
    const mesh = human.models.models['facemesh'];
    if (!mesh) return [];
    const models: MeshModels = {
      mesh,
      iris: human.models.models['iris'] ?? null,
      tensor: (values, shape) => human.tf.tensor(values, shape),
      dispose: (t) => human.tf.dispose(t),
    };
    const face = await meshAt(models, image, at, irises);
    return face ? [face] : [];
  }
}

/**
 * The detector in a worker thread (detector-worker.js beside this file once built). A worker
 * that dies is started again on the next picture; pictures waiting on it get a clear error. A
 * worker that cannot start at all (a packaged build whose archive the worker cannot load from)
 * is given up for detection on the main thread: slower screens, but the booth still takes photos.
 */
export class WorkerFaceDetector implements FaceDetector {
  readonly name = '@vladmandic/human (wasm) in a worker thread';
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { image: RgbImage; o: DetectOptions; resolve: (f: DetectedFace[]) => void; reject: (e: AppError) => void }>();
  /** A worker has answered once: later failures are a worker dying, not one that cannot start. */
  private answered = false;
  private inProcess: HumanFaceDetector | null = null;
  private closed = false;

  constructor(
    private readonly script: URL = new URL('./detector-worker.js', import.meta.url),
    /** Told when detection moves to the main thread: the error's code, nothing else. */
    private readonly onFallback: (reason: string) => void = () => {},
  ) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script);
    w.unref();
    w.on('message', (m: { id: number; faces?: DetectedFace[]; error?: ErrorBody | null }) => {
      this.answered = true;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.faces) p.resolve(m.faces);
      else p.reject(new AppError(m.error?.code ?? 'internal', m.error?.message ?? text('顔検出に失敗しました。', 'Face detection failed.')));
    });
    const fail = (err?: unknown) => {
      if (this.worker === w) this.worker = null;
      const waiting = [...this.pending.values()];
      this.pending.clear();
      if (!this.answered && !this.inProcess) {
        this.inProcess = new HumanFaceDetector();
        // The error's code or kind only: its message names paths (a user's folder).
        this.onFallback(err instanceof Error ? ((err as NodeJS.ErrnoException).code ?? err.name) : 'the worker ended before answering');
      }
      for (const p of waiting) {
        if (this.inProcess) this.inProcess.detect(p.image, p.o).then(p.resolve, (e: unknown) => p.reject(e instanceof AppError ? e : new AppError('internal', text('顔検出に失敗しました。', 'Face detection failed.'))));
        else p.reject(new AppError('unavailable', text('顔検出が止まりました。もう一度お試しください。', 'Face detection stopped. Please try again.')));
      }
    };
    w.on('error', fail);
    w.on('exit', () => fail());
    this.worker = w;
    return w;
  }

  detect(image: RgbImage, o: DetectOptions = {}): Promise<DetectedFace[]> {
    // Closed with the app: a picture that arrives late (a live view's last guide) starts no new
    // worker, whose port would hold the process open after Ctrl+C.
    if (this.closed) return Promise.reject(new AppError('unavailable', text('顔検出は終了しています。', 'Face detection has been closed.')));
    if (this.inProcess) return this.inProcess.detect(image, o);
    const w = this.start();
    const id = this.nextId++;
    // A copy the worker owns (and zeroes); the caller keeps and zeroes its own.
    const data = new Uint8Array(image.data);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { image, o, resolve, reject });
      w.postMessage({ id, data, width: image.width, height: image.height, irises: o.irises !== false, ...(o.at ? { at: o.at } : {}) }, [data.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
