// The lint rule that keeps `electron` in the shell, and Node out of the renderer, really fires.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/test-app.js';

const eslint = new ESLint({ cwd: repoRoot });

async function restricted(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return (r?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('process boundaries', () => {
  it('refuses electron outside the shell and preload', async () => {
    const code = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await restricted('src/main/app.ts', code)).toHaveLength(1);
    expect(await restricted('src/shared/contract.ts', code)).toHaveLength(1);
    expect(await restricted('src/renderer/main.tsx', code)).toHaveLength(1);
    expect(await restricted('src/main/shell/shell.ts', code)).toHaveLength(0);
    expect(await restricted('src/preload/index.ts', code)).toHaveLength(0);
  }, 60_000);

  it('keeps Node and main code out of the renderer and shared code', async () => {
    expect(await restricted('src/renderer/main.tsx', "import fs from 'node:fs';\nexport const x = fs;\n")).toHaveLength(1);
    expect(await restricted('src/renderer/main.tsx', "import { boot } from '../main/boot.js';\nexport const x = boot;\n")).toHaveLength(1);
    expect(await restricted('src/shared/text.ts', "import os from 'node:os';\nexport const x = os;\n")).toHaveLength(1);
  }, 60_000);
});
