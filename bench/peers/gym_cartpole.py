"""Peer of bench/rl-env.ts: Gymnasium's CartPole-v1 stepped in Python in the same run.

Usage: gym_cartpole.py ACTIONS_JSON WARMUP REPEATS -> prints one JSON document:
  {"single": {"ms": [...], "steps": n, "episodes": k}, "vector": {"ms": [...], "steps": n, "episodes": k},
   "versions": "..."}

single: gym.make('CartPole-v1') (the registered TimeLimit(500) plus gym.make's order-enforcing
  and passive-checker wrappers, what a user gets), stepped through the given actions, reset
  whenever an episode ends.
vector: gymnasium.vector.SyncVectorEnv of 8 gym.make('CartPole-v1') in AutoresetMode.SAME_STEP
  (the auto-reset rule of the TypeScript SyncVectorEnv), one batch of 8 actions per step.
One timing = the whole action sequence, reset included.
"""
import json
import sys
import time

import gymnasium as gym
import numpy as np
from gymnasium.vector import AutoresetMode, SyncVectorEnv


def run_single(actions):
    env = gym.make("CartPole-v1")
    env.reset(seed=0)
    episodes = 0
    for a in actions:
        _, _, term, trunc, _ = env.step(a)
        if term or trunc:
            episodes += 1
            env.reset()
    return episodes


def run_vector(batches):
    envs = SyncVectorEnv([lambda: gym.make("CartPole-v1") for _ in range(len(batches[0]))], autoreset_mode=AutoresetMode.SAME_STEP)
    envs.reset(seed=0)
    episodes = 0
    for batch in batches:
        _, _, term, trunc, _ = envs.step(batch)
        episodes += int(np.sum(term | trunc))
    envs.close()
    return episodes


def timed(fn, arg, warmup, repeats):
    ms, out = [], 0
    for i in range(warmup + repeats):
        t0 = time.perf_counter()
        out = fn(arg)
        if i >= warmup:
            ms.append((time.perf_counter() - t0) * 1e3)
    return ms, out


def main():
    with open(sys.argv[1]) as f:
        data = json.load(f)
    warmup, repeats = int(sys.argv[2]), int(sys.argv[3])
    single = [int(a) for a in data["single"]]
    batches = [np.asarray(b, dtype=np.int64) for b in data["vector"]]
    s_ms, s_eps = timed(run_single, single, warmup, repeats)
    v_ms, v_eps = timed(run_vector, batches, warmup, repeats)
    print(json.dumps({
        "single": {"ms": s_ms, "steps": len(single), "episodes": s_eps},
        "vector": {"ms": v_ms, "steps": len(batches) * len(batches[0]), "episodes": v_eps},
        "versions": f"gymnasium {gym.__version__}, numpy {np.__version__}",
    }))


if __name__ == "__main__":
    main()
