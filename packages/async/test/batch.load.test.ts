import { testStrategyLoad } from '@fanout/conformance';
import { describe } from 'vitest';
import { strategy } from '../src/index.js';

describe('load', { timeout: 180_000 }, () => testStrategyLoad(strategy, { jobs: 100_000, concurrency: 256 }));
