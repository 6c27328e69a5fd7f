import { defineProject } from 'vitest/config';
import { testFiles } from '../../vitest.load.js';

export default defineProject({
  test: { name: 'async', ...testFiles(), testTimeout: 60_000 },
});
