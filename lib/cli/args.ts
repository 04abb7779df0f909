// The quantlab command line: its usage text and the parser from argv to one typed command.
import { QuantlabError } from '../util/errors';

export const USAGE = `quantlab: gated promotion and rollback of MLflow registered models

Usage:
  quantlab promote <model> <version> [--gates <file>] [--reason <text>] [options]
  quantlab rollback <model> --reason <text> [options]
  quantlab status <model> [options]
  quantlab <command> --help

Commands:
  promote   move the 'champion' alias to <version> when every gate passes; the previous
            champion becomes the fallback
  rollback  move 'champion' back to the fallback recorded in the promotion history, and mark
            the demoted version quantlab.rolled_back=<reason>
  status    champion, fallback, challenger, lease and promotion history

Options:
  --gates <file>     gates JSON (default: configs/gates.json when present, else built-in defaults:
                     f1 > 0.65, accuracy > 0.70, at most 10% worse than the champion, predictions
                     not degenerate, f1 > baseline_f1)
  --reason <text>    why; recorded in the history (required for rollback)
  --alias <name>     the alias to manage (default: champion)
  --by <name>        who acts, for the history (default: user@host)
  --wait <seconds>   how long to wait while another promotion holds the model (default: 30)
  --json             machine-readable JSON on stdout
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
  | ({ readonly kind: 'status' } & Shared);

const COMMANDS = ['promote', 'rollback', 'status'] as const;
const VALUE_FLAGS: Record<(typeof COMMANDS)[number], readonly string[]> = {
  promote: ['gates', 'reason', 'alias', 'by', 'wait'],
  rollback: ['reason', 'alias', 'by', 'wait'],
  status: ['alias'],
};
const POSITIONALS: Record<(typeof COMMANDS)[number], readonly string[]> = { promote: ['model', 'version'], rollback: ['model'], status: ['model'] };

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
  for (const key of ['reason', 'alias', 'by', 'gates']) {
    if (flags[key] !== undefined && flags[key]!.trim() === '') throw new UsageError(`--${key}`, flags[key], 'is empty', `give a value or leave --${key} out`);
  }
  const shared: Shared = {
    model, json,
    ...(flags.alias === undefined ? {} : { alias: flags.alias }), ...(flags.by === undefined ? {} : { by: flags.by }), ...(waitMs === undefined ? {} : { waitMs }),
  };
  if (command === 'status') return { kind: 'status', ...shared };
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
