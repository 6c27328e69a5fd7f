import { testStrategy } from '@fanout/conformance';
import { chunked, hybrid, strategy } from '../src/index.js';

testStrategy(strategy);
testStrategy(chunked);
testStrategy(hybrid);
