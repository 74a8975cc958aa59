// The reward-hacking game: choose a reward, train, watch both objectives, replay episodes, play by keyboard.
"use strict";

(() => {
  const { api, fmt, el, lineChart, drawBoard, setStatus } = Goodhart;
  const $ = id => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  const pace = params.has("pace") ? Number(params.get("pace")) : 40;
  let games = [], game = null, training = null, source = null, curve = [], blocks = [], animation = null;
  let replay = null, replayStep = 0, replayTimer = null;
  let moves = "", playEnded = false;
  const plays = [];
  let playsUrl = null;

  // Keeps a finished keyboard play (one line of a play file) and offers all of them for download.
  function keepPlay(line) {
    plays.push(line);
    if (playsUrl) URL.revokeObjectURL(playsUrl);
    playsUrl = URL.createObjectURL(new Blob([plays.join("\n") + "\n"], { type: "application/jsonl" }));
    const link = $("play-download");
    link.href = playsUrl;
    link.hidden = false;
    link.dataset.count = plays.length;
    link.textContent = `Download your ${plays.length} finished play${plays.length === 1 ? "" : "s"} (plays.jsonl)`;
  }

  function currentSpec() {
    const checked = document.querySelector("input[name=spec]:checked");
    return game.specifications.find(s => s.id === (checked ? checked.value : game.specifications[0].id));
  }

  function numberInput(id, name, labelText, value, help) {
    const wrap = el("div");
    wrap.append(el("label", { for: id, text: labelText }));
    const input = el("input", { id, name, type: "number", step: "any", value: String(value), "data-name": name, "aria-describedby": help ? `${id}-help` : null });
    wrap.append(input);
    if (help) wrap.append(el("small", { id: `${id}-help`, class: "muted", text: help }));
    return wrap;
  }

  function renderTerms() {
    const spec = currentSpec();
    const box = $("term-inputs");
    box.replaceChildren(...spec.terms.map(t => numberInput(`term-${t.name}`, t.name, t.name, t.default, t.description)));
  }

  function selectGame(envId) {
    game = games.find(g => g.env === envId) || games[0];
    $("env-story").textContent = game.story;
    $("env-win").textContent = game.winRationale;
    drawBoard($("env-board"), game.map, `${game.title} map`);
    $("spec-choices").replaceChildren(...game.specifications.map((s, i) => {
      const input = el("input", { type: "radio", name: "spec", value: s.id, id: `spec-${s.id}` });
      if (i === 0) input.checked = true;
      input.addEventListener("change", () => { renderTerms(); resetPlay(); });
      return el("label", { class: "choice", for: `spec-${s.id}` }, input, el("span", {}, s.title, el("small", { text: s.description })));
    }));
    $("constant-inputs").replaceChildren(...Object.entries(game.constants).map(([k, v]) => numberInput(`const-${k}`, k, k, v)));
    renderTerms();
    $("episodes").value = game.defaultEpisodes;
    blocks = [];
    lineChart($("curve-chart"), { series: [], xLabel: "training episode", yLabel: "per training episode" });
    resetPlay();
  }

  function readValues(containerId) {
    const values = {};
    // A blank field is sent as null, which the server refuses naming the field (it is never trained as 0).
    for (const input of $(containerId).querySelectorAll("input")) values[input.dataset.name] = input.value.trim() === "" ? null : Number(input.value);
    return values;
  }

  function setup() {
    return { env: game.env, spec: currentSpec().id, constants: readValues("constant-inputs"), terms: readValues("term-inputs") };
  }

  function drawCurve() {
    const size = blocks.length ? blocks[0].episodes : 1;
    lineChart($("curve-chart"), {
      series: [
        { name: "Return (the reward the agent is given)", color: "#0b5cad", points: blocks.map(b => [b.episode + 1, b.given]) },
        { name: "Hidden performance", color: "#b34700", points: blocks.map(b => [b.episode + 1, b.performance]), dash: "7 4" },
      ],
      hlines: [{ y: game.winPerformance, label: `win: performance ≥ ${game.winPerformance}`, color: "#17643a" }],
      xLabel: "training episode", yLabel: size > 1 ? `mean per ${size} training episodes` : "per training episode",
      title: "Return and hidden performance of the training episodes",
    });
  }

  function animate(container, boards, label) {
    if (animation) clearInterval(animation);
    let i = 0;
    drawBoard(container, boards[0], label);
    animation = setInterval(() => {
      i++;
      if (i >= boards.length) { clearInterval(animation); animation = null; return; }
      drawBoard(container, boards[i], label);
    }, 25);
  }

  async function train(event) {
    event.preventDefault();
    if (source) source.close();
    const body = { ...setup(), episodes: Number($("episodes").value), seed: Number($("seed").value), paceMs: pace };
    $("train-button").disabled = true;
    $("verdict").hidden = true;
    curve = [];
    blocks = [];
    drawCurve();
    setStatus($("train-status"), "Starting…");
    try {
      training = await api("/api/game/trainings", { method: "POST", body });
    } catch (e) {
      setStatus($("train-status"), `Could not start: ${e.message}`, true);
      $("train-button").disabled = false;
      return;
    }
    source = new EventSource(training.events);
    source.addEventListener("episode", m => {
      const d = JSON.parse(m.data);
      if (d.point) curve.push(d.point);
      blocks.push({ episode: d.episode, ...d.block });
      drawCurve();
      animate($("live-board"), d.boards, "Latest training episode");
      $("live-caption").textContent = `Episode ${d.episode + 1} of ${d.episodes}: return ${fmt(d.given)}, hidden performance ${fmt(d.performance)}`;
      setStatus($("train-status"), `Training… episode ${d.episode + 1} of ${d.episodes}`);
    });
    source.addEventListener("point", m => {
      curve.push(JSON.parse(m.data));
    });
    source.addEventListener("done", m => {
      source.close();
      showVerdict(JSON.parse(m.data));
      $("train-button").disabled = false;
    });
    source.addEventListener("error", m => {
      if (m.data) {
        source.close();
        setStatus($("train-status"), `Training failed: ${JSON.parse(m.data).error}`, true);
        $("train-button").disabled = false;
      }
    });
  }

  function headline(v) {
    switch (v.judgement) {
      case "fixed": return "You fixed the reward: on every seed the learned behaviour scores well on the hidden performance.";
      case "unchanged": return "This is the level's own reward, unchanged: whatever a seed happens to learn, nothing was fixed (the hack pays as well as the wanted behaviour).";
      case "inconclusive": return "Inconclusive: some seeds learned the wanted behaviour and some did not, so this reward does not make it the one to learn.";
      default: return "The agent found a way to collect the reward without doing what was wanted.";
    }
  }

  function showVerdict(v) {
    const box = $("verdict");
    box.hidden = false;
    box.className = `verdict ${v.won ? "won" : v.judgement === "inconclusive" || v.judgement === "unchanged" ? "unsure" : "lost"}`;
    box.dataset.given = v.given;
    box.dataset.performance = v.performance;
    box.dataset.won = v.won;
    box.dataset.judgement = v.judgement;
    box.dataset.actions = v.greedyActions;
    box.replaceChildren(
      el("strong", { text: headline(v) }),
      el("span", { text: `Judged on ${v.seedsJudged} seeds (this one and the next ${v.seedsJudged - 1}): ${v.seedsWon} reached the win threshold. ` }),
      el("span", { text: `Greedy policy: return ${fmt(v.given)}, level's reward ${fmt(v.visible)}, hidden performance ${fmt(v.performance)} (win at ${fmt(v.winPerformance, 0)}). ` }),
      el("span", {}, "Its moves: ", el("code", { text: v.greedyActions })),
      el("span", { text: ` Stored as run ` }), el("a", { href: `/runs.html#${v.runId}`, text: v.runId }), ".");
    setStatus($("train-status"), `Finished: ${v.won ? "challenge won" : v.judgement === "inconclusive" ? "inconclusive" : "not won yet"}. Replay any of the ${v.firstGreedyEpisode} training episodes, or the greedy ones from ${v.firstGreedyEpisode}.`);
    $("replay-episode").disabled = false;
    $("replay-load").disabled = false;
    $("replay-episode").max = v.firstGreedyEpisode + 9;
    $("replay-episode").value = v.firstGreedyEpisode;
  }

  async function loadReplay(event) {
    event.preventDefault();
    if (!training) return;
    try {
      const r = await api(`/api/game/trainings/${training.id}/episodes/${Number($("replay-episode").value)}`);
      replay = r.replay;
      replayStep = 0;
      for (const id of ["replay-prev", "replay-next", "replay-play"]) $(id).disabled = false;
      showFrame();
    } catch (e) {
      $("replay-info").textContent = e.message;
    }
  }

  function showFrame() {
    const f = replay.frames[replayStep];
    drawBoard($("replay-board"), f.board, "Replay");
    const totals = replay.frames.slice(1, replayStep + 1).reduce((a, x) => [a[0] + x.given, a[1] + x.hidden], [0, 0]);
    $("replay-info").textContent = replayStep === 0
      ? `Start of the episode (${replay.frames.length - 1} steps). Episode totals: return ${fmt(replay.given)}, hidden performance ${fmt(replay.performance)}.`
      : `Step ${f.step}/${replay.frames.length - 1}, move ${f.action}: reward ${fmt(f.given)}, hidden ${fmt(f.hidden)}${f.events.length ? ` (${f.events.join(", ")})` : ""}. So far: return ${fmt(totals[0])}, hidden ${fmt(totals[1])}.`;
  }

  function stepReplay(delta) {
    if (!replay) return;
    replayStep = Math.max(0, Math.min(replay.frames.length - 1, replayStep + delta));
    showFrame();
  }

  function togglePlay() {
    if (replayTimer) { clearInterval(replayTimer); replayTimer = null; $("replay-play").textContent = "Play"; return; }
    $("replay-play").textContent = "Pause";
    replayTimer = setInterval(() => {
      if (replayStep >= replay.frames.length - 1) { togglePlay(); return; }
      stepReplay(1);
    }, 150);
  }

  function resetPlay() {
    moves = "";
    playEnded = false;
    sendMoves();
  }

  let pending = Promise.resolve();
  function sendMoves() {
    const body = { ...setup(), actions: moves, seed: Number($("seed").value) || 0 };
    pending = pending.then(async () => {
      try {
        const r = await api("/api/game/play", { method: "POST", body });
        const last = r.frames[r.frames.length - 1];
        drawBoard($("play-board"), last.board, "Your board");
        $("play-steps").textContent = String(r.frames.length - 1);
        $("play-given").textContent = fmt(r.given);
        $("play-visible").textContent = fmt(r.visible);
        $("play-performance").textContent = fmt(r.performance);
        if (r.play && !playEnded) keepPlay(r.play);
        playEnded = r.ended;
        setStatus($("play-status"), r.ended
          ? `Episode over. Return ${fmt(r.given)}, hidden performance ${fmt(r.performance)}: ${r.won ? "that behaviour wins" : `below the win threshold of ${r.winPerformance}`}.`
          : r.frames.length > 1 ? `Last move ${last.action}: reward ${fmt(last.given)}, hidden ${fmt(last.hidden)}.` : "Make a move.");
      } catch (e) {
        setStatus($("play-status"), e.message, true);
      }
    });
  }

  function move(letter) {
    if (playEnded || !game || !game.actions.includes(letter)) return;
    moves += letter;
    sendMoves();
  }

  const KEYS = { ArrowUp: "u", ArrowDown: "d", ArrowLeft: "l", ArrowRight: "r", w: "u", s: "d", a: "l", d: "r", W: "u", S: "d", A: "l", D: "r" };

  async function init() {
    games = await api("/api/game/envs");
    $("env-select").replaceChildren(...games.map(g => el("option", { value: g.env, text: g.title })));
    $("env-select").addEventListener("change", e => selectGame(e.target.value));
    $("train-form").addEventListener("submit", train);
    $("replay-form").addEventListener("submit", loadReplay);
    $("replay-prev").addEventListener("click", () => stepReplay(-1));
    $("replay-next").addEventListener("click", () => stepReplay(1));
    $("replay-play").addEventListener("click", togglePlay);
    $("play-reset").addEventListener("click", resetPlay);
    $("constant-inputs").addEventListener("change", resetPlay);
    $("term-inputs").addEventListener("change", resetPlay);
    for (const b of document.querySelectorAll(".pad button")) b.addEventListener("click", () => move(b.dataset.move));
    $("play-board").addEventListener("keydown", e => {
      const m = KEYS[e.key];
      if (m) { e.preventDefault(); move(m); }
    });
    $("play-board").addEventListener("click", () => $("play-board").focus());
    const wanted = params.get("env");
    selectGame(wanted && games.some(g => g.env === wanted) ? wanted : games[0].env);
    $("env-select").value = game.env;
  }

  init().catch(e => setStatus($("train-status"), `Could not load the games: ${e.message}`, true));
})();
