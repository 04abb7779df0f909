export * from './errors';
export { createRng, type Rng } from './random';
export { getTf, backendInfo, type Tf, type BackendInfo } from './tf';
export { projectRoot, projectPath, readConfig, readJsonFile, writeFileAtomic } from './project';
export { rejectUnknownOptions } from './options';
