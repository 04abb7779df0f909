// plotly.js itself, read from the installed `plotly.js-dist-min` package so pages and notebook
// outputs render with no network (a CDN link fails offline and in archived HTML).
import * as fs from 'node:fs';
import { QuantlabError } from '../util/errors';

let cached: { version: string; source: string } | undefined;

export function plotlyBundle(): { version: string; source: string } {
  if (cached) return cached;
  let file: string;
  let version: string;
  try {
    file = require.resolve('plotly.js-dist-min');
    version = (require('plotly.js-dist-min/package.json') as { version: string }).version;
  } catch {
    throw new QuantlabError('plotly.js-dist-min is not installed. Fix: run `npm install` in the workbench (lib/package.json lists it)');
  }
  // The minified bundle holds no "</script" or "<!--" today; escaping them anyway means a future
  // release cannot end the inline script element early. "<\/" means the same inside JS strings.
  const source = fs.readFileSync(file, 'utf8').replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  cached = { version, source };
  return cached;
}

/** A <script> defining window.Plotly, skipped by the browser when a page already has it. */
export function plotlyBundleScript(): string {
  const { version, source } = plotlyBundle();
  return (
    `<script type="text/javascript">/* plotly.js ${version} (plotly.js-dist-min), embedded for offline rendering */\n` +
    `if (typeof window.Plotly === 'undefined') {\n${source}\n}\n</script>`
  );
}
