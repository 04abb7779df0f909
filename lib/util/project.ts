// Locates the workbench checkout (configs/, data/, reports/) from a notebook, a script or a test,
// whatever the working directory: QUANTLAB_HOME wins, else the nearest ancestor holding
// configs/mlflow.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, FileNotFoundError } from './errors';

const MARKER = path.join('configs', 'mlflow.json');

export function projectRoot(start: string = process.cwd()): string {
  const fromEnv = process.env.QUANTLAB_HOME;
  if (fromEnv) {
    if (!fs.existsSync(path.join(fromEnv, MARKER))) {
      throw new FileNotFoundError(path.join(fromEnv, MARKER), 'QUANTLAB_HOME must point at the workbench checkout (the folder holding configs/)');
    }
    return path.resolve(fromEnv);
  }
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, MARKER))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new FileNotFoundError(
        MARKER,
        `run from inside the workbench checkout or set QUANTLAB_HOME (searched upwards from ${start})`,
      );
    }
    dir = parent;
  }
}

/** Resolves a path relative to the project root (absolute paths pass through). */
export function projectPath(...parts: string[]): string {
  const joined = path.join(...parts);
  return path.isAbsolute(joined) ? joined : path.join(projectRoot(), joined);
}

/** Reads configs/<name>.json. */
export function readConfig<T>(name: string): T {
  const file = projectPath('configs', `${name}.json`);
  if (!fs.existsSync(file)) throw new FileNotFoundError(file, `create configs/${name}.json (see README)`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new ConfigError(file, '(file)', `is not valid JSON (${(error as Error).message})`, 'fix the JSON syntax');
  }
}

/**
 * Writes a file atomically: to a temporary name beside it, then renamed, so a crash never leaves
 * a half-written file that looks complete.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/** Reads a JSON file written by an earlier step, with errors that say which step to run. */
export function readJsonFile<T>(file: string, producedBy = 'the step that writes it'): T {
  if (!fs.existsSync(file)) throw new FileNotFoundError(file, `run ${producedBy} first`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new ConfigError(file, '(file)', `is not valid JSON (${(error as Error).message})`, `run ${producedBy} again`);
  }
}
