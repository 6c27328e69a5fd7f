export { type BareBatch, type BareClientOptions, type BareDispatchLoop, bareDispatchLoop } from './dispatch-loop.js';
