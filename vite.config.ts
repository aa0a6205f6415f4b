import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  test: {
    include: ['tests/**/*.test.ts'],
    // Tests share nothing but the machine: each file opens its own SQLite file.
    testTimeout: 150_000,
    hookTimeout: 120_000,
    server: { deps: { external: [/\/build\//] } },
    fileParallelism: true,
    maxWorkers: 2,
    // A test that asserts nothing fails: a guarantee must be checked, not merely run.
    expect: { requireAssertions: true }
  }
});
