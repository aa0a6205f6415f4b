// A/B rounds between two checkouts of the repository, shared by the A/B scripts: rounds alternate A
// and B (the order flips each round), each run's line printed as it ends, then the medians of each
// side and B ÷ A of the server's CPU per answer — the figure to compare on a shared machine.
import { percentile } from './stats.ts';

export type Side = 'A' | 'B';

export async function abRounds<R extends { side: Side; cpuMsPerAnswer: number }>(
  dirs: { A: string; B: string },
  rounds: number,
  once: (side: Side, dir: string, round: number) => Promise<R>,
  line: (r: R) => string
): Promise<{ runs: R[]; median: (side: Side, k: { [K in keyof R]: R[K] extends number ? K : never }[keyof R]) => number }> {
  const runs: R[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const side of (i % 2 === 0 ? ['A', 'B'] : ['B', 'A']) as Side[]) {
      const r = await once(side, dirs[side], i);
      runs.push(r);
      console.log(`round ${i + 1} ${side}: ${line(r)}`);
    }
  }
  const median = (side: Side, k: keyof R) => percentile(runs.filter((r) => r.side === side).map((r) => r[k] as number).sort((a, b) => a - b), 50);
  return { runs, median };
}

/** The last line of an A/B: B ÷ A of the medians of the server's CPU per answer. */
export function cpuRatioLine(median: (side: Side, k: 'cpuMsPerAnswer') => number): string {
  return `B ÷ A, CPU per answer: ${(median('B', 'cpuMsPerAnswer') / median('A', 'cpuMsPerAnswer')).toFixed(2)}×`;
}
