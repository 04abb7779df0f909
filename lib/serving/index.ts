// Public API of the serving domain: a registered model over HTTP with hot swap on alias moves.
export { createModelServer, type ModelServer, type ServingStatus, type PredictResponse } from './server';
export { startServing, type StartServingOptions } from './start';
export {
  DEFAULT_SERVING_HOST, DEFAULT_SERVING_PORT, DEFAULT_POLL_MS, DEFAULT_MAX_BODY_BYTES, MIN_POLL_MS, type ModelServerOptions,
} from './options';
