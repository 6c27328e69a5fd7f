import { testStrategy } from '@fanout/conformance';
import { strategy } from '../src/index.js';

// fetch decodes inside the API and hands over only the decoded body: no wire bytes to report.
testStrategy(strategy, { wireBytes: false });
