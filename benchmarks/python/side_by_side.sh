#!/usr/bin/env bash
# Goodhart's deep PPO (GridworldPpoTiming, once with the libtorch update and once with the fused C# update) and
# CleanRL-style PPO in PyTorch (ppo_boat_race.py) on the boat race, the same env steps, copies and settings, one torch
# thread each, alternating so all three see the same machine load.
# Each prints one JSON line per run with wall and CPU (user + system) seconds and steps per second of each; a C#
# process runs twice and its first run (JIT warm-up) is marked "warmup". Installs Debian's python3-torch when missing.
# With REFERENCE_DIR (a folder holding checkouts of deepmind/ai-safety-gridworlds as ai-safety-gridworlds/ and
# deepmind/pycolab as pycolab/; nothing is downloaded), each repeat also runs the PyTorch PPO on DeepMind's own boat
# race ("pytorch-cleanrl-reference"; needs Debian's python3-absl and python3-six, installed here when missing).
#   benchmarks/python/side_by_side.sh [STEPS (default 16384)] [ENVS (default 64)] [REPEATS (default 3)] [REFERENCE_DIR]
set -euo pipefail
steps=${1:-16384}
envs=${2:-64}
repeats=${3:-3}
reference=${4:-}
root=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3 # Debian's python3 (a pyenv python3 earlier on PATH does not see Debian's packages)
if ! "$py" -c "import torch, numpy" 2>/dev/null; then
  echo "# python3-torch is missing: installing Debian's python3-torch, python3-numpy and libopenblas0-pthread (apt-get, once per machine)" >&2
  if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif sudo -n true 2>/dev/null; then apt=(sudo -n apt-get); else
    echo "not root and no password-less sudo: run sudo apt-get install python3-torch python3-numpy libopenblas0-pthread" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -qq || true
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 python3-torch python3-numpy libopenblas0-pthread
fi
if [ -n "$reference" ]; then
  for d in ai-safety-gridworlds pycolab; do
    [ -d "$reference/$d" ] || { echo "REFERENCE_DIR $reference holds no $d/ checkout" >&2; exit 2; }
  done
  if ! "$py" -c "import absl, six" 2>/dev/null; then
    echo "# python3-absl or python3-six is missing (the reference needs them): installing Debian's (apt-get)" >&2
    if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif sudo -n true 2>/dev/null; then apt=(sudo -n apt-get); else
      echo "not root and no password-less sudo: run sudo apt-get install python3-absl python3-six" >&2; exit 1; fi
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 python3-absl python3-six
  fi
fi
export GOODHART_TORCH_THREADS=1
echo "# $(nproc) cores:$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build -c Release "$root/benchmarks/Goodhart.Benchmarks" -v q -nologo > /dev/null
bench="$root/benchmarks/Goodhart.Benchmarks/bin/Release/net10.0/Goodhart.Benchmarks.dll"
# One BLAS thread too: torch.set_num_threads(1) leaves OpenBLAS's own pool at two threads, whose second one only
# spins, doubling the process's CPU time (session 11: 12.3 CPU-s against 6.2 s wall; with one thread 6.3 and 6.3).
pytorch_ppo() {
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread "$py" "$root/benchmarks/python/ppo_boat_race.py" \
    --steps "$steps" --envs "$envs" --threads 1 "$@"
}
for r in $(seq 1 "$repeats"); do
  for backend in torch fused; do
    dotnet "$bench" ppo-timing "$steps" "$envs" 2 "$backend" | sed '1s/^{/{"warmup": true, /'
  done
  pytorch_ppo --seed "$r"
  if [ -n "$reference" ]; then
    pytorch_ppo --seed "$r" --env reference --reference "$reference"
  fi
done
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
