import { defineConfig } from 'vitest/config';

// One `pnpm test` runs every package's vitest project; each package still runs alone.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
