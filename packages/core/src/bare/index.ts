export { type BareBatch, type BareDispatchLoop, bareDispatchLoop } from './dispatch-loop.js';
