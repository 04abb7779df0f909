// The real sample shipped with the arch package, read from the venv so tests do not depend on
// the project's data/ copy (made by `npm run setup`).
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/python';

export const SP500_GZ = path.join(PROJECT_ROOT, '.venv/lib/python3.11/site-packages/arch/data/sp500/sp500.csv.gz');

/** The skfolio wheel's 20-stock daily universe (adjusted closes, one column per symbol). */
export const STOCKS20_GZ = path.join(PROJECT_ROOT, '.venv/lib/python3.11/site-packages/skfolio/datasets/data/sp500_dataset.csv.gz');
