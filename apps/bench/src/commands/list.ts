import { discoverStrategies } from '../strategies/discover.js';

/** One line per strategy: name, package, description. Reads package.json files only. */
export function listCommand(): void {
  const strategies = discoverStrategies();
  const nameWidth = Math.max(4, ...strategies.map((s) => s.name.length));
  const packageWidth = Math.max(7, ...strategies.map((s) => s.packageName.length));
  for (const s of strategies) {
    process.stdout.write(`${s.name.padEnd(nameWidth)}  ${s.packageName.padEnd(packageWidth)}  ${s.description}\n`);
  }
}
