// Medians and spread for benchmark samples; figures, never assertions.
export interface Stats {
  runs: number;
  median: number;
  p10: number;
  p90: number;
  p95: number;
  min: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))] ?? NaN;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { runs: s.length, median: round(at(0.5)), p10: round(at(0.1)), p90: round(at(0.9)), p95: round(at(0.95)), min: round(s[0] ?? NaN), max: round(s.at(-1) ?? NaN) };
}

export async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
