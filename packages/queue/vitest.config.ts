import { defineProject } from 'vitest/config';
import { testFiles } from '../../vitest.load.js';

export default defineProject({
  test: { name: 'queue', ...testFiles(), testTimeout: 60_000 },
});
