// Reinforcement learning: the Gymnasium-style environment API and the environments.
export * from './core';
export * from './envs';
export * from './agents';
