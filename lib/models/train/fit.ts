// The training loop: seeded mini-batches, Adam with a per-epoch learning rate, optional gradient
// clipping and class weights, validation, early stopping with best-weight restore, progress and a
// per-epoch callback. Every random choice (batch order, dropout masks) comes from options.rng.
import type { Optimizer, Scalar, Tensor, Variable } from '@tensorflow/tfjs-node';
import { InvalidArgumentError } from '../../util/errors';
import { createRng, type Rng } from '../../util/random';
import { getTf } from '../../util/tf';
import type { SequenceModel } from '../sequence';
import { clipByGlobalNorm } from './clip';
import { EarlyStopping, resolveEarlyStopping } from './early-stopping';
import { checkTrainOptions, DEFAULT_PROGRESS, DEFAULT_TRAIN_LEARNING_RATE, type EpochLogs, type TrainData, type TrainHistory, type TrainOptions } from './options';
import { createProgress } from './progress';
import { createSchedule } from './schedule';

/** Trains `model` in place with Adam (a fresh optimizer per call); returns the per-epoch metrics. */
export async function fitSequenceModel(model: SequenceModel, data: TrainData, options: TrainOptions): Promise<TrainHistory> {
  const classes = model.config.task === 'classification' ? model.config.classes : undefined;
  checkTrainOptions(options, classes);
  const n = model.checkWindows('data.train.x', data?.train?.x);
  model.checkTargets('data.train.y', data.train.y, n);
  if (data.validation !== undefined) {
    model.checkTargets('data.validation.y', data.validation.y, model.checkWindows('data.validation.x', data.validation.x));
  }
  const stopping = options.earlyStopping === undefined ? undefined : new EarlyStopping(resolveEarlyStopping(options.earlyStopping));
  const watched = [stopping?.options.metric, options.schedule?.type === 'plateau' ? options.schedule.metric ?? 'valLoss' : undefined];
  const needsValidation = watched.find((m) => m === 'valLoss' || m === 'valAccuracy');
  if (needsValidation && data.validation === undefined) {
    throw new InvalidArgumentError('data.validation', undefined, `is needed: ${needsValidation} is watched by early stopping or the schedule`, "pass validation windows, or watch metric 'loss'");
  }
  const baseLr = options.learningRate ?? DEFAULT_TRAIN_LEARNING_RATE;
  const schedule = createSchedule(options.schedule, baseLr, options.epochs);
  const progress = createProgress(options.progress ?? DEFAULT_PROGRESS);
  const dropoutRng = createRng(options.rng.nextSeed());
  const tf = getTf();
  const optimizer = tf.train.adam(baseLr);
  const variables = model.variables;
  const epochs: EpochLogs[] = [];
  let best: Float32Array[] | undefined;
  let stoppedEarly = false;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const started = performance.now();
      const learningRate = schedule.rate(epoch);
      // Adam reads its step size on every update; tfjs has no public setter.
      (optimizer as unknown as { learningRate: number }).learningRate = learningRate;
      const { loss, gradNorm } = runEpoch(model, data.train, n, options, optimizer, variables, dropoutRng);
      const evaluation = data.validation === undefined ? undefined : model.evaluate(data.validation, 'data.validation');
      const logs: EpochLogs = {
        epoch, loss, learningRate, seconds: 0,
        ...(gradNorm === undefined ? {} : { gradNorm }),
        ...(evaluation === undefined ? {} : { valLoss: evaluation.loss }),
        ...(evaluation?.accuracy === undefined ? {} : { valAccuracy: evaluation.accuracy }),
      };
      const timed = { ...logs, seconds: (performance.now() - started) / 1000 };
      epochs.push(timed);
      schedule.observe(timed);
      const verdict = stopping?.observe(epoch, watchedValue(timed, stopping.options.metric));
      if (verdict?.improved && stopping!.options.restoreBest) best = model.getWeights();
      progress.epoch(timed, options.epochs);
      await options.onEpoch?.(epoch, timed);
      // Lets a notebook or server stay responsive between epochs.
      await new Promise((resolve) => setImmediate(resolve));
      if (verdict?.stop) { stoppedEarly = epoch < options.epochs - 1; break; }
    }
    if (best !== undefined) model.setWeights(best);
  } finally {
    optimizer.dispose();
  }
  return { epochs, stoppedEarly, ...(best !== undefined ? { bestEpoch: stopping!.bestEpoch! } : {}) };
}

function watchedValue(logs: EpochLogs, metric: 'loss' | 'valLoss' | 'valAccuracy'): number {
  const value = logs[metric];
  if (value === undefined) {
    throw new InvalidArgumentError('trainOptions.earlyStopping.metric', metric, 'was not reported this epoch', 'pass validation data to watch valLoss or valAccuracy');
  }
  return value;
}

function runEpoch(model: SequenceModel, train: TrainData['train'], n: number, options: TrainOptions, optimizer: Optimizer, variables: Variable[], dropoutRng: Rng): { loss: number; gradNorm?: number } {
  const tf = getTf();
  const { lookback, features } = model.config;
  const step = lookback * features;
  const width = model.config.task === 'regression' ? model.config.outputs! : 1;
  const order = options.rng.shuffled(Array.from({ length: n }, (_, i) => i));
  let lossSum = 0, normSum = 0, batches = 0;
  for (let from = 0; from < n; from += options.batchSize) {
    const size = Math.min(options.batchSize, n - from);
    const xb = new Float32Array(size * step), yb = new Float32Array(size * width);
    for (let j = 0; j < size; j++) {
      const i = order[from + j]!;
      xb.set(train.x.subarray(i * step, (i + 1) * step), j * step);
      yb.set(train.y.subarray(i * width, (i + 1) * width), j * width);
    }
    const weights = options.classWeights;
    const sampleWeights = weights === undefined ? undefined : Float32Array.from(yb, (label) => weights[label]!);
    const cost = tf.tidy(() => {
      const xt = tf.tensor3d(xb, [size, lookback, features]);
      const loss = () => model.loss(xt, yb, { dropoutRng, ...(sampleWeights ? { sampleWeights } : {}) });
      if (options.clipNorm === undefined) return optimizer.minimize(loss, true, variables)!;
      const { value, grads } = tf.variableGrads(loss, variables);
      const { clipped, norm } = clipByGlobalNorm(variables.map((v) => grads[v.name]!), options.clipNorm);
      normSum += norm;
      optimizer.applyGradients(Object.fromEntries(variables.map((v, k) => [v.name, clipped[k]!])) as Record<string, Tensor>);
      return value as Scalar;
    });
    lossSum += cost.dataSync()[0]! * size;
    batches++;
    cost.dispose();
  }
  return { loss: lossSum / n, ...(options.clipNorm === undefined ? {} : { gradNorm: normSum / batches }) };
}
