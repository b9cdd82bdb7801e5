// Size of a payload as UTF-8 JSON, computed by walking it and stopping as soon as it passes the
// limit, so a 10 MB string is rejected without being copied or serialised first.
export function exceedsSize(value: unknown, limit: number): boolean {
  let total = 0;
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      // Every code unit is at least one UTF-8 byte: a string longer than the limit is over it
      // without measuring; a shorter one is measured exactly (bounded by the limit).
      if (v.length > limit) return true;
      total += Buffer.byteLength(v, 'utf8') + 2;
    } else if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) {
      total += 8;
    } else if (typeof v === 'bigint') {
      total += 24;
    } else if (typeof v === 'object') {
      if (seen.has(v)) return true; // cycles cannot be JSON and are never a valid payload
      seen.add(v);
      if (ArrayBuffer.isView(v)) {
        total += v.byteLength;
      } else if (v instanceof ArrayBuffer) {
        total += v.byteLength;
      } else if (Array.isArray(v)) {
        total += 2 + v.length;
        for (const item of v) stack.push(item);
      } else {
        for (const [k, item] of Object.entries(v)) {
          total += k.length + 4;
          stack.push(item);
        }
      }
    } else {
      total += 8;
    }
    if (total > limit) return true;
  }
  return false;
}
