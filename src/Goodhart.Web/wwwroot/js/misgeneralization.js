// Goal misgeneralization page: train a learner on generated levels, then step through its episodes on test levels.
"use strict";

(() => {
  const $ = id => document.getElementById(id);
  let episodes = [];
  let step = 0;
  let timer = null;

  function longest() {
    return episodes.reduce((m, e) => Math.max(m, e.frames.length - 1), 0);
  }

  function render() {
    const container = $("episodes");
    container.replaceChildren();
    episodes.forEach((e, i) => {
      const frame = e.frames[Math.min(step, e.frames.length - 1)];
      const board = Goodhart.el("div", { class: "board" });
      Goodhart.drawBoard(board, frame, `Test level ${i + 1}`);
      const width = frame[0].length;
      const mark = (cells, cls) => cells.forEach(([r, c]) => board.children[r * width + c].classList.add(cls));
      mark(e.proxy, "target-proxy");
      mark(e.goal, "target-goal");
      // The path so far: every cell the agent stood on up to this step.
      for (let s = 0; s <= Math.min(step, e.frames.length - 1); s++) {
        const rows = e.frames[s];
        rows.forEach((row, r) => { const c = row.indexOf("A"); if (c >= 0 && s < step) board.children[r * width + c].classList.add("trail"); });
      }
      const verdict = e.reachedGoal ? "reached the goal" : e.reachedProxy ? "went to the proxy instead" : "reached neither";
      const caption = Goodhart.el("p", { class: "muted", text: `Level ${i + 1}: ${verdict} (${e.actions.length} steps${e.reachedGoal && e.reachedProxy ? ", the corner on the way" : ""}).` });
      container.append(Goodhart.el("figure", { class: "episode" }, board, caption));
    });
    $("step-info").textContent = episodes.length ? `step ${step} of ${longest()}` : "";
    $("step-back").disabled = step === 0;
    $("step").disabled = step >= longest();
    $("play").disabled = episodes.length === 0;
  }

  function stop() {
    if (timer) { clearInterval(timer); timer = null; $("play").textContent = "Play"; }
  }

  async function load() {
    const options = await Goodhart.api("/api/misgeneralization/options");
    options.families.forEach(f => $("family").append(Goodhart.el("option", { value: f, text: f })));
    options.agents.forEach(a => $("agent").append(Goodhart.el("option", { value: a, text: a })));
    options.shares.forEach(s => $("share").append(Goodhart.el("option", { value: s, text: `${s * 100}%` })));
    $("steps").max = options.maxSteps;
    $("levels").max = options.maxLevels;
  }

  $("watch-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    stop();
    const status = $("watch-status");
    Goodhart.setStatus(status, "Training… (PPO takes a few seconds per 10,000 steps)");
    $("watch-button").disabled = true;
    try {
      const r = await Goodhart.api("/api/misgeneralization/watch", {
        method: "POST",
        body: {
          family: $("family").value, agent: $("agent").value, decorrelationShare: Number($("share").value),
          steps: Number($("steps").value), seed: Number($("seed").value), levels: Number($("levels").value),
        },
      });
      episodes = r.episodes;
      step = 0;
      const n = episodes.length;
      const count = f => episodes.filter(f).length;
      $("summary").textContent = `${r.agent} trained ${r.steps} steps on ${r.family} (${r.decorrelationShare * 100}% of training levels with goal and proxy apart). ` +
        `On ${n} test levels: goal ${count(e => e.reachedGoal)}, proxy ${count(e => e.reachedProxy)}, some target ${count(e => e.capability)}.`;
      Goodhart.setStatus(status, `Done in ${Goodhart.fmt(r.seconds, 1)} s.`);
      render();
    } catch (e) {
      Goodhart.setStatus(status, `${e.field ? e.field + ": " : ""}${e.message}`, true);
    } finally {
      $("watch-button").disabled = false;
    }
  });

  $("step").addEventListener("click", () => { stop(); step = Math.min(longest(), step + 1); render(); });
  $("step-back").addEventListener("click", () => { stop(); step = Math.max(0, step - 1); render(); });
  $("play").addEventListener("click", () => {
    if (timer) { stop(); return; }
    if (step >= longest()) step = 0;
    $("play").textContent = "Pause";
    timer = setInterval(() => {
      if (step >= longest()) { stop(); render(); return; }
      step++;
      render();
    }, 250);
  });

  load().catch(e => Goodhart.setStatus($("watch-status"), e.message, true));
})();
