import { h2loadPeer } from './h2load.js';
import { autocannonPeer, undiciPoolPeer } from './node-peers.js';
import type { Peer, PeerName } from './peer.js';
import { pythonAsyncioPeer, pythonThreadsPeer } from './python.js';
import { wrkPeer } from './wrk.js';

/** Every peer by name, in report order. */
export const PEERS: Readonly<Record<PeerName, Peer>> = {
  'undici-pool': undiciPoolPeer,
  autocannon: autocannonPeer,
  wrk: wrkPeer,
  h2load: h2loadPeer,
  'python-asyncio': pythonAsyncioPeer,
  'python-threads': pythonThreadsPeer,
};
