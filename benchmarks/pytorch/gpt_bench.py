#!/usr/bin/env python3
"""Tokens/s of Goodhart's GPT-style policy re-written in PyTorch eager, for a side-by-side with BenchmarkDotNet.

The model, batch shapes and operations mirror benchmarks/Goodhart.Benchmarks/LanguageModelThroughput.cs and the
Goodhart.Learning code it calls (CausalLanguageModel, SupervisedTrainer.TrainStep, Sampler.Generate with KvCache):

* model: token + learned position embeddings, pre-LN blocks (c_attn -> masked softmax attention -> c_proj, then
  c_fc -> exact GELU -> c_proj), final LayerNorm, head tied to the token embedding; GPT-2 initialisation; explicit
  attention with a boolean mask filled with finfo.min (no fused kernel), as in CausalSelfAttention.cs.
* training step: 64 rows x 64 tokens built from Python lists, masked mean cross-entropy, zero_grad, backward,
  clip_grad_norm_(1.0), AdamW (lr 3e-3, betas 0.9/0.95, eps 1e-8, weight decay 0.01 on matrices only), loss.item().
* sampling: 64 prompts of 15 tokens after bos, attention mask and positions from the mask, one prompt pass, then
  64 new tokens each through a preallocated KV cache, temperature 1 (softmax + multinomial with a generator).

Timing follows BenchmarkDotNet's shape: a pilot picks how many invocations make an iteration of at least
--iteration-seconds, then --warmup unmeasured and --iterations measured iterations; the figure is the median time
per token over the measured iterations. Usage (Debian: apt-get install -y python3-torch):

    python3 benchmarks/pytorch/gpt_bench.py --threads 2
"""
import argparse
import math
import random
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB = 99  # CharTokenizer.VocabSize
PAD, BOS, EOS = 0, 1, 2
BATCH, TOKENS, PROMPT_TOKENS = 64, 64, 15
SHAPES = {"d64-l2": dict(d=64, layers=2, heads=4), "d128-l4": dict(d=128, layers=4, heads=4)}


class KvCache:
    def __init__(self, layers, batch, heads, capacity, head_dim):
        self.keys = [torch.zeros(batch, heads, capacity, head_dim) for _ in range(layers)]
        self.values = [torch.zeros(batch, heads, capacity, head_dim) for _ in range(layers)]
        self.length = 0

    def append(self, layer, key, value):
        count = key.shape[2]
        with torch.no_grad():
            self.keys[layer].narrow(2, self.length, count).copy_(key)
            self.values[layer].narrow(2, self.length, count).copy_(value)
        n = self.length + count
        return self.keys[layer].narrow(2, 0, n), self.values[layer].narrow(2, 0, n)


class CausalSelfAttention(nn.Module):
    def __init__(self, d, heads, layer):
        super().__init__()
        self.c_attn = nn.Linear(d, 3 * d)
        self.c_proj = nn.Linear(d, d)
        self.heads, self.head_dim, self.layer = heads, d // heads, layer

    def forward(self, x, allowed, cache):
        b, t, d = x.shape
        q, k, v = self.c_attn(x).split(d, dim=2)
        q = q.view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = k.view(b, t, self.heads, self.head_dim).transpose(1, 2)
        v = v.view(b, t, self.heads, self.head_dim).transpose(1, 2)
        if cache is not None:
            k, v = cache.append(self.layer, k, v)
        scores = q.matmul(k.transpose(-2, -1)).mul_(1.0 / math.sqrt(self.head_dim))
        scores = scores.masked_fill(allowed.logical_not(), torch.finfo(scores.dtype).min)
        weights = F.softmax(scores, dim=-1)
        mixed = weights.matmul(v).transpose(1, 2).contiguous().view(b, t, d)
        return self.c_proj(mixed)


class Block(nn.Module):
    def __init__(self, d, heads, layer):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d, eps=1e-5)
        self.attn = CausalSelfAttention(d, heads, layer)
        self.ln_2 = nn.LayerNorm(d, eps=1e-5)
        self.c_fc = nn.Linear(d, 4 * d)
        self.c_proj = nn.Linear(4 * d, d)

    def forward(self, x, allowed, cache):
        x = x + self.attn(self.ln_1(x), allowed, cache)
        return x + self.c_proj(F.gelu(self.c_fc(self.ln_2(x))))


class Gpt(nn.Module):
    def __init__(self, d, layers, heads, context=160):
        super().__init__()
        self.d, self.layers, self.heads, self.context = d, layers, heads, context
        self.wte = nn.Embedding(VOCAB, d)
        self.wpe = nn.Embedding(context, d)
        self.h = nn.ModuleList([Block(d, heads, i) for i in range(layers)])
        self.ln_f = nn.LayerNorm(d, eps=1e-5)
        with torch.no_grad():
            for name, p in self.named_parameters():
                if p.dim() >= 2:
                    std = 0.02 / math.sqrt(2.0 * layers) if name.endswith("c_proj.weight") else 0.02
                    nn.init.normal_(p, 0.0, std)
                elif name.endswith(".bias"):
                    nn.init.zeros_(p)

    def forward(self, tokens, attention_mask=None, cache=None):
        b, t = tokens.shape
        past = cache.length if cache is not None else 0
        total = past + t
        queries = torch.arange(past, total, dtype=torch.int64)
        keys = torch.arange(total, dtype=torch.int64)
        causal = keys.unsqueeze(0).le(queries.unsqueeze(1)).view(1, 1, t, total)
        if attention_mask is None:
            positions, allowed = queries.unsqueeze(0), causal
        else:
            real = attention_mask.to(torch.bool)
            positions = (real.to(torch.int64).cumsum(1) - 1).clamp_min(0).narrow(1, past, t)
            allowed = causal.logical_and(real.view(b, 1, 1, total))
        x = self.wte(tokens) + self.wpe(positions)
        for block in self.h:
            x = block(x, allowed, cache)
        if cache is not None:
            cache.length += t
        return F.linear(self.ln_f(x), self.wte.weight)


