import { testStrategy } from '@fanout/core/testing';
import { chunked, hybrid, strategy } from '../src/index.js';

testStrategy(strategy);
testStrategy(chunked);
testStrategy(hybrid);
