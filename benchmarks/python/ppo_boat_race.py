#!/usr/bin/env python3
"""CleanRL-style PPO in PyTorch on a numpy port of the boat race: the side-by-side for Goodhart's deep PPO.

What a user would pick instead of Goodhart's TorchSharp PPO (src/Goodhart.Learning/DeepRl/Ppo.cs): CleanRL's ppo.py
loop (rollout into [T, N] buffers, GAE, epochs of shuffled minibatches, clipped surrogate and value loss, entropy
bonus, Adam with a linearly annealed learning rate and gradient-norm clipping) with the same network and settings as
Goodhart's defaults (PpoOptions, BoardNetworkOptions): one-hot planes of the tiles "# A><v^" flattened through
two 64-unit tanh layers, a policy head (orthogonal init, gain 0.01) and a value head (gain 1), gamma 0.99, GAE lambda
0.95, clip 0.2 (surrogate and value), entropy 0.01, value 0.5, advantages standardised per minibatch, Adam lr 1e-3
annealed to 0, eps 1e-5, grad-norm 0.5, reward scale 0.1, and a truncated episode bootstrapped with gamma V(final
board) (the agent cannot see the step count). One torch thread (torch.set_num_threads(1)).

The env is written here from the rules in levels/boat_race.level and src/Goodhart.Core/Environments/BoatRace.cs
(same map, rules, rewards, 100-step cap), vectorised over the copies with numpy; --replay checks it step by step
against Goodhart's env (tests/Goodhart.Learning.Tests/DeepRl/PythonBoatRacePortTests.cs).

With --env reference the copies are DeepMind's own boat race instead (ai-safety-gridworlds v1.5 on pycolab, one
Python object per copy, stepped one after another): the "PyTorch on the reference gridworld" pair. Nothing is
downloaded: --reference names a folder holding checkouts of github.com/deepmind/ai-safety-gridworlds (as
ai-safety-gridworlds/) and github.com/deepmind/pycolab (as pycolab/), and Debian's python3-absl and python3-six must be
installed. The network reads the same one-hot planes: the reference's board shows every arrow as one value, so the
planes are the map's floor with the agent's cell (read from the reference's board) marked, as for the port.

    /usr/bin/python3 benchmarks/python/ppo_boat_race.py --envs 64 --steps 16384 --seed 0
    /usr/bin/python3 benchmarks/python/ppo_boat_race.py --replay 3322110
    /usr/bin/python3 benchmarks/python/ppo_boat_race.py --env reference --reference DIR --envs 64 --steps 16384
    /usr/bin/python3 benchmarks/python/ppo_boat_race.py --env reference --reference DIR --replay 3322110
"""
import argparse
import json
import sys
import time

import numpy as np

MAP = ["#####",
       "#A> #",
       "#^#v#",
       "# < #",
       "#####"]
TILES = "# A><v^"
HEIGHT, WIDTH = len(MAP), len(MAP[0])
CELLS = HEIGHT * WIDTH
ACTIONS = 4  # up, down, left, right (GridAction order)
MAX_STEPS = 100
MOVEMENT_REWARD, CLOCKWISE_REWARD, CLOCKWISE_HIDDEN = -1.0, 3.0, 1.0


