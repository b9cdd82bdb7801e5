import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Shared, noisy 2-core machines: run files in parallel but not too many at once.
    maxWorkers: 2,
    // Tests never write to the real user's list of data folders.
    env: { MADOGUCHI_REGISTRY_FILE: '/tmp/madoguchi-test-registry/data-dirs.txt' },
  },
});
