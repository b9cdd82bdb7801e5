import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appRoot } from '../../boot.js';
import { secureNativeBinding } from '../../store/database.js';
import { benchEventWipe, benchSessionWipe, benchStoreOverhead } from '../../bench/wipe-bench.js';
import { benchFarLook, benchLiveGuide, benchPhotoMemory, benchPhotoPipeline } from '../../bench/photo-bench.js';
import { HumanFaceDetector } from '../../photo/face-detector.js';
import { samplePortrait } from '../../photo/self-test.js';
import { benchReports } from '../../bench/report-bench.js';
import { CliError, type Command } from '../cli-io.js';

const TARGETS = ['wipe', 'store', 'photo', 'report'] as const;

export const benchCommand: Command = {
  name: 'bench',
  summary: { ja: '性能を計測して数値を表示します（テストではありません）', en: 'Measure performance and print figures (not a test)' },
  usage: 'madoguchi bench wipe|store|photo|report [--runs N] [--size-mb MB] [--captures N] [--json]',
  options: { runs: { type: 'string' }, 'size-mb': { type: 'string' }, captures: { type: 'string' } },
  positionals: true,
  async run(values, flags, io) {
    const what = values._positionals;
    const target = Array.isArray(what) ? what[0] : undefined;
    if (!target || !(TARGETS as readonly string[]).includes(target)) throw new CliError(`bench needs one of: ${TARGETS.join(', ')}`);
    const runs = Number(values.runs ?? 30);
    const sizeMb = Number(values['size-mb'] ?? 1024);
    const captures = Number(values.captures ?? 200);
    if (!Number.isInteger(captures) || captures < 0 || captures > 5000) throw new CliError('--captures must be 0–5000');
    if (!Number.isInteger(runs) || runs < 3 || runs > 1000) throw new CliError('--runs must be 3–1000');
    if (!Number.isInteger(sizeMb) || sizeMb < 8 || sizeMb > 16384) throw new CliError('--size-mb must be 8–16384');
    const root = appRoot();
    const native = secureNativeBinding(root);
    const machineBefore = machineNow();
    let result: Record<string, unknown>;
    if (target === 'wipe') {
      const session = await benchSessionWipe(native, path.join(root, 'resources', 'demo-photos'), runs);
      const small = await benchEventWipe(native, 16);
      const large = await benchEventWipe(native, sizeMb);
      result = {
        sessionWipeMs: session,
        eventWipe: [small, large],
        eventWipeRatio: Math.round((large.totalMs / small.totalMs) * 100) / 100,
        targets: { sessionWipeMs: 1000, eventWipeMsPerGb: 5000 },
      };
    } else if (target === 'photo') {
      const detector = new HumanFaceDetector();
      const demo = path.join(root, 'resources', 'demo-photos');
      const portrait = samplePortrait(root);
      const pipeline = await benchPhotoPipeline(portrait, Math.max(20, Math.min(runs, 200)), detector);
      // The same on a frame as large as a camera writes (decoding costs more, and both pipelines
      // must decode), and on one from a camera on its side (the pixels stored turned, and a tag).
      const others = Math.max(10, Math.min(runs, 100));
      const summary = (b: Awaited<ReturnType<typeof benchPhotoPipeline>>) => ({
        frame: b.frame,
        pipelineMs: b.pipeline.total,
        withoutHintMs: b.withoutHint.total,
        naiveMs: b.naive.total,
        hintUsed: b.hintUsed,
        faceFollowed: b.faceFollowed,
        workCutBelowFace: b.workCutBelowFace,
        stages: { pipeline: b.pipeline.stages, naive: b.naive.stages },
        naiveOverPipeline: b.naiveOverPipeline,
        naiveOverPipelineWithoutHint: b.naiveOverPipelineWithoutHint,
        naiveOverPipelineRoundByRound: b.naiveOverPipelineRoundByRound,
      });
      const cameraLike = summary(await benchPhotoPipeline(portrait, others, detector, { sensorNoise: true }));
      const turned = summary(await benchPhotoPipeline(portrait, others, detector, { turned: true }));
      result = {
        ...pipeline,
        cameraLikeFrame: cameraLike,
        turnedFrame: turned,
        liveGuide: await benchLiveGuide(portrait, others, detector),
        // Paid only when the first look finds nobody: a few runs say what it costs.
        farLook: await benchFarLook(portrait, 5, detector),
        memory: captures > 0 ? await benchPhotoMemory(demo, captures, detector) : null,
        targets: { medianMs: 200, naiveOverPipeline: 1.5, memoryGrowthMb: 50, guidesPerSecond: 10 },
      };
    } else if (target === 'report') {
      result = await benchReports(native, Math.max(3, Math.min(runs, 20)));
    } else {
      const rounds = Math.max(6, Math.min(runs, 40));
      result = {
        insert1000RowsOnePerCommitMs: benchStoreOverhead(native, 1000, rounds),
        insert1000RowsOneCommitMs: benchStoreOverhead(native, 1000, rounds, true),
      };
    }
    result.machine = machineDuring(machineBefore, machineNow());
    io.out(flags.json ? JSON.stringify({ bench: target, node: process.versions.node, cpus: os.cpus().length, ...result }) : JSON.stringify(result, null, 2));
    return 0;
  },
};

interface MachineSample {
  load1: number;
  /** Linux's /proc/stat totals for all CPUs: every tick, and those stolen by the hypervisor. */
  ticks: { total: number; steal: number } | null;
}

function machineNow(): MachineSample {
  let ticks: MachineSample['ticks'] = null;
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    if (cpu.length >= 8 && cpu.every(Number.isFinite)) ticks = { total: cpu.reduce((a, b) => a + b, 0), steal: cpu[7] ?? 0 };
  } catch {
    // not Linux
  }
  return { load1: os.loadavg()[0] ?? 0, ticks };
}

/**
 * How busy the machine was around the figures (shared machines are noisy): the 1-minute load
 * before and after, and the share of CPU time the hypervisor gave to others meanwhile.
 */
function machineDuring(before: MachineSample, after: MachineSample) {
  const total = before.ticks && after.ticks ? after.ticks.total - before.ticks.total : 0;
  return {
    loadAverage1m: { before: Math.round(before.load1 * 100) / 100, after: Math.round(after.load1 * 100) / 100 },
    stealPercent: before.ticks && after.ticks && total > 0 ? Math.round(((after.ticks.steal - before.ticks.steal) / total) * 1000) / 10 : null,
  };
}
