// Agents: PPO (Discrete and Box actions) and DQN (Discrete), stable-baselines3's algorithms and
// defaults on TensorFlow kernels, with their pure numerical parts exported for testing and reuse.
export { Ppo, type PpoRolloutStats, type PpoLearnOptions, type PpoJSON } from './ppo';
export {
  resolvePpoOptions, type PpoOptions, type PpoConfig, DEFAULT_PPO_N_STEPS, DEFAULT_PPO_BATCH_SIZE, DEFAULT_PPO_N_EPOCHS, DEFAULT_PPO_GAMMA,
  DEFAULT_PPO_GAE_LAMBDA, DEFAULT_PPO_CLIP_RANGE, DEFAULT_PPO_ENT_COEF, DEFAULT_PPO_VF_COEF, DEFAULT_PPO_MAX_GRAD_NORM, DEFAULT_PPO_LEARNING_RATE,
  DEFAULT_PPO_HIDDEN_SIZES, DEFAULT_PPO_LOG_STD_INIT, DEFAULT_PPO_ADAM_EPSILON, PPO_CARTPOLE_ZOO,
} from './ppo-options';
export { Dqn, DEFAULT_DQN_LOG_INTERVAL, type DqnLogStats, type DqnLearnOptions, type DqnJSON } from './dqn';
export {
  resolveDqnOptions, type DqnOptions, type DqnConfig, DEFAULT_DQN_LEARNING_RATE, DEFAULT_DQN_BUFFER_SIZE, DEFAULT_DQN_LEARNING_STARTS,
  DEFAULT_DQN_BATCH_SIZE, DEFAULT_DQN_TAU, DEFAULT_DQN_GAMMA, DEFAULT_DQN_TRAIN_FREQ, DEFAULT_DQN_GRADIENT_STEPS, DEFAULT_DQN_TARGET_UPDATE_INTERVAL,
  DEFAULT_DQN_EXPLORATION_FRACTION, DEFAULT_DQN_EXPLORATION_INITIAL_EPS, DEFAULT_DQN_EXPLORATION_FINAL_EPS, DEFAULT_DQN_MAX_GRAD_NORM,
  DEFAULT_DQN_HIDDEN_SIZES, DEFAULT_DQN_ADAM_EPSILON,
} from './dqn-options';
export { evaluatePolicy, DEFAULT_EVALUATE_EPISODES, DEFAULT_EVALUATE_SEED, type BatchPolicy, type EvaluatePolicyOptions, type PolicyEvaluation } from './evaluate';
export { computeGae, explainedVariance, type GaeInput, type GaeResult } from './gae';
export { ppoLoss, normalizedAdvantages, type PpoLossInput, type PpoLossResult } from './ppo-loss';
export { dqnTargets, huberLoss, explorationRate, type HuberResult } from './dqn-loss';
export {
  categoricalLogProb, categoricalEntropy, sampleCategorical, gaussianLogProb, gaussianEntropy, logSoftmaxRow, argmaxRow,
} from './distributions';
export { StackedMlp, mlpParameterCount, type MlpLayout, type Activation } from './mlp';
export { FlatAdam, clipGradNorm } from './adam';
export { ReplayBuffer, type ReplaySample } from './replay-buffer';
export { scheduleValue, type Schedule, type AgentEnv, type AgentSpaces } from './common';
