// The environment API: spaces, the Env base class, wrappers, vectorized environments and checkEnv.
export type { Env, VectorEnv, Space, SpaceJSON, StepResult, ResetOptions, Info } from './types';
export { Discrete, DEFAULT_SPACE_SEED } from './discrete';
export { Box } from './box';
export { MultiDiscrete } from './multi-discrete';
export { spaceFromJSON, spacesEqual, describeSpace, type AnySpace } from './space-json';
export { BaseEnv, EpisodeGuard, checkResetOptions, DEFAULT_ENV_SEED, DEFAULT_METADATA } from './env';
export { EnvStateError, EnvCheckError } from './errors';
export { Wrapper } from './wrapper';
export { TimeLimit } from './wrappers/time-limit';
export { RunningMeanStd, DEFAULT_RMS_INITIAL_COUNT, type RunningMeanStdJSON } from './wrappers/running-mean-std';
export {
  NormalizeObservation, NormalizeReward, DEFAULT_NORMALIZE_EPSILON, DEFAULT_REWARD_GAMMA,
  type NormalizeObservationOptions, type NormalizeRewardOptions,
} from './wrappers/normalize';
export { FrameStack, DEFAULT_FRAME_PADDING, type FramePadding, type FrameStackOptions } from './wrappers/frame-stack';
export { ActionMasking, sampleMasked, type MaskableEnv, type ActionMaskingOptions } from './wrappers/action-masking';
export {
  RecordEpisodeStatistics, DEFAULT_EPISODE_BUFFER, type EpisodeStatistics, type RecordEpisodeStatisticsOptions,
} from './wrappers/episode-statistics';
export { SyncVectorEnv } from './sync-vector-env';
export { checkEnv, DEFAULT_CHECK_STEPS, DEFAULT_CHECK_SEED, type CheckEnvOptions, type CheckEnvReport } from './check-env';
