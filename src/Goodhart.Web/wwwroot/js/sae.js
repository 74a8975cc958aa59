// SAE feature browser: stored interp-sae-features runs, their features, and one feature's contexts and token effects.
"use strict";

(() => {
  const $ = id => document.getElementById(id);
  // Newlines and spaces made visible, as in the static dashboards.
  const visible = text => text.replaceAll("\n", "\u23CE").replaceAll(" ", "\u00B7");

  async function showFeature(runId, feature) {
    const f = await Goodhart.api(`/api/sae/runs/${encodeURIComponent(runId)}/features/${feature}`);
    $("feature-title").textContent = `Feature ${f.feature}${f.name ? `: ${f.name}` : ""}`;
    $("contexts").replaceChildren(...f.contexts.map(c => Goodhart.el("tr", {},
      Goodhart.el("td", { text: Goodhart.fmt(c.activation, 3) }),
      Goodhart.el("td", { class: "sae-context" },
        document.createTextNode(visible(c.before)), Goodhart.el("mark", { text: visible(c.token) }), document.createTextNode(visible(c.after))))));
    const tokens = list => list.map(t => Goodhart.el("span", { class: "sae-token", title: Goodhart.fmt(t.effect, 3), text: visible(t.token) }));
    $("promoted").replaceChildren(...tokens(f.promoted));
    $("suppressed").replaceChildren(...tokens(f.suppressed));
  }

  async function showRun(runId) {
    const status = $("status");
    try {
      const run = await Goodhart.api(`/api/sae/runs/${encodeURIComponent(runId)}`);
      $("run-summary").textContent = `${run.title}. ${run.dictionarySize} features, k = ${run.k}; held-out L0 ${Goodhart.fmt(run.l0, 2)}, explained variance ${Goodhart.fmt(run.explainedVariance, 3)}, loss recovered ${Goodhart.fmt(run.lossRecovered, 3)}.`;
      $("features").replaceChildren(...run.features.map(f => {
        const button = Goodhart.el("button", { type: "button", class: "secondary", text: String(f.feature) });
        button.addEventListener("click", () => showFeature(runId, f.feature).catch(e => Goodhart.setStatus(status, e.message, true)));
        return Goodhart.el("tr", {},
          Goodhart.el("td", {}, button),
          Goodhart.el("td", { text: f.name ?? "" }),
          Goodhart.el("td", { text: f.correlation === null ? "" : Goodhart.fmt(f.correlation, 2) }),
          Goodhart.el("td", { text: `${Goodhart.fmt(100 * f.frequency, 2)}%` }),
          Goodhart.el("td", { text: Goodhart.fmt(f.meanActivation, 3) }));
      }));
      if (run.features.length) await showFeature(runId, run.features[0].feature);
      Goodhart.setStatus(status, "");
    } catch (e) {
      Goodhart.setStatus(status, e.message, true);
    }
  }

  async function start() {
    const status = $("status");
    try {
      const runs = await Goodhart.api("/api/sae/runs");
      const select = $("run");
      select.replaceChildren(...runs.map(r => Goodhart.el("option", { value: r.id, text: `${r.id} (seed ${r.seed}, ${r.named} named)` })));
      if (!runs.length) {
        Goodhart.setStatus(status, "No stored SAE runs yet: run `goodhart run interp-sae-features` with this store.");
        return;
      }
      select.addEventListener("change", () => showRun(select.value));
      await showRun(runs[0].id);
    } catch (e) {
      Goodhart.setStatus(status, e.message, true);
    }
  }

  start();
})();
