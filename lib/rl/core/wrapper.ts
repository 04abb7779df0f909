// A wrapper changes one aspect of an environment (its observations, rewards, episode length,
// info) and passes everything else through, as Gymnasium's Wrapper does. Each wrapper keeps its
// own episode guard, so a wrapper that ends an episode (TimeLimit) refuses the next step itself.
import { checkResetOptions, EpisodeGuard } from './env';
import type { Env, Info, ResetOptions, Space, StepResult } from './types';

export abstract class Wrapper<Obs = Float64Array, Act = number, InnerObs = Obs, InnerAct = Act> implements Env<Obs, Act> {
  readonly observationSpace: Space<Obs>;
  readonly actionSpace: Space<Act>;
  private readonly guard = new EpisodeGuard(this.constructor.name);

  protected constructor(readonly env: Env<InnerObs, InnerAct>, observationSpace?: Space<Obs>, actionSpace?: Space<Act>) {
    this.observationSpace = observationSpace ?? (env.observationSpace as unknown as Space<Obs>);
    this.actionSpace = actionSpace ?? (env.actionSpace as unknown as Space<Act>);
  }

  get metadata(): Readonly<Record<string, unknown>> {
    return this.env.metadata;
  }

  /** The innermost environment (Gymnasium's env.unwrapped). */
  get unwrapped(): Env<unknown, unknown> {
    let env: Env<unknown, unknown> = this.env as Env<unknown, unknown>;
    while (env instanceof Wrapper) env = env.env as Env<unknown, unknown>;
    return env;
  }

  reset(options?: ResetOptions): [Obs, Info] {
    this.guard.beforeReset();
    const out = this.wrapReset(checkResetOptions(options));
    this.guard.afterReset();
    return out;
  }

  step(action: Act): StepResult<Obs> {
    this.guard.beforeStep();
    const out = this.wrapStep(action);
    this.guard.afterStep(out[2], out[3]);
    return out;
  }

  close(): void {
    this.guard.close();
    this.env.close();
  }

  protected abstract wrapReset(options: ResetOptions): [Obs, Info];
  protected abstract wrapStep(action: Act): StepResult<Obs>;
}
