#!/usr/bin/env python3
"""Tokens/s of one PPO iteration in PyTorch eager, the twin of benchmarks/Goodhart.Benchmarks/PpoThroughput.cs.

Mirrors PpoTrainer.TrainStep with PpoOptions' defaults on the d64-l2 policy of gpt_bench.py: 64 prompts of 15
tokens, a rollout of 64 tokens each with the KV cache at temperature 1 (rows cut after their first eos, as
Sampler.Generate's StopAtEos does row by row), a length score, SequenceBatch's inputs/targets/mask, no-grad
log-probs of the policy and a frozen reference copy and values of a value model (a copy of the policy's trunk plus
a fresh Linear(d, 1) head, as ScalarHeadModel.FromPolicy), per-token KL-penalised rewards and GAE (gamma 1, lambda
0.95) with whitened advantages (PpoRollout, in Python floats on the host), then 4 epochs x 2 minibatches of 32 rows:
clipped surrogate (0.2) + 0.1 x clipped value loss (0.2), backward, clip_grad_norm_(1.0), AdamW (lr 1e-4, betas
0.9/0.999, eps 1e-8, no weight decay) over policy and value model, and the same diagnostics read back with .item().
An operation is one rollout token slot (64 x 64 per step). Usage:

    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread /usr/bin/python3 benchmarks/pytorch/ppo_bench.py --threads 1
"""
import argparse
import copy
import random
import statistics

import torch
import torch.nn as nn
import torch.nn.functional as F

from gpt_bench import BOS, EOS, SHAPES, Gpt, generate, measure

BATCH, TOKENS, PROMPT_TOKENS = 64, 64, 15
KL_COEF, CLIP, CLIP_VALUE, VF_COEF, GAMMA, LAM, EPOCHS, MINIBATCHES = 0.05, 0.2, 0.2, 0.1, 1.0, 0.95, 4, 2


def trunk(model, tokens):
    """Gpt.forward up to the final LayerNorm (the value model's trunk)."""
    b, t = tokens.shape
    x = model.wte(tokens) + model.wpe(torch.arange(t).unsqueeze(0))
    causal = torch.arange(t).unsqueeze(0).le(torch.arange(t).unsqueeze(1)).view(1, 1, t, t)
    for block in model.h:
        x = block(x, causal, None)
    return model.ln_f(x)


def masked_mean(values, mask):
    return (values * mask).sum() / mask.sum()


