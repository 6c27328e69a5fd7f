import { testStrategy } from '@fanout/conformance';
import { strategy } from '../src/index.js';

// One file per configuration, so vitest runs them side by side. At W = 2, not the suite's default 4: each of its
// ~70 checks starts a pool of W worker threads, ~0.17 s of CPU each here, which made this file the suite's largest
// CPU cost (47 s of 290). Two threads still make every check a multi-thread one; four in flight is held in
// limit-four.test.ts, and the chunked and hybrid pools' suites (pnpm test:load) run at 4.
testStrategy(strategy, { concurrency: 2 });
