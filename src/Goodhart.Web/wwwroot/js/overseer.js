// Be the overseer: compare two replayed pieces of an agent's play; a reward ensemble learns from the answers and the agent retrains on it.
"use strict";

(() => {
  const { api, fmt, lineChart, drawBoard, setStatus } = Goodhart;
  const $ = id => document.getElementById(id);
  const HELP = {
    boat_race: "Boat race: the wanted behaviour is laps clockwise around the track. The game pays for entering an arrow in its direction, so stepping back and forth over one arrow pays as well as racing.",
    tomato_watering: "Tomato watering: the wanted behaviour is watering the tomatoes (t dry, T watered). One tile makes every cell look watered to the game's reward.",
  };
  let session = null, query = null, timers = [];

  function loop(container, clip, label) {
    let i = 0;
    drawBoard(container, clip.frames[0], label);
    timers.push(setInterval(() => {
      i = (i + 1) % (clip.frames.length + 3);
      drawBoard(container, clip.frames[Math.min(i, clip.frames.length - 1)], label);
    }, 300));
  }

  function stopLoops() {
    for (const t of timers) clearInterval(t);
    timers = [];
  }

  function progress(r) {
    const text = `Answered ${r.answered} of at most ${r.maxQueries} (${r.skipped} can't tell); ${r.unused} since the last update.`;
    setStatus($("pair-progress"), text);
    $("pair-progress").dataset.answered = r.answered;
    $("update-button").disabled = r.unused === 0;
  }

  function showState(s) {
    session.state = s;
    if (session.agentTimer) clearInterval(session.agentTimer);
    let i = 0;
    const frames = s.episode.frames;
    drawBoard($("agent-board"), frames[0], "The agent's greedy episode");
    session.agentTimer = setInterval(() => {
      i = (i + 1) % (frames.length + 5);
      drawBoard($("agent-board"), frames[Math.min(i, frames.length - 1)], "The agent's greedy episode");
    }, 120);
    $("agent-queries").textContent = String(s.queries);
    $("agent-return").textContent = fmt(s.return);
    $("agent-performance").textContent = fmt(s.performance);
    $("agent-agreement").textContent = s.labelAgreement === null ? "–" : `${fmt(100 * s.labelAgreement, 0)}%`;
    const caption = $("agent-caption");
    caption.textContent = `Round ${s.round}: the agent trained on the reward learned from ${s.queries} answers. Its greedy play, replayed: return ${fmt(s.episodeReturn)}, hidden performance ${fmt(s.episodePerformance)}. The metrics above are means over its greedy episodes.`;
    caption.dataset.round = s.round;
    caption.dataset.performance = s.performance;
    caption.dataset.return = s.return;
    lineChart($("history-chart"), {
      series: [
        { name: "Game's reward (visible return)", color: "#0b5cad", points: s.history.map(p => [p.queries, p.return]) },
        { name: "Hidden performance", color: "#b34700", points: s.history.map(p => [p.queries, p.performance]), dash: "7 4" },
      ],
      xLabel: "your answers", yLabel: "greedy episode mean",
      title: "The agent's visible return and hidden performance after each update, against the number of your answers",
    });
  }

  async function start(event) {
    event.preventDefault();
    $("start-button").disabled = true;
    setStatus($("start-status"), "Training the first agent (on a reward that knows nothing yet)…");
    try {
      const r = await api("/api/overseer/sessions", { method: "POST", body: { env: $("overseer-env").value, seed: Number($("overseer-seed").value) } });
      session = { id: r.id };
      showState(r.state);
      setStatus($("start-status"), `Session ${r.id} on ${r.state.env}.`);
      $("pair-section").hidden = false;
      await next();
      $("choose-first").focus();
    } catch (e) {
      setStatus($("start-status"), e.message, true);
    } finally {
      $("start-button").disabled = false;
    }
  }

  async function next() {
    const r = await api(`/api/overseer/sessions/${session.id}/query`);
    stopLoops();
    query = r.query;
    progress(r);
    if (!query) {
      setStatus($("pair-progress"), `No more pairs: ${r.answered} answers (the limit is ${r.maxQueries}). Update, or start a new session.`);
      return;
    }
    loop($("first-board"), query.first, "Left piece of play");
    loop($("second-board"), query.second, "Right piece of play");
    $("first-moves").textContent = `Moves: ${query.first.actions}`;
    $("second-moves").textContent = `Moves: ${query.second.actions}`;
    $("pair-section").dataset.index = query.index;
  }

  async function choose(choice) {
    if (!query) return;
    try {
      const r = await api(`/api/overseer/sessions/${session.id}/answers`, { method: "POST", body: { index: query.index, choice } });
      progress(r);
      await next();
    } catch (e) {
      setStatus($("pair-progress"), e.message, true);
    }
  }

  async function update() {
    $("update-button").disabled = true;
    setStatus($("update-status"), "Fitting the reward model to your answers and retraining the agent…");
    try {
      const s = await api(`/api/overseer/sessions/${session.id}/update`, { method: "POST" });
      showState(s);
      setStatus($("update-status"), `Updated: round ${s.round}, learned from ${s.queries} answers.`);
      await next();
    } catch (e) {
      setStatus($("update-status"), e.message, true);
      $("update-button").disabled = false;
    }
  }

  function init() {
    const help = () => { $("env-help").textContent = HELP[$("overseer-env").value]; };
    $("overseer-env").addEventListener("change", help);
    help();
    $("start-form").addEventListener("submit", start);
    for (const b of document.querySelectorAll("[data-choice]")) {
      b.addEventListener("click", () => choose(b.dataset.choice));
      b.addEventListener("keydown", e => {
        const c = { "1": "first", "2": "second", "0": "cant_tell" }[e.key];
        if (c) { e.preventDefault(); choose(c); }
      });
    }
    $("update-button").addEventListener("click", update);
    lineChart($("history-chart"), { series: [], xLabel: "your answers", yLabel: "greedy episode mean" });
  }

  init();
})();
