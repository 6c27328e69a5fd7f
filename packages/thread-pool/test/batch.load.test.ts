import { testStrategyLoad } from '@fanout/conformance';
import { describe } from 'vitest';
import { strategy } from '../src/index.js';

describe('load', { timeout: 120_000 }, () => testStrategyLoad(strategy, { jobs: 10_000, concurrency: 8 }));
