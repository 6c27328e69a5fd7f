import { testStrategy } from '@fanout/core/testing';
import { strategy } from '../src/index.js';

testStrategy(strategy);
