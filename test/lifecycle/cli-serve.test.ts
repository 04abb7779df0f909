// `quantlab serve`: the model server from the command line against a real MLflow server, in
// process (main with a stop hook) and as a spawned process stopped by SIGTERM; its usage errors.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE, main, type CliIo } from '../../lib/cli/main';
import { sliceBars } from '../../lib/data/bars';
import { loadModelByUri, trainDirectionLstmModel } from '../../lib/deploy';
import { barColumns } from '../../lib/deploy/kinds/bars';
import { registerAndPromote } from '../../lib/lifecycle';
import { sp500Bars } from '../features/kind-contract';
import { useMlflowServer } from '../helpers/mlflow-server';
import { PROJECT_ROOT } from '../helpers/python';

const server = useMlflowServer('sqlite');
const CLI = path.join(PROJECT_ROOT, 'lib', 'dist', 'cli', 'main.js');
const MODEL = 'cli-serve';
let work: string;
let body: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-cli-serve-'));
  const bars = sliceBars(sp500Bars(), 0, 700);
  body = JSON.stringify(Object.fromEntries(Object.entries(barColumns(sliceBars(bars, 400))).map(([k, v]) => [k, Array.from(v)])));
  for (const [i, seed] of [7, 8].entries()) {
    const dir = path.join(work, `v${i + 1}`);
    (await trainDirectionLstmModel(bars, { lookback: 10, layers: [4], epochs: 1, batchSize: 128, seed }, dir)).model.dispose();
    await registerAndPromote(server.client, { experiment: 'cli-serve', params: {}, metrics: {}, modelDir: dir, modelName: MODEL, gates: [] });
  }
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function cli(argv: string[], over: Partial<CliIo> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const code = await main(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { MLFLOW_TRACKING_URI: server.started.url }, cwd: PROJECT_ROOT, ...over });
  return { code, out: out.join(''), err: err.join('') };
}

const post = async (url: string, json: string) => {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
  return { status: r.status, body: await r.json() as Record<string, unknown> };
};

describe('quantlab serve', () => {
  it('refuses bad options with exit code 2, naming the option, the value and the fix', async () => {
    const cases: [string[], string][] = [
      [['serve', MODEL, '--port', 'http'], '--port = "http": must be a port number in 0..65535. Fix: write e.g. --port 5080 (0: any free port)'],
      [['serve', MODEL, '--runtime', 'gpu'], '--runtime = "gpu": is not auto, onnx or tfjs. Fix: leave it out (auto: ONNX Runtime where it loads), or write --runtime tfjs'],
      [['serve', MODEL, '--poll', '-1'], '--poll = "-1": must be a number of seconds >= 0. Fix: write e.g. --poll 30 (0: check only after /rollback)'],
      [['serve'], 'serve = "": takes <model> (got 0 arguments). Fix: write quantlab serve <model>'],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv);
      expect({ code: r.code, err: r.err }, argv.join(' ')).toEqual({ code: EXIT_USAGE, err: `quantlab: ${message}\nRun quantlab --help for usage.\n` });
    }
  });

  it('serves the champion until stopped: predictions as the deployed model gives them, /rollback through the lifecycle', async () => {
    const reference = await loadModelByUri(server.client, `models:/${MODEL}@champion`);
    const expected = reference.predict(JSON.parse(body)).probability;
    reference.dispose();
    const seen: Record<string, unknown>[] = [];
    const r = await cli(['serve', MODEL, '--port', '0', '--poll', '0'], {
      untilStopped: async (s) => {
        seen.push((await post(`${s.url}/predict`, body)).body);
        seen.push(await post(`${s.url}/rollback`, '{}'));
        seen.push((await post(`${s.url}/rollback`, JSON.stringify({ reason: 'cli test' }))).body);
        seen.push((await post(`${s.url}/predict`, body)).body);
      },
    });
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toMatch(new RegExp(`^serving ${MODEL}@champion at http://127\\.0\\.0\\.1:\\d+: version 2, direction-lstm on onnx\\nstop with Ctrl-C$`, 'm'));
    expect(r.out).toMatch(/^\[serving\] /m);
    expect(r.out).toMatch(/stopped\n$/);
    expect(seen[0]).toEqual({ probability: expected, time: expect.any(Number), model: MODEL, version: '2' });
    expect(seen[1]).toMatchObject({ status: 422, body: { argument: 'reason', fix: 'POST /rollback with {"reason": "why"}' } });
    expect(seen[2]).toMatchObject({ status: 'rolled back', from: '2', version: '1', result: { version: '1', demoted: '2' } });
    expect(seen[3]).toMatchObject({ version: '1' });
    // Put version 2 back for the next test.
    await registerAndPromote(server.client, { experiment: 'cli-serve', params: {}, metrics: {}, modelDir: path.join(work, 'v2'), modelName: MODEL, gates: [] });
  });

  it('runs as a process: listens, answers /health, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', MODEL, '--port', '0', '--runtime', 'tfjs'], { cwd: PROJECT_ROOT, env: { ...process.env, MLFLOW_TRACKING_URI: server.started.url } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line in 60 s: ${out}`)), 60_000);
      child.stdout.on('data', () => {
        const m = /at (http:\/\/127\.0\.0\.1:\d+): version (\d+), direction-lstm on tfjs/.exec(out);
        if (m) { clearTimeout(timer); resolve(m[1]!); }
      });
    });
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', model: MODEL });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toMatch(/stopped\n$/);
  });
});
