// Our side of each reference configuration in arch-family-reference.ts.
import {
  archModel, arx, constantVariance, egarch, garch, normal, skewT, studentT, zeroMean, type ArchModelOptions,
} from '../../lib/stats';
import type { ArchConfigName } from './arch-family-reference';

export const OUR_OPTIONS: Record<ArchConfigName, () => ArchModelOptions> = {
  'GARCH(1,1)-normal': () => ({ volatility: garch({ p: 1, q: 1 }), distribution: normal() }),
  'GARCH(1,1)-t': () => ({ volatility: garch({ p: 1, q: 1 }), distribution: studentT() }),
  'GJR(1,1,1)-t': () => ({ volatility: garch({ p: 1, o: 1, q: 1 }), distribution: studentT() }),
  'EGARCH(1,1,1)-normal': () => ({ volatility: egarch({ p: 1, o: 1, q: 1 }) }),
  'GARCH(1,1)-skewt': () => ({ volatility: garch({ p: 1, q: 1 }), distribution: skewT() }),
  'AR(1)-GARCH(1,1)': () => ({ mean: arx({ lags: 1 }), volatility: garch({ p: 1, q: 1 }) }),
  'ConstantVariance': () => ({ volatility: constantVariance() }),
  'ZeroMean-GARCH(2,2)': () => ({ mean: zeroMean(), volatility: garch({ p: 2, q: 2 }) }),
};

export const CONFIG_NAMES = Object.keys(OUR_OPTIONS) as ArchConfigName[];

/** arch names the AR(1) intercept 'Const' and the lag 'y[1]' for an unnamed series; so do we. */
export function fitAll(y: Float64Array) {
  return Object.fromEntries(CONFIG_NAMES.map((name) => [name, archModel(y, OUR_OPTIONS[name]()).fit()])) as Record<ArchConfigName, ReturnType<ReturnType<typeof archModel>['fit']>>;
}
