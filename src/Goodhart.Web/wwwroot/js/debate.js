// Goodhart workbench: judge a live Fashion-MNIST debate (the person is the judge; the server plays both debaters).
"use strict";

(() => {
  const { api, el, setStatus } = Goodhart;
  const $ = id => document.getElementById(id);
  const NS = "http://www.w3.org/2000/svg";
  const SIDE_COLOURS = { a: "#b35900", b: "#1f5fa8" };
  let session = null;
  let round = null;
  let busy = false;

  function pct(share) {
    if (share.rate === null || share.rate === undefined) return "–";
    const se = share.se === null || share.se === undefined ? "" : ` ± ${(100 * share.se).toFixed(1)}`;
    return `${(100 * share.rate).toFixed(1)}%${se} (${share.honestWins}/${share.rounds})`;
  }

  function showTally(tally) {
    $("tally-person").textContent = pct(tally.person);
    $("tally-judge").textContent = pct(tally.judge);
    $("tally-rounds").textContent = String(tally.rounds);
    $("tally-agree").textContent = tally.rounds ? `${tally.agreements}/${tally.rounds}` : "–";
    $("tally-person").dataset.rate = tally.person.rate ?? "";
    $("tally-judge").dataset.rate = tally.judge.rate ?? "";
  }

  function node(tag, attrs) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  }

  function grey(value) {
    const v = 255 - value;
    return `rgb(${v},${v},${v})`;
  }

  // Draws a width x height grid: every pixel given in `values` (index -> 0-255) in grey, the rest hidden.
  function drawGrid(container, width, height, values, reveals, label) {
    const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label });
    const title = node("title", {}); title.textContent = label; svg.append(title);
    for (let p = 0; p < width * height; p++) {
      const x = p % width, y = Math.floor(p / width);
      const attrs = { x, y, width: 1, height: 1 };
      if (values[p] === undefined) attrs.class = "hidden-pixel";
      else attrs.fill = grey(values[p]);
      svg.append(node("rect", attrs));
    }
    reveals.forEach((r, i) => {
      svg.append(node("rect", { x: r.column + 0.06, y: r.row + 0.06, width: 0.88, height: 0.88, fill: "none", stroke: SIDE_COLOURS[r.side], "stroke-width": 0.12, "data-side": r.side, "data-pixel": r.pixel }));
      const t = node("text", { x: r.column + 0.5, y: r.row + 0.7, "text-anchor": "middle", class: "order", fill: r.value > 110 ? "#fff" : "#000" });
      t.textContent = String(i + 1);
      svg.append(t);
    });
    container.replaceChildren(svg);
  }

  function showRound(r) {
    round = r;
    $("debate-section").hidden = false;
    $("claim-a").textContent = r.claims.a.name;
    $("claim-b").textContent = r.claims.b.name;
    const values = {};
    for (const p of r.revealed) values[p.pixel] = p.value;
    const label = `The image as the judge sees it: ${r.revealed.length} of ${r.pixels} pixels revealed` +
      r.revealed.map((p, i) => `; ${i + 1}: debater ${p.side.toUpperCase()} at row ${p.row + 1}, column ${p.column + 1}, ink ${p.value}`).join("");
    drawGrid($("pixel-grid"), r.width, r.height, values, r.revealed, label);
    $("pixel-grid").dataset.revealed = String(r.revealed.length);
    $("reveal-list").replaceChildren(...r.revealed.map(p =>
      el("li", { class: `side-${p.side}`, text: `Debater ${p.side.toUpperCase()} reveals row ${p.row + 1}, column ${p.column + 1}: ink ${p.value} of 255` })));
    const judged = r.outcome !== null;
    $("next-move").disabled = r.over || judged || busy;
    $("all-moves").disabled = r.over || judged || busy;
    $("choose-a").disabled = !r.over || judged || busy;
    $("choose-b").disabled = !r.over || judged || busy;
    setStatus($("move-status"), r.over
      ? (judged ? "Judged." : "All pixels are revealed: who tells the truth?")
      : `Round ${r.number}: debater ${r.next.toUpperCase()} to reveal (${r.revealed.length} of ${r.pixels} revealed).`);
    if (judged) showOutcome(r);
    else $("outcome-section").hidden = true;
  }

  function showOutcome(r) {
    const o = r.outcome;
    $("outcome-section").hidden = false;
    const all = {};
    o.image.forEach((v, i) => { all[i] = v; });
    drawGrid($("whole-image"), r.width, r.height, all, r.revealed, `The whole image (test image ${o.imageIndex}): a ${o.truth.name}`);
    const box = $("outcome");
    box.className = `verdict ${o.person.pickedHonest ? "won" : "lost"}`;
    box.dataset.personRight = String(o.person.pickedHonest);
    box.dataset.judgeRight = String(o.judge.pickedHonest);
    box.dataset.honest = o.honestSide;
    const judgeScores = `scores ${o.judge.scoreA.toFixed(2)} for A's ${r.claims.a.name}, ${o.judge.scoreB.toFixed(2)} for B's ${r.claims.b.name}`;
    box.replaceChildren(
      el("strong", { text: `It is a ${o.truth.name}: debater ${o.honestSide.toUpperCase()} told the truth.` }),
      el("p", { text: `You chose ${o.person.choice.toUpperCase()}: ${o.person.pickedHonest ? "right" : "wrong"}.` }),
      el("p", { text: `The sparse judge chose ${o.judge.choice.toUpperCase()} (${judgeScores}; its top class of all ten: ${o.judge.topClass.name}): ${o.judge.pickedHonest ? "right" : "wrong"}.` }));
    $("next-round").disabled = session && session.roundsStarted >= session.maxRounds;
  }

  async function call(fn) {
    if (busy) return;
    busy = true;
    try {
      await fn();
    } catch (e) {
      setStatus($("move-status"), e.message, true);
    } finally {
      busy = false;
      if (round) showRound(round);
    }
  }

  async function newRound() {
    const r = await api(`/api/debate/sessions/${session.id}/rounds`, { method: "POST" });
    session.roundsStarted = r.number;
    showRound(r);
    $("pixel-grid").focus?.();
  }

  async function step() {
    const r = await api(`/api/debate/sessions/${session.id}/moves`, { method: "POST" });
    round = r;
  }

  async function init() {
    let options;
    try {
      options = await api("/api/debate/options");
    } catch (e) {
      setStatus($("start-status"), e.message, true);
      return;
    }
    $("pixels").replaceChildren(...options.pixels.map(k => el("option", { value: k, text: `${k} pixels` })));
    $("pixels").value = String(Math.max(...options.pixels));
    $("debater").replaceChildren(...options.debaters.map(d => el("option", { value: d,
      text: d === "mcts" ? `Monte Carlo tree search (${options.mcts.simulations} simulations a move)` : "greedy (one move ahead)" })));
    if (options.missing) {
      const box = $("debate-unavailable");
      box.hidden = false;
      box.textContent = options.missing;
    }
  }

  $("start-form").addEventListener("submit", async ev => {
    ev.preventDefault();
    const button = $("start-button");
    button.disabled = true;
    setStatus($("start-status"), "Starting (the first session for each pixel count trains the sparse judge once; this can take a minute)…");
    try {
      const seed = $("seed").value.trim() === "" ? 0 : Number($("seed").value);
      session = await api("/api/debate/sessions", { method: "POST", body: { seed, pixels: Number($("pixels").value), debater: $("debater").value } });
      $("debate-unavailable").hidden = true;
      setStatus($("start-status"), `Session started: ${session.pixels} pixels per debate, ${session.debater} debaters, up to ${session.maxRounds} rounds.`);
      showTally(session.tally);
      await call(newRound);
    } catch (e) {
      setStatus($("start-status"), e.message, true);
      if (e.field === "data") {
        $("debate-unavailable").hidden = false;
        $("debate-unavailable").textContent = e.message;
      }
    } finally {
      button.disabled = false;
    }
  });

  $("next-move").addEventListener("click", () => call(step));
  $("all-moves").addEventListener("click", () => call(async () => {
    while (!round.over) {
      await step();
      showRound(round);
    }
  }));
  for (const id of ["choose-a", "choose-b"]) {
    const choice = $(id).dataset.choice;
    $(id).addEventListener("click", () => call(async () => {
      const result = await api(`/api/debate/sessions/${session.id}/verdict`, { method: "POST", body: { choice } });
      round = result.round;
      showTally(result.tally);
    }));
  }
  $("next-round").addEventListener("click", () => call(newRound));

  init();
})();
