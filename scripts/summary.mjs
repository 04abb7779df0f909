#!/usr/bin/env node
// Prints what the main job produced: the reports, the MLflow UI, and the registered model with
// the version its alias points at (read back from the registry, not from memory).
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const q = require('quantlab');

const reports = path.join(root, 'reports');
const html = fs.readdirSync(reports).filter((f) => /^\d\d_.*\.html$/.test(f)).sort();
console.log(`\nReports (${html.length}):`);
for (const f of html) console.log(`  ${path.join(reports, f)}`);

const config = q.loadPipelineConfig();
const client = new q.MlflowClient();
const { modelName, alias } = config.registry;
console.log(`\nMLflow UI: ${client.trackingUri}`);
try {
  const v = await client.getModelVersionByAlias(modelName, alias);
  console.log(`Registered model: ${modelName}, alias '${alias}' -> version ${v.version} (run ${v.runId})`);
  console.log(`  ${client.trackingUri}/#/models/${modelName}/versions/${v.version}`);
  console.log(`  load it with: loadModelDir(new MlflowClient(), 'models:/${modelName}@${alias}', dir)`);
} catch (error) {
  if (error instanceof q.MlflowApiError && error.isNotFound) {
    console.log(`Registered model: ${modelName} has no '${alias}' alias: no version has passed the gates in configs/pipeline.json yet (see reports/06_registry.html).`);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
