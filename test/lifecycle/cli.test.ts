// The `quantlab` CLI: main(argv, io) in-process against a real MLflow server (SQLite backend) for
// each command, output format and exit code, then the compiled lib/dist/cli/main.js spawned twice
// at once (two processes promoting different versions).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, main, type CliIo } from '../../lib/cli/main';
import { USAGE } from '../../lib/cli/args';
import type { ChampionHistoryEntry } from '../../lib/lifecycle';
import { loadMlflowConfig, MlflowClient, trackingUriOf } from '../../lib/tracking';
import { freePort, useMlflowServer } from '../helpers/mlflow-server';
import { PROJECT_ROOT } from '../helpers/python';
import { addVersion, GOOD, holderOf, versionsWithAlias } from './registry-fixture';

const server = useMlflowServer('sqlite');
const CLI = path.join(PROJECT_ROOT, 'lib', 'dist', 'cli', 'main.js');

async function cli(argv: string[], over: Partial<CliIo> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { MLFLOW_TRACKING_URI: server.started.url }, cwd: PROJECT_ROOT, ...over,
  };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}

describe('quantlab CLI in-process', () => {
  it('prints its usage for --help and no arguments', async () => {
    for (const argv of [['--help'], [], ['promote', '--help']]) {
      const r = await cli(argv);
      expect(r, argv.join(' ')).toEqual({ code: EXIT_OK, out: USAGE, err: '' });
    }
    expect(USAGE).toMatch(/^Usage:\n {2}quantlab promote <model> <version> \[--gates <file>\]/m);
  });

  it('answers usage errors with exit code 2, naming the argument, the value and the fix', async () => {
    const cases: [string[], string][] = [
      [['frob'], 'command = "frob": is not a quantlab command. Fix: use one of promote, rollback, status, serve (see quantlab --help)'],
      [['promote', 'm'], 'promote = "m": takes <model> <version> (got 1 argument). Fix: write quantlab promote <model> <version>'],
      [['promote', 'm', 'v2'], '<version> = "v2": must be a version number (1, 2, ...). Fix: see the versions with quantlab status <model>'],
      [['rollback', 'm'], '--reason: is required for rollback. Fix: write quantlab rollback <model> --reason "why"'],
      [['status', 'm', '--gates', 'g.json'], '--gates: is not an option of status. Fix: use --alias, --json'],
      [['promote', 'm', '1', '--wait', 'soon'], '--wait = "soon": must be a number of seconds >= 0. Fix: write e.g. --wait 30 (0: fail at once when busy)'],
      [['promote', 'm', '1', '--reason'], '--reason: needs a value. Fix: write --reason <value>'],
      [['rollback', 'm', '--reason', ''], '--reason = "": is empty. Fix: give a value or leave --reason out'],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(EXIT_USAGE);
      expect(r.out, argv.join(' ')).toBe('');
      expect(r.err, argv.join(' ')).toBe(`quantlab: ${message}\nRun quantlab --help for usage.\n`);
    }
  });

  it('promotes through configs/gates.json, refuses with the gate table and exit code 1, and prints JSON', async () => {
    const model = 'cli-promote';
    const v1 = await addVersion(server.client, model, GOOD);
    const ok = await cli(['promote', model, v1, '--reason', 'first', '--by', 'cli-test']);
    expect(ok.code).toBe(EXIT_OK);
    expect(ok.out.split('\n').slice(0, 3)).toEqual([
      `gates: ${path.join(PROJECT_ROOT, 'configs', 'gates.json')}`,
      `promoted ${model} v1 to 'champion' (no previous champion)`,
      expect.stringMatching(/^gate {2,}value {2}threshold {2,}pass {2}reason$/),
    ]);
    expect(ok.out).toMatch(/^f1 > 0\.65 {2,}0\.72 {3}> 0\.65 {2,}yes {3}f1 = 0\.72 > 0\.65$/m);

    const v2 = await addVersion(server.client, model, { ...GOOD, pred_std: 0.001 });
    const refused = await cli(['promote', model, v2]);
    expect(refused.code).toBe(EXIT_REFUSED);
    expect(refused.out).toMatch(/^pred_std > 0\.01 {2,}0\.001 {2}> 0\.01 {2,}NO {4}prediction std 0\.001 is not > 0\.01/m);
    expect(refused.err).toMatch(/^quantlab promote: promote cli-promote v2 refused \(gates_failed\): 1 of 7 gates failed: pred_std > 0\.01 \(prediction std 0\.001/);
    expect(await holderOf(server.client, model)).toBe('1');

    const json = await cli(['promote', model, v2, '--json']);
    expect(json.code).toBe(EXIT_REFUSED);
    const body = JSON.parse(json.out);
    expect(body).toMatchObject({ ok: false, code: 'gates_failed', message: expect.stringContaining('refused (gates_failed)') });
    expect(body.report.results.filter((r: { passed: boolean }) => !r.passed).map((r: { gate: string }) => r.gate)).toEqual(['pred_std > 0.01']);

    // A gates file that drops the distribution gate lets v2 through.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-cli-'));
    try {
      fs.writeFileSync(path.join(dir, 'lenient.json'), JSON.stringify({ distribution: null }));
      const lenient = await cli(['promote', model, v2, '--gates', 'lenient.json', '--json'], { cwd: dir });
      expect(lenient.code).toBe(EXIT_OK);
      expect(JSON.parse(lenient.out)).toMatchObject({ ok: true, version: '2', previous: '1', gatesSource: path.join(dir, 'lenient.json'), entry: { action: 'promote' } });
      fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ champion: { maxDegradation: '10%' } }));
      const bad = await cli(['promote', model, v1, '--gates', 'bad.json'], { cwd: dir });
      expect(bad.code).toBe(EXIT_USAGE);
      expect(bad.err).toBe(`quantlab promote: ${path.join(dir, 'bad.json')}: champion.maxDegradation: must be a fraction >= 0 (got "10%"). Fix: use e.g. 0.1 for 10%\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const missing = await cli(['promote', model, '9']);
    expect(missing.code).toBe(EXIT_REFUSED);
    expect(missing.err).toContain('refused (version_missing): model cli-promote has no version 9 (it has 1, 2)');
  });

  it('shows status as a table or JSON, and rolls back with exit code 0, then 1 when nothing is left', async () => {
    const model = 'cli-rollback';
    for (const f1 of [0.7, 0.73]) await cli(['promote', model, await addVersion(server.client, model, { ...GOOD, f1 }), '--by', 'cli-test']);
    const status = await cli(['status', model]);
    expect(status.code).toBe(EXIT_OK);
    expect(status.out).toMatch(/^model cli-rollback\nrole {8}version {2}run {7}metrics\nchampion {4}2 {8}[0-9a-f]{8} {2}accuracy=0\.75 baseline_f1=0\.55 f1=0\.73 pred_positive_rate=0\.48 pred_std=0\.18\nfallback {4}1 {8}[0-9a-f]{8} {2}accuracy=0\.75 baseline_f1=0\.55 f1=0\.7 pred_positive_rate=0\.48 pred_std=0\.18\nchallenger  -\naliases: no others\n/);
    expect(status.out).toContain('lease: free\nhistory (newest first, 2 of 2):\nat');
    expect(status.out).toMatch(/promote {2}v2 {7}v1 {8}cli-test {2}f1 > 0\.65: 0\.73; accuracy > 0\.7: 0\.75; .{20,}\.\.\.\n/);
    const json = JSON.parse((await cli(['status', model, '--json'])).out);
    expect(json).toMatchObject({ ok: true, model, champion: { version: '2' }, fallback: { version: '1' }, aliases: { champion: '2' } });
    expect(json.history.map((e: ChampionHistoryEntry) => e.version)).toEqual(['1', '2']);

    const back = await cli(['rollback', model, '--reason', 'live drawdown 12%']);
    expect(back).toEqual({ code: EXIT_OK, err: '', out: "rolled back cli-rollback 'champion' from v2 to v1; v2 tagged quantlab.rolled_back; next fallback: none\n" });
    const none = await cli(['rollback', model, '--reason', 'again', '--json']);
    expect(none.code).toBe(EXIT_REFUSED);
    expect(JSON.parse(none.out)).toMatchObject({ ok: false, code: 'no_fallback' });
    expect((await cli(['status', 'cli-none'])).code).toBe(EXIT_REFUSED);
  });

  it('reads the tracking URI from the environment, else configs/mlflow.json, and exits 3 when the server is down', async () => {
    const seen: string[] = [];
    const quick = (uri: string): MlflowClient => {
      seen.push(uri);
      return new MlflowClient({ trackingUri: uri, retry: { maxAttempts: 1 } });
    };
    const down = `http://127.0.0.1:${await freePort()}`;
    const r = await cli(['status', 'x'], { env: { MLFLOW_TRACKING_URI: down }, client: quick });
    expect(r.code).toBe(EXIT_FAILURE);
    expect(r.err).toMatch(new RegExp(`^quantlab status: MLflow is not reachable at ${down}/api/2\\.0/mlflow/registered-models/get`));
    await cli(['status', 'x'], { env: {}, client: quick });
    expect(seen).toEqual([down, trackingUriOf(loadMlflowConfig())]);
  });
});

