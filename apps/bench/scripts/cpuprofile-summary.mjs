// Self time of a .cpuprofile grouped by where the code lives (node:http2, streams, tls, undici's h1 and h2 paths,
// fanout's core), per request when given the request count. Usage: node cpuprofile-summary.mjs FILE [requests]
import { readFileSync } from 'node:fs';

const [file, requests] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
function category({ url, functionName }) {
  if (!url) return functionName.startsWith('(') ? functionName : `native ${functionName}`;
  if (url.includes('packages/core')) return 'fanout core';
  if (url.includes('undici') && url.includes('client-h2')) return 'undici client-h2';
  if (url.includes('undici') && (url.includes('client-h1') || url.includes('llhttp'))) return 'undici client-h1/llhttp';
  if (url.includes('undici')) return 'undici (other)';
  if (url.includes('node:internal/http2') || url.includes('node:http2')) return 'node:http2';
  if (url.includes('node:internal/streams') || url.includes('node:stream')) return 'node streams';
  if (url.includes('tls')) return 'node tls';
  if (url.includes('node:net') || url.includes('stream_base_commons')) return 'node net';
  if (url.includes('apps/bench')) return 'fanout bench';
  if (url.startsWith('node:')) return `node other (${url.replace('node:internal/', '').split('/')[0]})`;
  return url.split('/').slice(-2).join('/');
}
const categories = new Map();
const functions = new Map();
let total = 0;
for (const [id, us] of self) {
  const node = byId.get(id);
  total += us;
  if (node.callFrame.functionName === '(idle)') continue;
  const key = category(node.callFrame);
  categories.set(key, (categories.get(key) ?? 0) + us);
  const fn = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').slice(-1)[0]}:${node.callFrame.lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + us);
}
const busy = [...categories.values()].reduce((a, b) => a + b, 0);
const per = (us) => (requests ? `${(us / Number(requests)).toFixed(2)} µs/req` : '');
console.log(`${file}: busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms ${per(busy)}`);
for (const [key, us] of [...categories].sort((a, b) => b[1] - a[1]).slice(0, 16))
  console.log(
    `  ${key.padEnd(34)} ${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / busy).toFixed(1).padStart(5)}% ${per(us)}`,
  );
console.log('  top functions (self):');
for (const [key, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 15))
  console.log(`    ${key.slice(0, 70).padEnd(70)} ${(us / 1000).toFixed(0).padStart(6)} ms ${per(us)}`);
