// The top self-time functions of a V8 CPU profile (.cpuprofile, as bench/server.ts writes with
// BENCH_CPU_PROFILE), with their share of the sampled time (idle excluded), and the same by script.
// Usage: tsx bench/profile-top.ts <file.cpuprofile> [n=30]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, nArg = '30'] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/profile-top.ts <file.cpuprofile> [n=30]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const byFunction = new Map<string, number>();
const byScript = new Map<string, number>();
let busy = 0;
for (const [id, us] of self) {
  const f = byId.get(id)!.callFrame;
  if (f.functionName === '(idle)') continue;
  busy += us;
  const script = f.url.replace(/^file:\/\/.*?node_modules\//, '').replace(/^file:\/\/.*?\/(src|db|bench)\//, '$1/') || '(native)';
  const key = `${f.functionName || '(anonymous)'} ${script}${f.url ? `:${f.lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const pkg = script.startsWith('src/') || script.startsWith('db/') || script.startsWith('bench/') ? script : script.split('/').slice(0, script.startsWith('@') ? 2 : 1).join('/');
  byScript.set(pkg, (byScript.get(pkg) ?? 0) + us);
}
const n = Number(nArg);
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (busy ${(busy / 1000).toFixed(0)} ms sampled)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${((us / busy) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
};
show('self time by function', byFunction);
show('self time by script or package', byScript);
