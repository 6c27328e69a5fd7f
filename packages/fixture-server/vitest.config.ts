import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'fixture-server', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
