// Training progress: one line per epoch on stdout in a terminal (never stderr: a notebook runner
// treats stderr output as failure), or one tslab display updated in place in a notebook.
import type { EpochLogs } from './options';

export type ProgressKind = 'terminal' | 'notebook' | 'none';

export interface Progress {
  epoch(logs: EpochLogs, epochs: number): void;
}

interface TslabDisplay { html(html: string): void }
export interface TslabModule { newDisplay(): TslabDisplay }

/** Loads tslab only when asked: it pulls in a TypeScript compiler that scripts and tests never need. */
export function loadTslab(): TslabModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('tslab') as TslabModule;
  } catch {
    return undefined;
  }
}

/** The one-line summary of an epoch, e.g. `epoch 3/10  loss 0.6931  valLoss 0.6900  lr 1.00e-3  0.8 s`. */
export function formatEpoch(logs: EpochLogs, epochs: number): string {
  const parts = [`epoch ${logs.epoch + 1}/${epochs}`, `loss ${logs.loss.toFixed(4)}`];
  if (logs.valLoss !== undefined) parts.push(`valLoss ${logs.valLoss.toFixed(4)}`);
  if (logs.valAccuracy !== undefined) parts.push(`valAccuracy ${logs.valAccuracy.toFixed(4)}`);
  if (logs.gradNorm !== undefined) parts.push(`gradNorm ${logs.gradNorm.toFixed(3)}`);
  parts.push(`lr ${logs.learningRate.toExponential(2)}`, `${logs.seconds.toFixed(1)} s`);
  return parts.join('  ');
}

const terminal: Progress = { epoch: (logs, epochs) => { process.stdout.write(formatEpoch(logs, epochs) + '\n'); } };

/**
 * A progress reporter. 'notebook' falls back to terminal lines when tslab is missing or there is
 * no kernel to display in (a script run with progress: 'notebook' still shows something).
 */
export function createProgress(kind: ProgressKind, load: () => TslabModule | undefined = loadTslab): Progress {
  if (kind === 'none') return { epoch: () => undefined };
  if (kind === 'terminal') return terminal;
  let display: TslabDisplay | undefined | null;
  const lines: string[] = [];
  return {
    epoch(logs, epochs) {
      if (display === undefined) {
        try { display = load()?.newDisplay() ?? null; } catch { display = null; }
      }
      lines.push(formatEpoch(logs, epochs));
      if (display) {
        const html = `<div><progress value="${logs.epoch + 1}" max="${epochs}"></progress> epoch ${logs.epoch + 1} of ${epochs}` +
          `<pre style="margin:0">${lines.slice(-5).join('\n')}</pre></div>`;
        try { display.html(html); return; } catch { display = null; }
      }
      terminal.epoch(logs, epochs);
    },
  };
}
