import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeProfile, describeProfileTime } from '../src/profile-description.js';
import { PROFILE_NAMES, PROFILES, type Profile } from '../src/profiles.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** README's profile table: name → [what, time on 2 cores]. */
function profileRows(): Map<string, [string, string]> {
  const table = README.slice(README.indexOf('| profile | what | time on 2 cores |'));
  const rows = new Map<string, [string, string]>();
  for (const line of table.split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const [name, what, time] = line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim());
    rows.set((name ?? '').replaceAll('`', ''), [what ?? '', time ?? '']);
  }
  return rows;
}

describe("README's profiles are the profiles' data", () => {
  it('lists every profile once, in the order of profiles.ts', () => {
    expect([...profileRows().keys()]).toEqual(PROFILE_NAMES);
  });

  for (const name of PROFILE_NAMES) {
    it(`${name}: what it runs and its time, word for word from its data`, () => {
      expect(profileRows().get(name)).toEqual([describeProfile(PROFILES[name]), describeProfileTime(PROFILES[name])]);
    });
  }

  for (const name of PROFILE_NAMES) {
    const { measured } = PROFILES[name] as Profile;
    if (!measured) continue;
    it(`${name}: its measured time is that of the committed report it names`, () => {
      const report = JSON.parse(readFileSync(new URL(`../../../${measured.report}`, import.meta.url), 'utf8'));
      const profile: Profile = PROFILES[name];
      expect(report.settings).toMatchObject({ profile: name, jobs: profile.jobs, concurrency: profile.concurrency });
      expect(report.settings.workload ?? 'download').toBe(profile.workload ?? 'download');
      expect(report.environment.startedAt.slice(0, 10)).toBe(measured.on);
      const seconds = (Date.parse(report.finishedAt) - Date.parse(report.environment.startedAt)) / 1000;
      expect(Math.round(seconds)).toBe(measured.seconds);
    });
  }

  it("the set-up line quotes quick's measured time", () => {
    const line = README.split('\n').find((text) => text.startsWith('pnpm install && pnpm bench')) ?? '';
    expect(line).toContain(describeProfileTime(PROFILES.quick));
  });
});
