// The serving path of the LSTM direction model (the roadmap's architecture: 2 x 128, lookback 60,
// trained one epoch: speed does not depend on the weights): one prediction from the 300 most
// recent raw bars, in process (DeployedModel.predict: features, scaling, the network) and through
// `quantlab serve` over loopback (JSON in and out). The issue states goals, not a peer: p99 under
// 5 ms over HTTP, under 1 ms in process; each entry's peer column is that goal.
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadModelByUri, readBarsCsv, projectPath, registerAndPromote, sliceBars, trainDirectionLstmModel, type Bars } from 'quantlab';
import { result, type Benchmark, type BenchResult } from './types';
import { withMlflowServer } from './mlflow-fixture';

const RECENT = 300, WARMUP = 50, REPEATS = 1000, HTTP_REPEATS = 1000;

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q, lo = Math.floor(pos);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (pos - lo);
}

const columns = (b: Bars) => ({ time: Array.from(b.time), open: Array.from(b.open), high: Array.from(b.high), low: Array.from(b.low), close: Array.from(b.close), volume: Array.from(b.volume) });

// The server is `quantlab serve` in its own process, as it is deployed (the bench process has run
// every other benchmark: its heap is not a server's); it is stopped with SIGTERM.
async function serveProcess(trackingUri: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const cli = projectPath('lib', 'dist', 'cli', 'main.js');
  const child = spawn(process.execPath, [cli, 'serve', 'bench-lstm', '--port', '0', '--poll', '0'], { env: { ...process.env, MLFLOW_TRACKING_URI: trackingUri } });
  let out = '', err = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`quantlab serve did not start in 120 s: ${out}${err}`)), 120_000);
    child.stdout.on('data', () => {
      const m = /at (http:\/\/127\.0\.0\.1:\d+): version \d+/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`quantlab serve exited ${code}: ${out}${err}`)); });
  });
  return { url, stop: async () => { child.kill('SIGTERM'); await exited; } };
}

// The client runs in its own process too.
function httpTimes(url: string, bodyFile: string): Promise<number[]> {
  const client = projectPath('bench', 'serving-client.mjs');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [client, url, bodyFile, String(WARMUP), String(HTTP_REPEATS)], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`serving client failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as number[]);
    });
  });
}

let measured: { http: number[]; inProcess: number[]; inProcessTfjs: number[] } | undefined;

async function measure(): Promise<{ http: number[]; inProcess: number[]; inProcessTfjs: number[] }> {
  if (measured) return measured;
  const all = readBarsCsv(projectPath('data', 'sp500.csv.gz'), { symbol: 'SPX' });
  const train = sliceBars(all, 0, 1000), recent = sliceBars(all, all.time.length - RECENT);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-bench-serving-'));
  try {
    measured = await withMlflowServer(async (client) => {
      const trained = await trainDirectionLstmModel(train, { epochs: 1, batchSize: 128 }, dir);
      trained.model.dispose();
      await registerAndPromote(client, { experiment: 'bench-serving', params: {}, metrics: { f1: 0 }, modelDir: dir, modelName: 'bench-lstm', gates: [] });
      // The same version on each runtime: ONNX Runtime (what the server runs) and TensorFlow.js.
      const timed = async (runtime: 'onnx' | 'tfjs'): Promise<number[]> => {
        const model = await loadModelByUri(client, 'models:/bench-lstm@champion', { runtime: runtime });
        const times: number[] = [];
        for (let i = 0; i < WARMUP + REPEATS; i++) {
          const start = performance.now();
          model.predict(recent);
          if (i >= WARMUP) times.push(performance.now() - start);
        }
        model.dispose();
        return times;
      };
      const inProcess = await timed('onnx'), inProcessTfjs = await timed('tfjs');
      const bodyFile = path.join(dir, 'body.json');
      fs.writeFileSync(bodyFile, JSON.stringify(columns(recent)));
      const server = await serveProcess(client.trackingUri);
      let http: number[];
      try {
        http = await httpTimes(server.url, bodyFile);
      } finally {
        await server.stop();
      }
      return { http, inProcess, inProcessTfjs };
    });
    return measured;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const servingBenchmarks: readonly Benchmark[] = [
  {
    name: 'serving-http-p99',
    async run(): Promise<BenchResult> {
      const { http } = await measure();
      return result(`serving: POST /predict over loopback, LSTM 2x128 lookback 60, ${RECENT} raw bars (p99)`, quantile(http, 0.99),
        'goal: p99 under 5 ms (issue 7)', 5,
        `p50 ${quantile(http, 0.5).toFixed(2)} ms, p90 ${quantile(http, 0.9).toFixed(2)} ms, p99 ${quantile(http, 0.99).toFixed(2)} ms, max ${Math.max(...http).toFixed(2)} ms over ${HTTP_REPEATS} requests after ${WARMUP} warm-up, server \`quantlab serve\` and client each in their own process (node:http, kept-alive connection); JSON body ${RECENT} bars; network on ONNX Runtime`);
    },
  },
  {
    name: 'serving-in-process',
    async run(): Promise<BenchResult> {
      const { inProcess, inProcessTfjs } = await measure();
      return result(`serving: DeployedModel.predict in process, same model and bars (p50)`, quantile(inProcess, 0.5),
        'goal: under 1 ms (issue 7)', 1,
        `p50 ${quantile(inProcess, 0.5).toFixed(2)} ms, p99 ${quantile(inProcess, 0.99).toFixed(2)} ms over ${REPEATS} calls after ${WARMUP} warm-up (features over ${RECENT} bars + one LSTM forward on ONNX Runtime); the same on TensorFlow.js: p50 ${quantile(inProcessTfjs, 0.5).toFixed(2)} ms, p99 ${quantile(inProcessTfjs, 0.99).toFixed(2)} ms`);
    },
  },
];
