// The fused layers on the pure-JS backend: they must refuse with a fix, not fail deep inside
// tfjs. Vitest gives each test file its own module registry, so the choice below is local.
import { expect, it } from 'vitest';

it('names the active backend and the fix when the native backend is not in use', async () => {
  process.env.QUANTLAB_TF_BACKEND = 'cpu';
  try {
    const { FusedGru, NativeBackendRequiredError } = await import('../../lib/models/fused');
    const { createRng } = await import('../../lib/util/random');
    const build = () => new FusedGru({ features: 3, units: 4, rng: createRng(1) });
    expect(build).toThrow(NativeBackendRequiredError);
    expect(build).toThrow('the fused recurrent layers run TensorFlow kernels by name and need the native backend, but the active tfjs backend is "cpu" (QUANTLAB_TF_BACKEND=cpu). Fix: run `npm run setup`');
  } finally {
    delete process.env.QUANTLAB_TF_BACKEND;
  }
});
