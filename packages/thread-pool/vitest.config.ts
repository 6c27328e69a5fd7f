import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'thread-pool', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
