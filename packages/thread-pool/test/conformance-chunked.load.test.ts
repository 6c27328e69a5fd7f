import { testStrategy } from '@fanout/conformance';
import { chunked } from '../src/index.js';

testStrategy(chunked);
