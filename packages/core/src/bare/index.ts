export { type H2Layout, h2Layout, STREAMS_PER_CONNECTION } from '../h2-layout.js';
export {
  type BareBatch,
  type BareClientOptions,
  type BareDispatchLoop,
  bareDispatchLoop,
  bareLayout,
} from './dispatch-loop.js';