class Trainer:
    """SupervisedTrainer.TrainStep's work with SupervisedOptions' defaults (constant learning rate)."""

    def __init__(self, model, lr=3e-3):
        self.model, self.lr, self.step_count = model, lr, 0
        matrices = [p for p in model.parameters() if p.dim() >= 2]
        vectors = [p for p in model.parameters() if p.dim() < 2]
        self.optimizer = torch.optim.AdamW(
            [dict(params=matrices, weight_decay=0.01), dict(params=vectors, weight_decay=0.0)],
            lr=lr, betas=(0.9, 0.95), eps=1e-8)

    def train_step(self, prompts, continuations):
        self.model.train()
        torch.manual_seed(1000 + self.step_count)
        width = max(len(p) + len(c) for p, c in zip(prompts, continuations))
        inputs, targets, mask = [], [], []
        for p, c in zip(prompts, continuations):
            seq = p + c
            pad = width - len(seq)
            inputs.append([BOS] + seq[:-1] + [PAD] * pad)
            targets.append(seq + [PAD] * pad)
            mask.append([0.0] * len(p) + [1.0] * len(c) + [0.0] * pad)
        inputs, targets, mask = torch.tensor(inputs), torch.tensor(targets), torch.tensor(mask)
        logits = self.model(inputs)
        token_loss = F.cross_entropy(logits.flatten(0, 1), targets.flatten(), reduction="none").view_as(mask)
        loss = (token_loss * mask).sum() / mask.sum()
        self.optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        for group in self.optimizer.param_groups:
            group["lr"] = self.lr
        self.optimizer.step()
        self.step_count += 1
        return loss.item()


def generate(model, prompts, new_tokens, generator):
    """Sampler.Generate at temperature 1 without stopping at eos, with the KV cache."""
    batch = len(prompts)
    width = 1 + max(len(p) for p in prompts)
    model.eval()
    try:
        with torch.no_grad():
            cache = KvCache(model.layers, batch, model.heads, model.context, model.d // model.heads)
            tokens, mask = [], []
            for p in prompts:
                pad = width - 1 - len(p)
                tokens.append([PAD] * pad + [BOS] + p)
                mask.append([0] * pad + [1] * (len(p) + 1))
            tokens, mask = torch.tensor(tokens), torch.tensor(mask)
            logits = model(tokens, mask, cache).select(1, -1)
            generated = [[] for _ in prompts]
            for step in range(new_tokens):
                scaled = logits / 1.0
                nxt = F.softmax(scaled, dim=-1).multinomial(1, generator=generator).squeeze(-1)
                ids = nxt.cpu().tolist()
                for i in range(batch):
                    generated[i].append(ids[i])
                if step == new_tokens - 1:
                    break
                column = nxt.view(batch, 1)
                tokens = torch.cat([tokens, column], 1)
                mask = torch.cat([mask, torch.ones_like(column)], 1)
                logits = model(column, mask, cache).select(1, -1)
            return generated
    finally:
        model.train()


def measure(operation, tokens_per_invoke, warmup, iterations, iteration_seconds):
    """Median seconds per token over measured iterations (BenchmarkDotNet-like pilot, warm-up, measurement)."""
    invocations = 1
    while True:  # pilot
        start = time.perf_counter()
        for _ in range(invocations):
            operation()
        elapsed = time.perf_counter() - start
        if elapsed >= iteration_seconds:
            break
        invocations = max(invocations + 1, math.ceil(invocations * iteration_seconds / max(elapsed, 1e-6)))
    for _ in range(warmup):
        for _ in range(invocations):
            operation()
    per_token = []
    for _ in range(iterations):
        start = time.perf_counter()
        for _ in range(invocations):
            operation()
        per_token.append((time.perf_counter() - start) / (invocations * tokens_per_invoke))
    return statistics.median(per_token), per_token, invocations


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--models", default="d64-l2,d128-l4")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--iteration-seconds", type=float, default=0.5)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"# torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"{torch.get_num_interop_threads()} inter-op threads")
    rng = random.Random(7)
    continuations = [[rng.randrange(3, VOCAB) for _ in range(TOKENS)] for _ in range(BATCH)]
    empty = [[] for _ in range(BATCH)]
    prompts = [[rng.randrange(3, VOCAB) for _ in range(PROMPT_TOKENS)] for _ in range(BATCH)]
    print("| Model | Parameters | Operation | Median per token | Tokens/s | Invocations per iteration |")
    print("| --- | ---: | --- | ---: | ---: | ---: |")
    for name in args.models.split(","):
        torch.manual_seed(1)
        model = Gpt(**SHAPES[name])
        params = sum(p.numel() for p in model.parameters())
        trainer = Trainer(model)
        generator = torch.Generator().manual_seed(3)
        cases = [("TrainingStep", lambda: trainer.train_step(empty, continuations)),
                 ("SamplingWithKvCache", lambda: generate(model, prompts, TOKENS, generator))]
        for operation_name, operation in cases:
            median, _, invocations = measure(operation, BATCH * TOKENS, args.warmup, args.iterations,
                                             args.iteration_seconds)
            print(f"| {name} | {params:,} | {operation_name} | {median * 1e6:.2f} us | {1 / median:,.0f} | "
                  f"{invocations} |", flush=True)


if __name__ == "__main__":
    main()
