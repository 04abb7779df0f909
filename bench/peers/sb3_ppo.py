"""stable-baselines3 peer of bench/ppo.ts: PPO on CartPole-v1 with the rl-baselines3-zoo
hyperparameters (8 envs, n_steps 32, batch 256, 20 epochs, gamma 0.98, gae_lambda 0.8, ent_coef 0,
linear learning rate 1e-3 and clip range 0.2), MlpPolicy (64x64 tanh), CPU, 2 torch threads,
DummyVecEnv as make_vec_env builds it. Times model.learn(TIMESTEPS) alone (construction apart),
then scores the policy deterministically over EVAL_EPISODES episodes.
Usage: sb3_ppo.py TIMESTEPS SEED EVAL_EPISODES"""
import json
import sys
import time

import gymnasium as gym
import numpy as np
import stable_baselines3
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.env_util import make_vec_env


def linear(start):
    return lambda progress_remaining: progress_remaining * start


def evaluate(model, episodes, seed):
    env = gym.make("CartPole-v1")
    returns = []
    for i in range(episodes):
        obs, _ = env.reset(seed=seed + i)
        done, total = False, 0.0
        while not done:
            action, _ = model.predict(obs, deterministic=True)
            obs, reward, terminated, truncated, _ = env.step(int(action))
            total += reward
            done = terminated or truncated
        returns.append(total)
    return float(np.mean(returns))


def main():
    timesteps, seed, episodes = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(2)
    env = make_vec_env("CartPole-v1", n_envs=8, seed=seed)
    model = PPO("MlpPolicy", env, n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98, n_epochs=20,
                ent_coef=0.0, learning_rate=linear(1e-3), clip_range=linear(0.2), seed=seed, device="cpu", verbose=0)
    start = time.perf_counter()
    model.learn(total_timesteps=timesteps)
    learn_ms = (time.perf_counter() - start) * 1000
    mean_return = evaluate(model, episodes, seed) if episodes > 0 else None
    versions = f"stable-baselines3 {stable_baselines3.__version__}, torch {torch.__version__}, {torch.get_num_threads()} threads"
    print(json.dumps({"learn_ms": learn_ms, "mean_return": mean_return, "versions": versions}))


if __name__ == "__main__":
    main()
