import { describe, expect, it } from 'vitest';
import * as evaluation from '../../lib/evaluation';
import { classificationMetrics, DEFAULT_THRESHOLD, rocAuc } from '../../lib/models';
import { InvalidArgumentError } from '../../lib/util/errors';

// The metrics are implemented and checked against scikit-learn in the evaluation domain
// (test/evaluation/metrics.test.ts); the models domain only re-exports them for its callers.
describe('models metrics re-exports', () => {
  it('are the evaluation domain functions, not a second implementation', () => {
    expect(classificationMetrics).toBe(evaluation.classificationMetrics);
    expect(rocAuc).toBe(evaluation.rocAuc);
    expect(DEFAULT_THRESHOLD).toBe(evaluation.DEFAULT_THRESHOLD);
  });

  it('keeps the classificationMetrics shape its callers (notebook 04, registry) read', () => {
    const m = classificationMetrics([1, 0, 1, 0], Float32Array.of(0.9, 0.2, 0.4, 0.6));
    expect(Object.keys(m).sort()).toEqual(['accuracy', 'confusion', 'f1', 'logLoss', 'positiveRate', 'precision', 'recall', 'rocAuc']);
    expect(m.confusion).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect(m.rocAuc).toBe(0.75);
    expect(classificationMetrics([1, 1], [0.2, 0.9]).rocAuc).toBeNaN();
  });

  it('rejects bad input with the argument named', () => {
    expect(() => classificationMetrics([1, 2], [0.2, 0.9])).toThrow(/yTrue\[1\] = 2/);
    expect(() => classificationMetrics([1, 0], [0.2, 1.5])).toThrow(/yProb\[1\]/);
    expect(() => classificationMetrics([1, 0], [0.2])).toThrow(InvalidArgumentError);
    expect(() => classificationMetrics([1, 0], [0.2, 0.1], 2)).toThrow(/threshold = 2/);
  });
});
