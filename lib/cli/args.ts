// The quantlab command line: its usage text and the parser from argv to one typed command.
import { RUNTIME_CHOICES, type RuntimeChoice } from '../deploy/network';
import { QuantlabError } from '../util/errors';

export const USAGE = `quantlab: gated promotion, rollback and serving of MLflow registered models

Usage:
  quantlab promote <model> <version> [--gates <file>] [--reason <text>] [options]
  quantlab rollback <model> --reason <text> [options]
  quantlab status <model> [options]
  quantlab serve <model> [--port <n>] [--host <address>] [--runtime <r>] [--poll <seconds>] [--alias <name>]
  quantlab <command> --help

Commands:
  promote   move the 'champion' alias to <version> when every gate passes; the previous
            champion becomes the fallback
  rollback  move 'champion' back to the fallback recorded in the promotion history, and mark
            the demoted version quantlab.rolled_back=<reason>
  status    champion, fallback, challenger, lease and promotion history
  serve     serve <model>@champion over HTTP until Ctrl-C / SIGTERM: GET /health, /status, /model,
            POST /predict (raw recent bars in), /rollback; the model is swapped when the alias moves

Options:
  --gates <file>     gates JSON (default: configs/gates.json when present, else built-in defaults:
                     f1 > 0.65, accuracy > 0.70, at most 10% worse than the champion, predictions
                     not degenerate, f1 > baseline_f1)
  --reason <text>    why; recorded in the history (required for rollback)
  --alias <name>     the alias to manage (default: champion)
  --by <name>        who acts, for the history (default: user@host)
  --wait <seconds>   how long to wait while another promotion holds the model (default: 30)
  --json             machine-readable JSON on stdout
  --port <n>         serve: port (default 5080; 0 for any free one)
  --host <address>   serve: interface (default 127.0.0.1, this machine only)
  --runtime <r>      serve: what runs the network: auto (default: ONNX Runtime), onnx or tfjs
  --poll <seconds>   serve: how often the alias is checked (default 30; 0: only after /rollback)
  -h, --help         this text

Tracking server: $MLFLOW_TRACKING_URI, else host and port in configs/mlflow.json.
Exit codes: 0 done; 1 refused, nothing changed (a gate failed, no such version, already
champion, nothing to roll back, model busy); 2 usage error; 3 failure (server unreachable
or answering with an error).
`;

/** A command line the parser cannot use; the CLI answers it with exit code 2. */
export class UsageError extends QuantlabError {
  constructor(readonly argument: string, readonly value: unknown, readonly problem: string, readonly fix: string) {
    super(`${argument}${value === undefined ? '' : ` = ${JSON.stringify(value)}`}: ${problem}. Fix: ${fix}`);
  }
}

interface Shared {
  readonly model: string;
  readonly alias?: string;
  readonly json: boolean;
  readonly by?: string;
  readonly waitMs?: number;
}

export type Command =
  | { readonly kind: 'help' }
  | ({ readonly kind: 'promote'; readonly version: string; readonly gates?: string; readonly reason?: string } & Shared)
  | ({ readonly kind: 'rollback'; readonly reason: string } & Shared)
  | ({ readonly kind: 'status' } & Shared)
  | ({ readonly kind: 'serve'; readonly port?: number; readonly host?: string; readonly runtime?: RuntimeChoice; readonly pollMs?: number } & Shared);

