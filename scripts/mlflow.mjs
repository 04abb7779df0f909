#!/usr/bin/env node
// npm run mlflow:start | mlflow:stop | mlflow:status (and `url`, the tracking URI) — a thin CLI over the library's tracking
// module, reading configs/mlflow.json. Needs the library built (`npm run build`).
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = 'usage: node scripts/mlflow.mjs start|stop|status|url';

function loadTracking() {
  try {
    const lib = require('quantlab');
    if (typeof lib.startMlflowServer === 'function') return lib;
  } catch {
    // not linked or not built: fall back to the module's own dist below
  }
  const dist = path.join(here, '..', 'lib', 'dist', 'tracking', 'index.js');
  if (!fs.existsSync(dist)) {
    console.error(`${dist} is missing. Fix: run \`npm run build\` first.`);
    process.exit(1);
  }
  return require(dist);
}

async function main(command) {
  const t = loadTracking();
  switch (command) {
    case 'start': {
      const r = await t.startMlflowServer();
      console.log(r.startedByUs
        ? `MLflow started in ${r.seconds.toFixed(1)} s (pid ${r.pid}); log: ${r.logFile}`
        : 'MLflow is already running');
      console.log(`UI: ${r.url}`);
      return 0;
    }
    case 'stop': {
      const r = await t.stopMlflowServer();
      console.log(r.stoppedServer ? `MLflow at ${r.url} stopped` : `no MLflow server started from this checkout was running at ${r.url}`);
      if (r.stoppedPostgres) console.log('PostgreSQL cluster stopped');
      if (r.note) console.log(r.note);
      return 0;
    }
    case 'status': {
      const s = await t.mlflowServerStatus();
      console.log(`MLflow (${s.backend}) at ${s.url}: ${s.healthy ? 'healthy' : 'not answering'}${s.pid ? ` (pid ${s.pid})` : ''}`);
      if (s.postgresRunning !== undefined) console.log(`PostgreSQL: ${s.postgresRunning ? 'running' : 'stopped'}`);
      if (s.healthy) console.log(`UI: ${s.url}`);
      return s.healthy ? 0 : 3;
    }
    case 'url': {
      // The tracking URI from configs/mlflow.json, for scripts that export MLFLOW_TRACKING_URI.
      console.log(t.trackingUriOf(t.loadMlflowConfig()));
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exit(1);
  },
);
