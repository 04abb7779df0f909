// Runs every benchmark listed below, prints a table and writes reports/benchmarks.json.
// Usage (after scripts/bench.sh has compiled it): node .cache/bench/run.js [name-filter]
import * as fs from 'node:fs';
import * as os from 'node:os';
import { projectPath, writeFileAtomic } from 'quantlab';
import { gruEpoch } from './gru-epoch';
import { gruInference } from './gru-inference';
import { archFitGarchNormal, archFitGarchT, archFitGjrT } from './arch-fit';
import { johansen } from './johansen';
import { engleGrangerBench } from './engle-granger';
import { pairScreenBench } from './pair-screen';
import { featureBenchmarks } from './features';
import { fusedRnnBenchmarks } from './fused-rnn';
import { torchRnnBenchmarks } from './torch-rnn';
import { eventBacktestBenchmarks } from './event-backtest';
import { vectorSweep } from './vector-sweep';
import { tpeBenchmarks } from './tpe';
import { mlflowLogging } from './mlflow-logging';
import { rlEnvBenchmarks } from './rl-env';
import { servingBenchmarks } from './serving';
import { onnxRnnBenchmarks } from './onnx-rnn';
import { ppoCartPole } from './ppo';
import type { Benchmark, BenchResult } from './types';

const BENCHMARKS: readonly Benchmark[] = [gruEpoch, gruInference, johansen, engleGrangerBench, pairScreenBench, archFitGarchNormal, archFitGarchT, archFitGjrT, ...featureBenchmarks, ...fusedRnnBenchmarks, ...torchRnnBenchmarks, ...onnxRnnBenchmarks, ...eventBacktestBenchmarks, vectorSweep, ...tpeBenchmarks, mlflowLogging, ...rlEnvBenchmarks, ...servingBenchmarks, ppoCartPole];

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory_gb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function table(results: readonly BenchResult[]): string {
  const rows = [['benchmark', 'ours ms', 'peer', 'peer ms', 'ratio'],
    ...results.map((r) => [r.name, r.ours_ms.toFixed(2), r.peer, r.peer_ms.toFixed(2), r.ratio.toFixed(3)])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 1 || c >= 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  const selected = BENCHMARKS.filter((b) => !filter || b.name.includes(filter));
  if (selected.length === 0) throw new Error(`no benchmark matches "${filter}"; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  const results: BenchResult[] = [];
  for (const bench of selected) {
    process.stdout.write(`running ${bench.name} ...\n`);
    results.push(await bench.run());
  }
  const file = projectPath('reports', 'benchmarks.json');
  // A filtered run replaces only its own entries; the others keep the figures (and date) they
  // were measured with, which each entry's `measured` field records.
  const date = new Date().toISOString();
  const fresh = results.map((r) => ({ ...r, measured: date }));
  const kept = filter && fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')).results as (BenchResult & { measured?: string })[]).filter((r) => !fresh.some((f) => f.name === r.name))
    : [];
  const report = { machine: machine(), date, results: [...kept, ...fresh] };
  writeFileAtomic(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`\n${table(results)}\n`);
  for (const r of results) console.log(`- ${r.name}: ${r.notes}`);
  console.log(`\nmachine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memory_gb} GiB, node ${report.machine.node}`);
  console.log(`written: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
