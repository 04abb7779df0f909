import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // tfjs-node's native binding and the servers some tests start want real processes.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    env: { TF_CPP_MIN_LOG_LEVEL: '2' },
  },
});