const COMMANDS = ['promote', 'rollback', 'status', 'serve'] as const;
const VALUE_FLAGS: Record<(typeof COMMANDS)[number], readonly string[]> = {
  promote: ['gates', 'reason', 'alias', 'by', 'wait'],
  rollback: ['reason', 'alias', 'by', 'wait'],
  status: ['alias'],
  serve: ['alias', 'port', 'host', 'runtime', 'poll'],
};
const POSITIONALS: Record<(typeof COMMANDS)[number], readonly string[]> = { promote: ['model', 'version'], rollback: ['model'], status: ['model'], serve: ['model'] };

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { kind: 'help' };
  const name = argv[0]!;
  if (!(COMMANDS as readonly string[]).includes(name)) throw new UsageError('command', name, 'is not a quantlab command', `use one of ${COMMANDS.join(', ')} (see quantlab --help)`);
  const command = name as (typeof COMMANDS)[number];
  const flags: Record<string, string> = {};
  let json = false;
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.slice(2, eq < 0 ? undefined : eq);
    if (flag === 'json' && eq < 0) {
      json = true;
      continue;
    }
    if (!VALUE_FLAGS[command].includes(flag)) {
      throw new UsageError(`--${flag}`, undefined, `is not an option of ${command}`, `use ${[...VALUE_FLAGS[command], 'json'].map((f) => `--${f}`).join(', ')}`);
    }
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${flag}`, undefined, 'needs a value', `write --${flag} <value>`);
    if (flags[flag] !== undefined) throw new UsageError(`--${flag}`, value, 'is given twice', 'give it once');
    flags[flag] = value;
  }
  const wanted = POSITIONALS[command];
  if (positional.length !== wanted.length) {
    throw new UsageError(command, positional.join(' '), `takes ${wanted.map((w) => `<${w}>`).join(' ')} (got ${positional.length} argument${positional.length === 1 ? '' : 's'})`,
      `write quantlab ${command} ${wanted.map((w) => `<${w}>`).join(' ')}`);
  }
  const model = positional[0]!;
  if (model.trim() === '') throw new UsageError('<model>', model, 'is empty', 'name the registered model');
  let waitMs: number | undefined;
  if (flags.wait !== undefined) {
    const seconds = Number(flags.wait);
    if (flags.wait.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new UsageError('--wait', flags.wait, 'must be a number of seconds >= 0', 'write e.g. --wait 30 (0: fail at once when busy)');
    waitMs = seconds * 1000;
  }
  for (const key of ['reason', 'alias', 'by', 'gates', 'host', 'runtime']) {
    if (flags[key] !== undefined && flags[key]!.trim() === '') throw new UsageError(`--${key}`, flags[key], 'is empty', `give a value or leave --${key} out`);
  }
  const shared: Shared = {
    model, json,
    ...(flags.alias === undefined ? {} : { alias: flags.alias }), ...(flags.by === undefined ? {} : { by: flags.by }), ...(waitMs === undefined ? {} : { waitMs }),
  };
  if (command === 'status') return { kind: 'status', ...shared };
  if (command === 'serve') return serveCommand(flags, shared);
  if (command === 'rollback') {
    if (flags.reason === undefined) throw new UsageError('--reason', undefined, 'is required for rollback', 'write quantlab rollback <model> --reason "why"');
    return { kind: 'rollback', reason: flags.reason, ...shared };
  }
  const version = positional[1]!;
  if (!/^[1-9][0-9]*$/.test(version)) throw new UsageError('<version>', version, 'must be a version number (1, 2, ...)', 'see the versions with quantlab status <model>');
  return {
    kind: 'promote', version, ...shared,
    ...(flags.gates === undefined ? {} : { gates: flags.gates }), ...(flags.reason === undefined ? {} : { reason: flags.reason }),
  };
}

function serveCommand(flags: Record<string, string>, shared: Shared): Command {
  let port: number | undefined, pollMs: number | undefined;
  if (flags.port !== undefined) {
    port = Number(flags.port);
    if (!/^[0-9]+$/.test(flags.port) || port > 65535) throw new UsageError('--port', flags.port, 'must be a port number in 0..65535', 'write e.g. --port 5080 (0: any free port)');
  }
  if (flags.poll !== undefined) {
    const seconds = Number(flags.poll);
    if (flags.poll.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new UsageError('--poll', flags.poll, 'must be a number of seconds >= 0', 'write e.g. --poll 30 (0: check only after /rollback)');
    pollMs = seconds * 1000;
  }
  if (flags.runtime !== undefined && !(RUNTIME_CHOICES as readonly string[]).includes(flags.runtime)) {
    throw new UsageError('--runtime', flags.runtime, `is not ${RUNTIME_CHOICES.slice(0, -1).join(', ')} or ${RUNTIME_CHOICES[RUNTIME_CHOICES.length - 1]}`, 'leave it out (auto: ONNX Runtime where it loads), or write --runtime tfjs');
  }
  return {
    kind: 'serve', ...shared,
    ...(port === undefined ? {} : { port }), ...(pollMs === undefined ? {} : { pollMs }),
    ...(flags.host === undefined ? {} : { host: flags.host }), ...(flags.runtime === undefined ? {} : { runtime: flags.runtime as RuntimeChoice }),
  };
}
