// Promotion gates: thresholds a model's metrics must meet before it may take an alias.
import { InvalidArgumentError } from '../util/errors';
import { rejectUnknownOptions } from '../util/options';

export interface Gate {
  readonly metric: string;
  readonly min?: number;
  readonly max?: number;
}

export interface GateResult {
  readonly metric: string;
  /** The metric's value; undefined when the metrics lacked it. */
  readonly value: number | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly passed: boolean;
  readonly reason: string;
}

export interface GateReport {
  readonly passed: boolean;
  readonly results: readonly GateResult[];
}

function checkGate(gate: Gate, i: number): void {
  const arg = `gates[${i}]`;
  if (typeof gate !== 'object' || gate === null || typeof gate.metric !== 'string' || gate.metric.length === 0) {
    throw new InvalidArgumentError(arg, gate, 'needs a metric name', "write { metric: 'sharpe', min: 1 }");
  }
  rejectUnknownOptions(arg, gate, ['metric', 'min', 'max']);
  if (gate.min === undefined && gate.max === undefined) throw new InvalidArgumentError(arg, gate, 'sets neither min nor max', 'give a bound');
  for (const bound of ['min', 'max'] as const) {
    const v = gate[bound];
    if (v !== undefined && (typeof v !== 'number' || Number.isNaN(v))) throw new InvalidArgumentError(`${arg}.${bound}`, v, 'must be a number', 'give a numeric bound');
  }
  if (gate.min !== undefined && gate.max !== undefined && gate.min > gate.max) {
    throw new InvalidArgumentError(arg, gate, 'has min > max, which nothing can pass', 'swap or fix the bounds');
  }
}

/** Every gate is checked (no short-circuit) so the report shows each failure; bounds are inclusive. */
export function evaluateGates(metrics: Readonly<Record<string, number>>, gates: readonly Gate[]): GateReport {
  if (!Array.isArray(gates)) throw new InvalidArgumentError('gates', gates, 'must be an array', "pass [] or [{ metric: 'sharpe', min: 1 }]");
  gates.forEach(checkGate);
  const results = gates.map((gate): GateResult => {
    const value = Object.prototype.hasOwnProperty.call(metrics, gate.metric) ? metrics[gate.metric] : undefined;
    const base = { metric: gate.metric, value, min: gate.min, max: gate.max };
    if (value === undefined) return { ...base, passed: false, reason: `metric ${gate.metric} is missing` };
    if (typeof value !== 'number' || Number.isNaN(value)) return { ...base, passed: false, reason: `${gate.metric} = ${value} is not a number` };
    if (gate.min !== undefined && value < gate.min) return { ...base, passed: false, reason: `${gate.metric} = ${value} < min ${gate.min}` };
    if (gate.max !== undefined && value > gate.max) return { ...base, passed: false, reason: `${gate.metric} = ${value} > max ${gate.max}` };
    const bounds = [gate.min !== undefined ? `>= min ${gate.min}` : '', gate.max !== undefined ? `<= max ${gate.max}` : ''].filter(Boolean).join(' and ');
    return { ...base, passed: true, reason: `${gate.metric} = ${value} ${bounds}` };
  });
  return { passed: results.every((r) => r.passed), results };
}