function spawnCli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: PROJECT_ROOT, env: { ...process.env, MLFLOW_TRACKING_URI: server.started.url } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('quantlab CLI as a process', () => {
  beforeAll(() => {
    const newest = ['cli', 'lifecycle'].flatMap((d) => fs.readdirSync(path.join(PROJECT_ROOT, 'lib', d)).map((f) => fs.statSync(path.join(PROJECT_ROOT, 'lib', d, f)).mtimeMs));
    if (!fs.existsSync(CLI) || fs.statSync(CLI).mtimeMs < Math.max(...newest) - 1000) {
      throw new Error(`${CLI} is missing or older than lib/cli, lib/lifecycle: run \`npm run build\` first`);
    }
  });

  it('two processes promoting different versions at once end with one champion and a chained history', async () => {
    const model = 'cli-race';
    await addVersion(server.client, model, GOOD);
    await main(['promote', model, '1'], { stdout: () => undefined, stderr: () => undefined, env: { MLFLOW_TRACKING_URI: server.started.url }, cwd: PROJECT_ROOT });
    const [a, b] = [await addVersion(server.client, model, GOOD), await addVersion(server.client, model, GOOD)];
    const results = await Promise.all([a, b].map((v) => spawnCli(['promote', model, v, '--json', '--by', `proc-${v}`])));
    for (const r of results) {
      // Each either succeeded (in turn) or was refused as busy/superseded without changing anything.
      const body = JSON.parse(r.out);
      if (r.code === EXIT_OK) expect(body).toMatchObject({ ok: true, entry: { action: 'promote' } });
      else expect({ code: r.code, kind: body.code }).toMatchObject({ code: EXIT_REFUSED, kind: expect.stringMatching(/^(busy|superseded)$/) });
    }
    const winners = results.filter((r) => r.code === EXIT_OK).map((r) => JSON.parse(r.out).version as string);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    const history = JSON.parse((await server.client.getRegisteredModel(model)).tags['quantlab.champion_history']!) as ChampionHistoryEntry[];
    expect(history).toHaveLength(1 + winners.length);
    for (let i = 1; i < history.length; i++) expect(history[i]!.previous).toBe(history[i - 1]!.version);
    expect(history.slice(1).map((e) => e.by).sort()).toEqual(winners.map((v) => `proc-${v}`).sort());
    expect(await versionsWithAlias(server.client, model)).toEqual([history[history.length - 1]!.version]);
  });
});
