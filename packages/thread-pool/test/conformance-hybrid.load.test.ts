import { testStrategy } from '@fanout/conformance';
import { hybrid } from '../src/index.js';

testStrategy(hybrid);
