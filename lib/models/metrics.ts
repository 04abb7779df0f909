// The classification metrics live in the evaluation domain (one implementation for every model and
// baseline); this module keeps the models domain's original exports pointing at them.
export { classificationMetrics, DEFAULT_THRESHOLD, type ClassificationMetrics, type ConfusionCounts } from '../evaluation/metrics';
export { rocAuc } from '../evaluation/ranking';
