// Be the rater: label pairs, train a reward model on them, see best-of-N's Goodhart curve and the exploited biases.
"use strict";

(() => {
  const { api, fmt, el, lineChart, setStatus } = Goodhart;
  const $ = id => document.getElementById(id);
  let session = null, pair = null, outcome = null;

  async function start(event) {
    event.preventDefault();
    try {
      session = await api("/api/rating/sessions", { method: "POST", body: { seed: Number($("rating-seed").value) } });
      $("pair-section").hidden = false;
      await next();
      $("choose-a").focus();
    } catch (e) {
      setStatus($("rating-progress"), e.message, true);
    }
  }

  async function next() {
    const r = await api(`/api/rating/sessions/${session.id}/next`);
    pair = r.pair;
    progress(r.labelCount, r.labelsWanted);
    if (!pair) {
      $("pair-section").hidden = true;
      setStatus($("rating-progress"), `All ${r.labelCount} pairs labelled. Train your reward model below.`);
      $("rating-train").focus();
      return;
    }
    $("pair-prompt").textContent = pair.prompt;
    $("pair-a").textContent = pair.responseA;
    $("pair-b").textContent = pair.responseB;
  }

  function progress(count, wanted) {
    setStatus($("rating-progress"), `Labelled ${count} of ${wanted} pairs.`);
    $("rating-train").disabled = count < 2;
    $("rating-progress").dataset.count = count;
  }

  async function choose(choice) {
    if (!pair) return;
    try {
      const r = await api(`/api/rating/sessions/${session.id}/labels`, { method: "POST", body: { index: pair.index, choice } });
      progress(r.labelCount, r.labelsWanted);
      await next();
    } catch (e) {
      setStatus($("rating-progress"), e.message, true);
    }
  }

  async function train() {
    $("rating-train").disabled = true;
    setStatus($("rating-train-status"), "Training your reward model and running best-of-N… (this can take up to a minute)");
    try {
      outcome = await api(`/api/rating/sessions/${session.id}/train`, { method: "POST" });
      show();
      setStatus($("rating-train-status"), "Done.");
    } catch (e) {
      setStatus($("rating-train-status"), e.message, true);
    } finally {
      $("rating-train").disabled = false;
    }
  }

  function show() {
    $("rating-results").hidden = false;
    const byProxy = outcome.curve.reduce((a, p) => (p.proxy > a.proxy ? p : a), outcome.curve[0]);
    const byGold = outcome.curve.reduce((a, p) => (p.gold > a.gold ? p : a), outcome.curve[0]);
    $("rating-agreement").textContent = `${fmt(100 * outcome.rewardModelGoldAgreement, 0)}%`;
    $("rating-label-agreement").textContent = `${fmt(100 * outcome.labelGoldAgreement, 0)}%`;
    $("rating-peak").textContent = String(byProxy.n);
    $("rating-gold-peak").textContent = String(byGold.n);
    draw();
    $("bias-table").querySelector("tbody").replaceChildren(...outcome.biases.map(b =>
      el("tr", {}, el("th", { scope: "row", text: b.name }), el("td", { text: fmt(b.atStart, 2) }), el("td", { text: fmt(b.atPeakProxy, 2) }),
        el("td", { text: `${b.change >= 0 ? "+" : ""}${fmt(b.change, 2)}` }))));
  }

  function draw() {
    const kl = $("rating-axis").value === "kl";
    const x = p => (kl ? p.kl : p.n);
    lineChart($("rating-chart"), {
      series: [
        { name: "Proxy (your reward model)", color: "#0b5cad", points: outcome.curve.map(p => [x(p), p.proxy]) },
        { name: "Gold (true quality)", color: "#b34700", points: outcome.curve.map(p => [x(p), p.gold]), dash: "7 4" },
      ],
      xLabel: kl ? "KL from the base policy (nats)" : "N (best of N)", yLabel: "reward", logX: !kl,
      title: "Your reward model's Goodhart curve: proxy and gold reward under best-of-N",
    });
  }

  async function init() {
    const status = await api("/api/rating/status");
    if (!status.available) {
      const box = $("rating-unavailable");
      box.hidden = false;
      box.textContent = "The rating service is not part of this build of the workbench, so sessions cannot start here.";
      $("start-button").disabled = true;
      return;
    }
    $("start-form").addEventListener("submit", start);
    for (const b of document.querySelectorAll("[data-choice]")) {
      b.addEventListener("click", () => choose(b.dataset.choice));
      b.addEventListener("keydown", e => {
        const c = { "1": "a", "2": "b", "0": "tie" }[e.key];
        if (c) { e.preventDefault(); choose(c); }
      });
    }
    $("rating-train").addEventListener("click", train);
    $("rating-axis").addEventListener("change", () => outcome && draw());
  }

  init().catch(e => setStatus($("rating-progress"), e.message, true));
})();
