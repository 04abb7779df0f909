// Runs every notebook headless, as the main job does, against its own real MLflow server and
// artifacts folder, then checks what a user would look at: the reports, the registry, and one
// report opened in real Chromium with the network off.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPipelineConfig } from '../../lib/pipeline/config';
import { freePort, useMlflowServer } from '../helpers/mlflow-server';
import { withOfflinePage } from '../helpers/browser';
import { PROJECT_ROOT } from '../helpers/python';
import { runNotebooks, type RunResult } from '../helpers/notebooks';

const NOTEBOOKS = fs.readdirSync(path.join(PROJECT_ROOT, 'notebooks')).filter((f) => /^\d\d_.*\.ipynb$/.test(f)).sort();
const server = useMlflowServer('sqlite');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'quantlab-notebooks-'));
const reports = path.join(work, 'reports');
let run: RunResult;

beforeAll(async () => {
  run = await runNotebooks(['--out', reports], {
    MLFLOW_TRACKING_URI: server.client.trackingUri,
    QUANTLAB_ARTIFACTS_DIR: path.join(work, 'artifacts'),
  });
  if (run.code !== 0) console.error(run.stdout, run.stderr);
}, 1_200_000);

describe('every notebook, headless', () => {
  it('has ordered notebooks for each phase', () => {
    expect(NOTEBOOKS.map((n) => n.slice(0, 3))).toEqual(['00_', '01_', '02_', '03_', '04_', '05_', '06_', '07_', '08_', '09_', '10_', '11_', '12_']);
  });

  it('runs to the end with exit 0 and writes one HTML report and executed notebook each', () => {
    expect(run.code, run.stderr).toBe(0);
    for (const nb of NOTEBOOKS) {
      const stem = nb.replace(/\.ipynb$/, '');
      expect(fs.existsSync(path.join(reports, `${stem}.html`)), stem).toBe(true);
      expect(fs.existsSync(path.join(reports, `${stem}.ipynb`)), stem).toBe(true);
    }
  });

  it('leaves no error or stderr output in any executed notebook, and every code cell ran', () => {
    for (const nb of NOTEBOOKS) {
      const executed = JSON.parse(fs.readFileSync(path.join(reports, nb), 'utf8'));
      for (const cell of executed.cells) {
        if (cell.cell_type !== 'code') continue;
        expect(cell.execution_count, `${nb}: a code cell did not run`).toBeGreaterThan(0);
        for (const output of cell.outputs) {
          expect(output.output_type, `${nb}: ${JSON.stringify(output).slice(0, 300)}`).not.toBe('error');
          expect(output.name, `${nb}: ${JSON.stringify(output).slice(0, 300)}`).not.toBe('stderr');
        }
      }
    }
  });

  it('leaves a champion version in the registry linked to a run with params, metrics and the model artifact', async () => {
    const { registry } = loadPipelineConfig();
    const version = await server.client.getModelVersionByAlias(registry.modelName, registry.alias);
    const r = await server.client.getRun(version.runId);
    expect(Object.keys(r.data.params).length).toBeGreaterThan(10);
    expect(r.data.params['model.units']).toBe(String(loadPipelineConfig().model.units));
    expect(Object.keys(r.data.metrics)).toEqual(expect.arrayContaining(['holdout_f1', 'holdout_roc_auc', 'backtest_sharpe']));
    const files = (await server.client.listArtifacts(version.runId, 'model')).map((f) => path.basename(f.path));
    expect(files).toEqual(expect.arrayContaining(['model.json', 'weights.bin', 'pipeline.json', 'volatility.json', 'MLmodel']));
    expect(version.tags['gates.passed']).toBe('true');
  });

  it('renders the backtest report\'s plotly charts in Chromium with the network off', async () => {
    const report = path.join(reports, '05_backtest.html');
    await withOfflinePage(pathToFileURL(report).href, async (page, info) => {
      await page.waitForSelector('.js-plotly-plot .main-svg', { timeout: 20_000 });
      const charts = await page.locator('.js-plotly-plot').count();
      const traces = await page.locator('.js-plotly-plot .scatterlayer .trace path').count();
      expect(charts).toBeGreaterThanOrEqual(1);
      expect(traces).toBeGreaterThanOrEqual(2);
      expect(await page.locator('text=buy and hold').count()).toBeGreaterThan(0);
      expect(info.blockedRequests).toEqual([]);
      expect(info.errors).toEqual([]);
    });
  });

  it('stops the registry phase with a clear message, and no report, when MLflow is unreachable', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const out = path.join(work, 'reports-unreachable');
    const r = await runNotebooks(['--out', out, '--only', '06'], {
      MLFLOW_TRACKING_URI: closed,
      QUANTLAB_ARTIFACTS_DIR: path.join(work, 'artifacts'),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('MlflowUnavailableError');
    expect(r.stderr).toContain(closed);
    expect(r.stderr).toContain('npm run mlflow:start');
    expect(fs.existsSync(path.join(out, '06_registry.html'))).toBe(false);
  }, 120_000);
});
