// MLflow entities in camelCase, and the mappers from the REST API's snake_case JSON.

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface Experiment {
  readonly experimentId: string;
  readonly name: string;
  readonly artifactLocation: string;
  readonly lifecycleStage: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface RunInfo {
  readonly runId: string;
  readonly experimentId: string;
  readonly runName: string;
  readonly status: RunStatus;
  readonly startTime: number;
  readonly endTime?: number;
  readonly artifactUri: string;
  readonly lifecycleStage: string;
}

export interface Run {
  readonly info: RunInfo;
  readonly data: {
    /** Latest value of each metric. */
    readonly metrics: Readonly<Record<string, number>>;
    readonly params: Readonly<Record<string, string>>;
    readonly tags: Readonly<Record<string, string>>;
  };
}

export interface ModelVersion {
  readonly name: string;
  readonly version: string;
  readonly source: string;
  readonly runId: string;
  readonly status: string;
  readonly aliases: readonly string[];
  readonly tags: Readonly<Record<string, string>>;
  readonly creationTimestamp: number;
  /** '' when none was set. */
  readonly description: string;
}

export interface RegisteredModel {
  readonly name: string;
  readonly aliases: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly creationTimestamp: number;
  /** '' when none was set. */
  readonly description: string;
}

export interface ArtifactFile {
  /** Path relative to the artifact root that was listed. */
  readonly path: string;
  readonly isDir: boolean;
  readonly fileSize?: number;
}

export interface MetricEntry {
  readonly key: string;
  readonly value: number;
  readonly step?: number;
  readonly timestamp?: number;
}

/** One stored value of a metric, as its history returns it. */
export interface MetricPoint {
  readonly key: string;
  readonly value: number;
  readonly step: number;
  readonly timestamp: number;
}

type Wire = Record<string, any>;
const kv = (list: Wire[] | undefined): Record<string, string> => Object.fromEntries((list ?? []).map((t) => [t.key, String(t.value ?? '')]));

export function toExperiment(e: Wire): Experiment {
  return { experimentId: e.experiment_id, name: e.name, artifactLocation: e.artifact_location ?? '', lifecycleStage: e.lifecycle_stage ?? '', tags: kv(e.tags) };
}

export function toRunInfo(i: Wire): RunInfo {
  return {
    runId: i.run_id, experimentId: i.experiment_id, runName: i.run_name ?? '', status: i.status,
    startTime: Number(i.start_time ?? 0), ...(i.end_time === undefined ? {} : { endTime: Number(i.end_time) }),
    artifactUri: i.artifact_uri ?? '', lifecycleStage: i.lifecycle_stage ?? '',
  };
}

export function toRun(r: Wire): Run {
  const d = r.data ?? {};
  return {
    info: toRunInfo(r.info),
    data: { metrics: Object.fromEntries((d.metrics ?? []).map((m: Wire) => [m.key, Number(m.value)])), params: kv(d.params), tags: kv(d.tags) },
  };
}

export function toModelVersion(v: Wire): ModelVersion {
  return {
    name: v.name, version: String(v.version), source: v.source ?? '', runId: v.run_id ?? '', status: v.status ?? '',
    aliases: v.aliases ?? [], tags: kv(v.tags), creationTimestamp: Number(v.creation_timestamp ?? 0), description: v.description ?? '',
  };
}

export function toRegisteredModel(m: Wire): RegisteredModel {
  return {
    name: m.name, tags: kv(m.tags), creationTimestamp: Number(m.creation_timestamp ?? 0), description: m.description ?? '',
    aliases: Object.fromEntries((m.aliases ?? []).map((a: Wire) => [a.alias, String(a.version)])),
  };
}

// Metric values travel as JSON numbers, or as "NaN" / "Infinity" / "-Infinity" strings.
export function toMetricPoint(m: Wire): MetricPoint {
  return { key: m.key, value: Number(m.value), step: Number(m.step ?? 0), timestamp: Number(m.timestamp ?? 0) };
}
