import { defineProject } from 'vitest/config';
import { testFiles } from '../../vitest.load.js';

export default defineProject({
  test: { name: 'relay', ...testFiles(), testTimeout: 60_000 },
});
