import { testStrategy } from '@fanout/conformance';
import { strategy } from '../src/index.js';

testStrategy(strategy);