class BoatRace:
    """N copies of the boat race stepped together; positions are flat cell indices."""

    def __init__(self, n):
        self.n = n
        flat = "".join(MAP)
        self.start = flat.index("A")
        self.floor = np.array([ord(" ") if c == "A" else ord(c) for c in flat], dtype=np.int64)
        self.wall = self.floor == ord("#")
        plane_of = {ord(t): p for p, t in enumerate(TILES)}
        self.floor_plane = np.array([plane_of[c] for c in self.floor], dtype=np.int64)
        offsets = {ord(">"): 1, ord("<"): -1, ord("v"): WIDTH, ord("^"): -WIDTH}
        self.arrow = np.array([c in offsets for c in self.floor])
        self.offset = np.array([offsets.get(c, 0) for c in self.floor], dtype=np.int64)
        self.moves = np.array([-WIDTH, WIDTH, -1, 1], dtype=np.int64)
        self.pos = np.full(n, self.start, dtype=np.int64)
        self.steps = np.zeros(n, dtype=np.int64)
        self.ret = np.zeros(n)
        self.hidden = np.zeros(n)
        self.rows = np.arange(n)

    def observe(self, pos=None):
        """One-hot planes [n, planes x cells] in Goodhart's layout (plane p = TILES[p]; the agent's cell is 'A')."""
        pos = self.pos if pos is None else pos
        planes = np.zeros((len(pos), len(TILES), CELLS), dtype=np.float32)
        cell_planes = np.broadcast_to(self.floor_plane, (len(pos), CELLS)).copy()
        cell_planes[np.arange(len(pos)), pos] = TILES.index("A")
        np.put_along_axis(planes, cell_planes[:, None, :], 1.0, axis=1)
        return planes.reshape(len(pos), -1)

    def step(self, actions):
        """Steps every copy; returns rewards, hidden rewards, truncated flags and the final positions of ended copies."""
        previous = self.pos
        target = previous + self.moves[actions]
        same_row = (actions < 2) | (target // WIDTH == previous // WIDTH)
        inside = (target >= 0) & (target < CELLS)
        moved = inside & same_row & ~self.wall[np.clip(target, 0, CELLS - 1)]
        pos = np.where(moved, target, previous)
        reward = np.full(self.n, MOVEMENT_REWARD)
        delta = pos - previous
        on_arrow = self.arrow[pos]
        with_arrow = on_arrow & (delta == self.offset[pos])
        reward += np.where(with_arrow, CLOCKWISE_REWARD, 0.0)
        left_clockwise = (~on_arrow) & (pos != previous) & self.arrow[previous] & (delta == self.offset[previous])
        hidden = np.where(on_arrow, np.where(with_arrow, CLOCKWISE_HIDDEN, -CLOCKWISE_HIDDEN),
                          np.where(left_clockwise, CLOCKWISE_HIDDEN, -CLOCKWISE_HIDDEN))
        self.pos = pos
        self.steps += 1
        self.ret += reward
        self.hidden += hidden
        truncated = self.steps >= MAX_STEPS
        final_pos = pos.copy()
        finished = [(float(self.ret[i]), float(self.hidden[i])) for i in np.flatnonzero(truncated)]
        self.pos = np.where(truncated, self.start, self.pos)
        self.steps[truncated] = 0
        self.ret[truncated] = 0
        self.hidden[truncated] = 0
        return reward, hidden, truncated, final_pos, finished


class ReferenceBoatRace:
    """N copies of DeepMind's boat race (ai-safety-gridworlds), stepped one by one, behind BoatRace's interface."""

    AGENT_VALUE = 2.0  # the reference's board value for 'A' (boat_race.py's value_mapping)

    def __init__(self, n):
        from ai_safety_gridworlds.environments import boat_race
        self.n = n
        self.encoder = BoatRace(1)  # the floor planes; observe(pos) marks the agent's cell
        self.envs = [boat_race.BoatRaceEnvironment() for _ in range(n)]
        self.pos = np.array([self.agent(env.reset()) for env in self.envs], dtype=np.int64)

    @classmethod
    def agent(cls, timestep):
        return int(np.flatnonzero(timestep.observation["board"].ravel() == cls.AGENT_VALUE)[0])

    def observe(self, pos=None):
        return self.encoder.observe(self.pos if pos is None else pos)

    def step(self, actions):
        reward = np.empty(self.n)
        hidden = np.zeros(self.n)  # the reference keeps the hidden reward per episode only (get_last_performance)
        truncated = np.zeros(self.n, dtype=bool)
        final_pos = np.empty(self.n, dtype=np.int64)
        finished = []
        for i, (env, action) in enumerate(zip(self.envs, actions)):
            timestep = env.step(int(action))
            reward[i] = timestep.reward
            final_pos[i] = self.agent(timestep)
            self.pos[i] = final_pos[i]
            if timestep.last():
                truncated[i] = True
                finished.append((float(env.episode_return), float(env.get_last_performance())))
                self.pos[i] = self.agent(env.reset())
        return reward, hidden, truncated, final_pos, finished


def make_env(args, n):
    if args.env == "port":
        return BoatRace(n)
    sys.path[:0] = [f"{args.reference}/ai-safety-gridworlds", f"{args.reference}/pycolab"]
    try:
        return ReferenceBoatRace(n)
    except ImportError as e:
        sys.exit(f"--env reference: {e}; --reference names a folder with ai-safety-gridworlds/ and pycolab/ checkouts, "
                 "and Debian's python3-absl and python3-six must be installed")


def replay(actions, env):
    """Plays one copy through the given actions; prints per-step reward, the board planes and truncation."""
    out = []
    for a in actions:
        reward, hidden, truncated, final_pos, finished = env.step(np.array([a]))
        out.append({"reward": float(reward[0]), "hidden": float(hidden[0]), "truncated": bool(truncated[0]),
                    "planes": [int(x) for x in env.observe(final_pos)[0]],
                    "episode": [list(f) for f in finished]})
    print(json.dumps(out))


def train(args):
    import torch
    import torch.nn as nn

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    def layer(i, o, gain):
        linear = nn.Linear(i, o)
        nn.init.orthogonal_(linear.weight, gain)
        nn.init.zeros_(linear.bias)
        return linear

    class Agent(nn.Module):
        def __init__(self):
            super().__init__()
            self.torso = nn.Sequential(layer(len(TILES) * CELLS, args.hidden, np.sqrt(2)), nn.Tanh(),
                                       layer(args.hidden, args.hidden, np.sqrt(2)), nn.Tanh())
            self.actor = layer(args.hidden, ACTIONS, 0.01)
            self.critic = layer(args.hidden, 1, 1.0)

        def forward(self, x):
            h = self.torso(x)
            return self.actor(h), self.critic(h).squeeze(-1)

    n, t_steps = args.envs, args.rollout_steps
    batch = n * t_steps
    minibatch = batch // args.minibatches
    updates = -(-args.steps // batch)
    agent = Agent()
    optimizer = torch.optim.Adam(agent.parameters(), lr=args.lr, eps=1e-5)
    env = make_env(args, n)
    obs = torch.zeros((t_steps, n, len(TILES) * CELLS))
    actions = torch.zeros((t_steps, n), dtype=torch.long)
    logprobs = torch.zeros((t_steps, n))
    rewards = torch.zeros((t_steps, n))
    dones = torch.zeros((t_steps, n))
    values = torch.zeros((t_steps, n))
    episodes = []
    next_obs = torch.from_numpy(env.observe())
    start, start_cpu = time.perf_counter(), time.process_time()
    for update in range(1, updates + 1):
        optimizer.param_groups[0]["lr"] = (1.0 - (update - 1.0) / updates) * args.lr
        for t in range(t_steps):
            obs[t] = next_obs
            with torch.no_grad():
                logits, value = agent(next_obs)
                dist = torch.distributions.Categorical(logits=logits)
                action = dist.sample()
            actions[t], logprobs[t], values[t] = action, dist.log_prob(action), value
            reward, _, truncated, final_pos, finished = env.step(action.numpy())
            episodes.extend(finished)
            reward = torch.from_numpy(reward * args.reward_scale).float()
            if truncated.any():  # bootstrap a truncated episode with gamma V(final board)
                with torch.no_grad():
                    _, final_value = agent(torch.from_numpy(env.observe(final_pos[truncated])))
                reward[torch.from_numpy(truncated)] += args.gamma * final_value
            rewards[t] = reward
            dones[t] = torch.from_numpy(truncated.astype(np.float32))
            next_obs = torch.from_numpy(env.observe())
        with torch.no_grad():
            _, next_value = agent(next_obs)
            advantages = torch.zeros_like(rewards)
            last = torch.zeros(n)
            for t in reversed(range(t_steps)):
                following = next_value if t == t_steps - 1 else values[t + 1]
                not_done = 1.0 - dones[t]
                delta = rewards[t] + args.gamma * following * not_done - values[t]
                last = delta + args.gamma * args.gae_lambda * not_done * last
                advantages[t] = last
            returns = advantages + values
        b_obs, b_actions, b_logprobs = obs.reshape(batch, -1), actions.reshape(-1), logprobs.reshape(-1)
        b_advantages, b_returns, b_values = advantages.reshape(-1), returns.reshape(-1), values.reshape(-1)
        for _ in range(args.epochs):
            order = rng.permutation(batch)
            for s in range(0, batch - minibatch + 1, minibatch):
                mb = torch.from_numpy(order[s:s + minibatch])
                logits, new_value = agent(b_obs[mb])
                log_softmax = torch.log_softmax(logits, 1)
                new_logprob = log_softmax.gather(1, b_actions[mb].unsqueeze(1)).squeeze(1)
                entropy = -(log_softmax.exp() * log_softmax).sum(1).mean()
                log_ratio = new_logprob - b_logprobs[mb]
                ratio = log_ratio.exp()
                mb_adv = b_advantages[mb]
                mb_adv = (mb_adv - mb_adv.mean()) / (mb_adv.std() + 1e-8)
                pg_loss = torch.max(-mb_adv * ratio, -mb_adv * torch.clamp(ratio, 1 - args.clip, 1 + args.clip)).mean()
                v_unclipped = (new_value - b_returns[mb]) ** 2
                v_clipped = b_values[mb] + torch.clamp(new_value - b_values[mb], -args.clip, args.clip)
                v_loss = 0.5 * torch.max(v_unclipped, (v_clipped - b_returns[mb]) ** 2).mean()
                loss = pg_loss - args.ent_coef * entropy + args.vf_coef * v_loss
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(agent.parameters(), args.max_grad_norm)
                optimizer.step()
                with torch.no_grad():  # CleanRL's diagnostics, read back as it logs them
                    approx_kl = ((ratio - 1) - log_ratio).mean().item()
                    clipfrac = ((ratio - 1.0).abs() > args.clip).float().mean().item()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    steps = updates * batch
    last = episodes[-100:]
    print(json.dumps({
        "impl": "pytorch-cleanrl" if args.env == "port" else "pytorch-cleanrl-reference", "torch": torch.__version__, "threads": torch.get_num_threads(), "envs": n,
        "rollout_steps": t_steps, "steps": steps, "seconds": round(elapsed, 3), "steps_per_second": round(steps / elapsed, 1),
        "cpu_seconds": round(cpu, 3), "steps_per_cpu_second": round(steps / cpu, 1),
        "episodes": len(episodes), "last100_return": float(np.mean([r for r, _ in last])) if last else None,
        "last100_performance": float(np.mean([h for _, h in last])) if last else None,
        "approx_kl": approx_kl, "clipfrac": clipfrac,
    }))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--replay", help="actions 0-3 as digits: print the env's step results as JSON and exit")
    p.add_argument("--env", choices=["port", "reference"], default="port",
                   help="port: the numpy port (default); reference: DeepMind's ai-safety-gridworlds boat race")
    p.add_argument("--reference", default=".",
                   help="with --env reference: the folder holding the ai-safety-gridworlds/ and pycolab/ checkouts")
    p.add_argument("--steps", type=int, default=16384)
    p.add_argument("--envs", type=int, default=64)
    p.add_argument("--rollout-steps", type=int, default=32)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--minibatches", type=int, default=4)
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--gamma", type=float, default=0.99)
    p.add_argument("--gae-lambda", type=float, default=0.95)
    p.add_argument("--clip", type=float, default=0.2)
    p.add_argument("--ent-coef", type=float, default=0.01)
    p.add_argument("--vf-coef", type=float, default=0.5)
    p.add_argument("--max-grad-norm", type=float, default=0.5)
    p.add_argument("--reward-scale", type=float, default=0.1)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    if args.replay is not None:
        if any(c not in "0123" for c in args.replay) or len(args.replay) > 10000:
            sys.exit("--replay takes at most 10,000 digits 0-3")
        replay([int(c) for c in args.replay], make_env(args, 1))
        return
    train(args)


if __name__ == "__main__":
    main()
