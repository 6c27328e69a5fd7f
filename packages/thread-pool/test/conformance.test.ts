import { testStrategy } from '@fanout/conformance';
import { strategy } from '../src/index.js';

// One file per configuration, so vitest runs them side by side.
testStrategy(strategy);
