// alerts.jsonl: one record per line, appended whole even by concurrent processes, read back with
// filters; a torn last line is ignored, damage elsewhere is reported with its line number.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERTS_FILE, alertsFile, appendAlert, readAlerts, type AlertRecord } from '../../lib/lifecycle';
import { DataFormatError, InvalidArgumentError } from '../../lib/util/errors';
import { PROJECT_ROOT } from '../helpers/python';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-alerts-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const record = (over: Partial<AlertRecord> = {}): AlertRecord => ({
  time: '2024-11-04T22:30:00.000Z', job: 'retrain-daily', level: 'warning', kind: 'degraded', details: { metric: 'sharpe' }, ...over,
});

describe('appendAlert / readAlerts', () => {
  it('round-trips records in order and filters by job, kind, level and time', () => {
    const a = record();
    const b = record({ time: '2024-11-05T22:30:00.000Z', kind: 'promoted', level: 'info', details: {} });
    const c = record({ time: '2024-11-06T22:30:00.000Z', job: 'retrain-weekly', kind: 'error', level: 'error', details: { stage: 'train' } });
    for (const r of [a, b, c]) appendAlert(r, { dir });
    expect(fs.readFileSync(path.join(dir, ALERTS_FILE), 'utf8').split('\n')).toHaveLength(4); // three lines and the final newline
    expect(readAlerts({ dir })).toEqual([a, b, c]);
    expect(readAlerts({ dir, job: 'retrain-daily' })).toEqual([a, b]);
    expect(readAlerts({ dir, kind: 'error' })).toEqual([c]);
    expect(readAlerts({ dir, level: 'info' })).toEqual([b]);
    expect(readAlerts({ dir, since: new Date('2024-11-05T22:30:00Z') })).toEqual([b, c]);
  });

  it('reads a missing file as no alerts, and defaults to reports/alerts.jsonl under the project root', () => {
    expect(readAlerts({ dir: path.join(dir, 'none') })).toEqual([]);
    expect(alertsFile()).toBe(path.join(PROJECT_ROOT, 'reports', 'alerts.jsonl'));
  });

  it('ignores a torn last line but reports a damaged one elsewhere with its line number', () => {
    appendAlert(record(), { dir });
    const file = path.join(dir, ALERTS_FILE);
    fs.appendFileSync(file, '{"time":"2024-11-05T22:30:00.000Z","job":"ret');
    expect(readAlerts({ dir })).toEqual([record()]);
    fs.appendFileSync(file, '\n');
    appendAlert(record(), { dir });
    expect(() => readAlerts({ dir })).toThrow(DataFormatError);
    expect(() => readAlerts({ dir })).toThrow(/alerts\.jsonl:2: is not an alert record .*Fix: repair or delete that line/);
  });

  it('rejects malformed records, naming the field, the value and the fix', () => {
    expect(() => appendAlert(record({ kind: 'warning' as never }), { dir })).toThrow(/record\.kind = "warning": is not an alert kind\. Fix: use one of gate_failed, degraded, error, promoted/);
    expect(() => appendAlert(record({ level: 'fatal' as never }), { dir })).toThrow(/record\.level = "fatal": is not an alert level/);
    expect(() => appendAlert(record({ time: 'today' }), { dir })).toThrow(/record\.time = "today": must be an ISO 8601 time/);
    expect(() => appendAlert(record({ job: '' }), { dir })).toThrow(/record\.job = "": must be a non-empty string/);
    expect(() => appendAlert(record({ details: [] as never }), { dir })).toThrow(/record\.details = array of length 0: must be an object/);
    expect(() => appendAlert({ ...record(), extra: 1 } as never, { dir })).toThrow(/record\.extra = 1: is not a known option/);
    expect(() => readAlerts({ directory: dir } as never)).toThrow(InvalidArgumentError);
    expect(() => appendAlert(record(), { dir: '' })).toThrow(/options\.dir = "": must be a folder path/);
    expect(fs.existsSync(path.join(dir, ALERTS_FILE))).toBe(false);
  });
});

/** Compiles alerts.ts and what it imports to plain JS, so child processes can load it. */
function transpileAlerts(out: string): string {
  for (const rel of ['lifecycle/alerts', 'util/errors', 'util/options', 'util/project']) {
    const source = fs.readFileSync(path.join(PROJECT_ROOT, 'lib', `${rel}.ts`), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    fs.mkdirSync(path.join(out, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(out, `${rel}.js`), js);
  }
  return path.join(out, 'lifecycle', 'alerts.js');
}

describe('concurrent writers', () => {
  it('4 processes appending 250 records of ~4 KB each leave 1000 whole lines', async () => {
    const module = transpileAlerts(path.join(dir, 'js'));
    const script = `
      const { appendAlert } = require(${JSON.stringify(module)});
      const writer = Number(process.argv[1]);
      for (let i = 0; i < 250; i++) {
        appendAlert({ time: new Date().toISOString(), job: 'w' + writer, level: 'info', kind: 'promoted', details: { i, pad: String(writer).repeat(4000) } }, { dir: ${JSON.stringify(dir)} });
      }`;
    await Promise.all([0, 1, 2, 3].map((w) => new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', script, String(w)], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${w} exited with ${code}`))));
    })));
    const alerts = readAlerts({ dir });
    expect(alerts).toHaveLength(1000);
    for (const w of [0, 1, 2, 3]) {
      const mine = alerts.filter((a) => a.job === `w${w}`);
      expect(mine.map((a) => a.details.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
      expect(mine.every((a) => a.details.pad === String(w).repeat(4000))).toBe(true);
    }
  });
});
