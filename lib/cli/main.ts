#!/usr/bin/env node
// `quantlab promote|rollback|status|serve`: the registry lifecycle and the model server from a
// shell. main(argv, io) does the work and returns the exit code, so tests drive it in-process; run as a script it uses the
// process's streams and environment.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GATES_CONFIG_FILE, loadPromotionGates, type PromotionGates } from '../lifecycle/gates-config';
import { PromotionRefusedError, RegistryBusyError } from '../lifecycle/errors';
import { promote, rollback } from '../lifecycle/promotion';
import { registryStatus } from '../lifecycle/registry-status';
import { createModelServer, type ModelServer } from '../serving/server';
import { MlflowClient } from '../tracking/client';
import { loadMlflowConfig, trackingUriOf } from '../tracking/config';
import { ConfigError, FileNotFoundError, InvalidArgumentError } from '../util/errors';
import { projectRoot } from '../util/project';
import { parseArgs, USAGE, UsageError, type Command } from './args';
import { gateTable, promotedText, rolledBackText, statusText } from './format';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;
export const EXIT_FAILURE = 3;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative --gates paths resolve here, and configs/gates.json is looked for above it. */
  readonly cwd: string;
  /** Builds the client (default: an MlflowClient on the tracking URI). */
  readonly client?: (trackingUri: string) => MlflowClient;
  /** serve: resolves when the server should stop (default: at SIGINT or SIGTERM). */
  readonly untilStopped?: (server: ModelServer) => Promise<void>;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

type ServeCommand = Extract<Command, { kind: 'serve' }>;

/** Serves until stopped; /rollback runs the lifecycle's rollback with the request's reason. */
async function serve(command: ServeCommand, client: MlflowClient, io: CliIo): Promise<number> {
  const alias = command.alias === undefined ? {} : { alias: command.alias };
  const server = await createModelServer({
    client, model: command.model, ...alias,
    ...(command.host === undefined ? {} : { host: command.host }), ...(command.port === undefined ? {} : { port: command.port }),
    ...(command.pollMs === undefined ? {} : { pollMs: command.pollMs }), ...(command.runtime === undefined ? {} : { runtime: command.runtime }),
    log: (line) => io.stdout(command.json ? `${JSON.stringify({ log: line })}\n` : `[serving] ${line}\n`),
    onRollback: (request) => {
      const reason = (request as { reason?: unknown } | undefined)?.reason;
      if (typeof reason !== 'string' || reason.trim() === '') {
        throw new InvalidArgumentError('reason', reason, 'is required: it is recorded in the promotion history', 'POST /rollback with {"reason": "why"}');
      }
      return rollback(client, { model: command.model, ...alias, reason, ...(command.by === undefined ? {} : { by: command.by }) });
    },
  });
  try {
    const s = server.status();
    io.stdout(command.json ? `${JSON.stringify({ ok: true, ...s })}\n`
      : `serving ${s.model}@${s.alias} at ${s.url}: ${s.version === null ? `no version yet (${s.lastError?.message ?? 'none registered'})` : `version ${s.version}, ${s.kind} on ${s.runtime}`}\nstop with Ctrl-C\n`);
    await (io.untilStopped ?? untilSignal)(server);
  } finally {
    await server.close();
  }
  io.stdout(command.json ? `${JSON.stringify({ ok: true, stopped: true })}\n` : 'stopped\n');
  return EXIT_OK;
}

export const processIo = (): CliIo => ({
  stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env, cwd: process.cwd(),
});

function trackingUri(io: CliIo): string {
  return io.env.MLFLOW_TRACKING_URI || trackingUriOf(loadMlflowConfig());
}

/** The gates for promote: --gates, else configs/gates.json of the checkout, else built-in defaults. */
function gatesFor(file: string | undefined, io: CliIo): { gates?: PromotionGates; source: string } {
  if (file !== undefined) {
    const full = path.resolve(io.cwd, file);
    return { gates: loadPromotionGates(full), source: full };
  }
  let root: string | undefined;
  try {
    root = projectRoot(io.cwd);
  } catch (error) {
    if (!(error instanceof FileNotFoundError)) throw error;
  }
  const found = root === undefined ? undefined : path.join(root, GATES_CONFIG_FILE);
  return found !== undefined && fs.existsSync(found) ? { gates: loadPromotionGates(found), source: found } : { source: 'built-in defaults' };
}

async function run(command: Exclude<Command, { kind: 'help' }>, io: CliIo): Promise<number> {
  const uri = trackingUri(io);
  const client = io.client ? io.client(uri) : new MlflowClient({ trackingUri: uri });
  const out = (human: string, machine: unknown): void => io.stdout(command.json ? `${JSON.stringify(machine, null, 2)}\n` : human);
  const shared = {
    model: command.model, ...(command.alias === undefined ? {} : { alias: command.alias }),
  };
  const acting = {
    ...shared, ...(command.by === undefined ? {} : { by: command.by }), ...(command.waitMs === undefined ? {} : { lease: { waitMs: command.waitMs } }),
  };
  if (command.kind === 'serve') return serve(command, client, io);
  if (command.kind === 'status') {
    const status = await registryStatus(client, command.model, command.alias === undefined ? {} : { alias: command.alias });
    out(statusText(status, Date.now()), { ok: true, ...status });
  } else if (command.kind === 'rollback') {
    const result = await rollback(client, { ...acting, reason: command.reason });
    out(rolledBackText(result), { ok: true, ...result });
  } else {
    const { gates, source } = gatesFor(command.gates, io);
    if (!command.json) io.stdout(`gates: ${source}\n`);
    const result = await promote(client, {
      ...acting, version: command.version, ...(gates ? { gates } : {}), ...(command.reason === undefined ? {} : { reason: command.reason }),
    });
    out(promotedText(result), { ok: true, gatesSource: source, ...result });
  }
  return EXIT_OK;
}

function exitCodeOf(error: unknown): number {
  if (error instanceof PromotionRefusedError || error instanceof RegistryBusyError) return EXIT_REFUSED;
  if (error instanceof UsageError || error instanceof InvalidArgumentError || error instanceof ConfigError || error instanceof FileNotFoundError) return EXIT_USAGE;
  return EXIT_FAILURE;
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    io.stderr(`quantlab: ${(error as Error).message}\nRun quantlab --help for usage.\n`);
    return EXIT_USAGE;
  }
  if (command.kind === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  try {
    return await run(command, io);
  } catch (error) {
    const code = exitCodeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    const report = error instanceof PromotionRefusedError ? error.report : undefined;
    if (command.json) {
      const kind = error instanceof PromotionRefusedError || error instanceof RegistryBusyError ? error.code : error instanceof Error ? error.name : 'error';
      io.stdout(`${JSON.stringify({ ok: false, code: kind, message, ...(report ? { report } : {}) }, null, 2)}\n`);
    } else if (report) {
      io.stdout(`${gateTable(report)}\n`);
    }
    io.stderr(`quantlab ${command.kind}: ${message}\n`);
    return code;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