class Ppo:
    def __init__(self, policy):
        self.policy = policy
        self.reference = copy.deepcopy(policy).requires_grad_(False)
        self.value_trunk = copy.deepcopy(policy)
        self.value_head = nn.Linear(policy.d, 1)
        self.parameters = list(policy.parameters()) + list(self.value_trunk.parameters()) + list(self.value_head.parameters())
        self.optimizer = torch.optim.AdamW(self.parameters, lr=1e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)
        self.generator = torch.Generator().manual_seed(3)
        self.rng = random.Random(5)
        self.lengths = []

    def values(self, tokens):
        return self.value_head(trunk(self.value_trunk, tokens)).squeeze(-1)

    def step(self, prompts):
        responses = generate(self.policy, prompts, TOKENS, self.generator)
        responses = [r[: r.index(EOS) + 1] if EOS in r else r for r in responses]
        scores = [len(r) / TOKENS for r in responses]
        self.lengths.append(statistics.mean(len(r) for r in responses))
        width = max(len(p) + len(r) for p, r in zip(prompts, responses))
        inputs, targets, mask = [], [], []
        for p, r in zip(prompts, responses):
            seq = p + r
            pad = width - len(seq)
            inputs.append([BOS] + seq[:-1] + [0] * pad)
            targets.append(seq + [0] * pad)
            mask.append([0.0] * len(p) + [1.0] * len(r) + [0.0] * pad)
        inputs, targets, mask = torch.tensor(inputs), torch.tensor(targets), torch.tensor(mask)
        self.policy.train()
        with torch.no_grad():
            old_logp = F.log_softmax(self.policy(inputs), -1).gather(-1, targets.unsqueeze(-1)).squeeze(-1) * mask
            ref_logp = F.log_softmax(self.reference(inputs), -1).gather(-1, targets.unsqueeze(-1)).squeeze(-1) * mask
            old_values = self.values(inputs) * mask
        advantages, returns = self.rollout(mask.tolist(), old_logp.tolist(), ref_logp.tolist(), old_values.tolist(), scores)
        advantages, returns = torch.tensor(advantages), torch.tensor(returns)
        rows = len(prompts)
        diagnostics = []
        for _ in range(EPOCHS):
            order = list(range(rows))
            self.rng.shuffle(order)
            for m in range(MINIBATCHES):
                index = torch.tensor(order[m * rows // MINIBATCHES:(m + 1) * rows // MINIBATCHES])
                diagnostics.append(self.update(inputs, targets, mask, old_logp, old_values, advantages, returns, index))
        return statistics.mean(d[2] for d in diagnostics)

    @staticmethod
    def rollout(mask, logp, ref_logp, values, scores):
        rows, width = len(mask), len(mask[0])
        advantages = [[0.0] * width for _ in range(rows)]
        returns = [[0.0] * width for _ in range(rows)]
        raw, where = [], []
        for i in range(rows):
            positions = [t for t in range(width) if mask[i][t] > 0]
            rewards = [-KL_COEF * (logp[i][t] - ref_logp[i][t]) for t in positions]
            rewards[-1] += scores[i]
            vals = [values[i][t] for t in positions]
            gae, adv = 0.0, [0.0] * len(positions)
            for j in reversed(range(len(positions))):
                next_value = vals[j + 1] if j + 1 < len(positions) else 0.0
                gae = rewards[j] + GAMMA * next_value - vals[j] + GAMMA * LAM * gae
                adv[j] = gae
            for j, t in enumerate(positions):
                returns[i][t] = adv[j] + vals[j]
                raw.append(adv[j])
                where.append((i, t))
        mean, std = statistics.mean(raw), statistics.variance(raw)
        scale = 1 / (std + 1e-8) ** 0.5
        for a, (i, t) in zip(raw, where):
            advantages[i][t] = (a - mean) * scale
        return advantages, returns

    def update(self, inputs, targets, mask, old_logp, old_values, advantages, returns, index):
        inputs, targets, mask = inputs.index_select(0, index), targets.index_select(0, index), mask.index_select(0, index)
        logits = self.policy(inputs)
        new_logp = F.log_softmax(logits, -1).gather(-1, targets.unsqueeze(-1)).squeeze(-1)
        new_values = self.values(inputs)
        adv, old = advantages.index_select(0, index), old_logp.index_select(0, index)
        log_ratio = new_logp - old
        ratio = log_ratio.exp()
        unclipped, clipped = -adv * ratio, -adv * ratio.clamp(1 - CLIP, 1 + CLIP)
        policy_loss = masked_mean(torch.maximum(unclipped, clipped), mask)
        old_v, ret = old_values.index_select(0, index), returns.index_select(0, index)
        clipped_values = old_v + (new_values - old_v).clamp(-CLIP_VALUE, CLIP_VALUE)
        v_unclipped, v_clipped = (new_values - ret).square(), (clipped_values - ret).square()
        value_loss = 0.5 * masked_mean(torch.maximum(v_unclipped, v_clipped), mask)
        loss = policy_loss + VF_COEF * value_loss
        self.optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(self.parameters, 1.0)
        self.optimizer.step()
        with torch.no_grad():
            logp_all = F.log_softmax(logits, -1)
            entropy = masked_mean(-(logp_all.exp() * logp_all).sum(-1), mask)
            return [masked_mean(clipped.gt(unclipped).float(), mask).item(), 0.5 * masked_mean(log_ratio.square(), mask).item(),
                    policy_loss.item(), value_loss.item(), masked_mean(v_clipped.gt(v_unclipped).float(), mask).item(),
                    entropy.item(), masked_mean(ratio, mask).item()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--iteration-seconds", type=float, default=0.5)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    ppo = Ppo(Gpt(**SHAPES["d64-l2"]))
    rng = random.Random(7)
    prompts = [[rng.randrange(3, 99) for _ in range(PROMPT_TOKENS)] for _ in range(BATCH)]
    median, per_token, invocations = measure(lambda: ppo.step(prompts), BATCH * TOKENS, args.warmup, args.iterations, args.iteration_seconds)
    print(f"# torch {torch.__version__}, {torch.get_num_threads()} threads")
    print(f"| d64-l2 | PpoStep | {median * 1e6:.2f} us | {1 / median:,.0f} | {invocations} |")
    print(f"# mean response length over {len(ppo.lengths)} iterations: {statistics.mean(ppo.lengths):.1f} tokens")


if __name__ == "__main__":
    main()
