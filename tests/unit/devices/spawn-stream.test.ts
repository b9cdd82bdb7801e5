// The live view's child process is stopped as gphoto2 is told to stop at a terminal (Ctrl-C), so
// it can let go of the camera properly; one that does not end in time is killed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnStream } from '../../../src/main/system/exec.js';
import { tempDir } from '../../support/test-app.js';

function script(body: string): string {
  const file = path.join(tempDir(), 'tool');
  writeFileSync(file, `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
  return file;
}

describe('a streaming tool', () => {
  it('is asked to stop as with Ctrl-C, and ends cleanly when it does', async () => {
    // Like gphoto2 --capture-movie: frames until interrupted, then it tidies up and exits 0.
    const tool = script(`trap 'echo "let go of the camera" >&2; exit 0' INT\nwhile :; do printf frame; sleep 0.05; done`);
    const chunks: Buffer[] = [];
    const child = spawnStream(tool, [], (c) => chunks.push(c));
    while (chunks.length === 0) await new Promise((r) => setTimeout(r, 10));
    await child.stop();
    expect(await child.exited).toBe(0);
    expect(child.stderr()).toContain('let go of the camera');
  });

  it('is killed when it does not end within the grace period', async () => {
    const tool = script(`trap '' INT\nwhile :; do sleep 0.05; done`);
    const child = spawnStream(tool, [], () => undefined);
    await new Promise((r) => setTimeout(r, 100));
    await child.stop(300);
    // Ended by a signal (SIGKILL), not by itself.
    expect(await child.exited).toBeNull();
  });
});
