// Figures as run artifacts, the way MLflow's log_figure keeps plotly figures: each figure's JSON
// (figures/NAME.json, reloadable into any plotly) and one self-contained page with all of them
// (figures/index.html: one embedded copy of plotly.js, so it opens from the MLflow UI offline).
import type { Figure } from '../plot/figure';
import { standalonePage } from '../plot/html';
import { InvalidArgumentError } from '../util/errors';
import type { MlflowClient } from './client';

export const FIGURES_ARTIFACT_PATH = 'figures';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Logs `figures` (name -> figure) under figures/; returns the artifact paths written. */
export async function logFigures(client: MlflowClient, runId: string, figures: Record<string, Figure>, title = 'figures'): Promise<string[]> {
  const entries = Object.entries(figures ?? {});
  if (entries.length === 0) {
    throw new InvalidArgumentError('figures', figures, 'is empty', 'pass { name: figure, ... } with at least one figure');
  }
  for (const [name] of entries) {
    if (!NAME.test(name)) {
      throw new InvalidArgumentError(`figures.${name}`, name, 'is not a usable file name', 'use letters, digits, _, - and . (e.g. confusion_matrix)');
    }
  }
  const page = standalonePage(entries.map(([, figure]) => figure), { title });
  const written: string[] = [];
  for (const [name, figure] of entries) {
    const file = `${FIGURES_ARTIFACT_PATH}/${name}.json`;
    await client.logArtifactBytes(runId, file, JSON.stringify(figure) + '\n');
    written.push(file);
  }
  await client.logArtifactBytes(runId, `${FIGURES_ARTIFACT_PATH}/index.html`, page);
  written.push(`${FIGURES_ARTIFACT_PATH}/index.html`);
  return written;
}
