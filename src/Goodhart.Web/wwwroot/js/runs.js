// Run browser: list and filter stored runs, show one run's curves and metrics, compare runs, download their data.
"use strict";

(() => {
  const { api, fmt, el, lineChart, setStatus } = Goodhart;
  const $ = id => document.getElementById(id);
  const COLORS = ["#0b5cad", "#b34700", "#17643a", "#7a2a8c", "#8a6d00", "#a1161c", "#2b6cb0", "#4a5361"];
  const selected = new Set();

  function query() {
    const q = new URLSearchParams();
    for (const [k, id] of [["kind", "filter-kind"], ["env", "filter-env"], ["agent", "filter-agent"], ["status", "filter-status"], ["limit", "filter-limit"]]) {
      const v = $(id).value.trim();
      if (v) q.set(k, v);
    }
    return q.toString();
  }

  async function list(event) {
    if (event) event.preventDefault();
    try {
      const runs = await api(`/api/runs?${query()}`);
      setStatus($("runs-status"), `${runs.length} run${runs.length === 1 ? "" : "s"}.`);
      $("runs-table").querySelector("tbody").replaceChildren(...runs.map(row));
    } catch (e) {
      setStatus($("runs-status"), e.message, true);
    }
  }

  function row(r) {
    const box = el("input", { type: "checkbox", "aria-label": `Compare run ${r.id}` });
    box.checked = selected.has(r.id);
    box.addEventListener("change", () => { box.checked ? selected.add(r.id) : selected.delete(r.id); updateCompare(); });
    const link = el("a", { href: `#${r.id}`, text: r.id });
    return el("tr", { "data-run": r.id },
      el("td", {}, box), el("td", {}, link), el("td", { text: r.kind }), el("td", { text: r.env }), el("td", { text: r.agent }),
      el("td", { text: String(r.seed) }), statusCell(r), el("td", { text: fmt(r.returnMean, 2) }),
      el("td", { text: fmt(r.performanceMean, 2) }), el("td", { text: fmt(r.gap, 2) }),
      el("td", { text: r.started.replace("T", " ").slice(0, 19) }));
  }

  // A run written on another machine reads "running on HOST?" (as in `goodhart runs list`): this machine cannot
  // check that process, so the run may have been interrupted there.
  function statusCell(r) {
    const cell = el("td", { text: r.statusText });
    if (r.writerElsewhere) {
      cell.title = `Written by a process on ${r.writerElsewhere}, which this machine cannot check; if that process stopped, the run was interrupted.`;
    }
    return cell;
  }

  function updateCompare() {
    const ids = [...selected];
    $("compare-button").disabled = ids.length < 1;
    for (const [id, fmtName] of [["compare-csv", "csv"], ["compare-json", "json"]]) {
      $(id).hidden = ids.length < 1;
      $(id).href = `/api/runs/export?ids=${encodeURIComponent(ids.join(","))}&format=${fmtName}`;
    }
  }

  async function compare() {
    const details = await Promise.all([...selected].map(id => api(`/api/runs/${encodeURIComponent(id)}`)));
    $("compare-section").hidden = false;
    const series = key => details.map((d, i) => ({
      name: `${d.run.id} (${d.run.env}, ${d.run.agent})`, color: COLORS[i % COLORS.length],
      points: d.training.episode.map((x, j) => [x, d.training[key][j]]),
    }));
    lineChart($("compare-return"), { series: series("return"), xLabel: "episode", yLabel: "return", title: "Training return of the selected runs" });
    lineChart($("compare-performance"), { series: series("performance"), xLabel: "episode", yLabel: "hidden performance", title: "Training hidden performance of the selected runs" });
    $("compare-section").scrollIntoView();
  }

  function metric(label, value, cls = "") {
    return el("div", { class: `metric ${cls}` }, el("span", { class: "k", text: label }), el("span", { class: "v", text: value }));
  }

  async function show(id) {
    let d;
    try {
      d = await api(`/api/runs/${encodeURIComponent(id)}`);
    } catch (e) {
      setStatus($("runs-status"), e.message, true);
      return;
    }
    const r = d.run;
    $("detail-section").hidden = false;
    $("detail-heading").textContent = `Run ${r.id}: ${r.env} / ${r.agent}, seed ${r.seed} (${r.statusText})`;
    $("detail-links").replaceChildren(
      el("a", { class: "button secondary", href: `/api/runs/${encodeURIComponent(r.id)}/export?format=csv`, download: `${r.id}.csv`, text: "Download CSV" }),
      el("a", { class: "button secondary", href: `/api/runs/${encodeURIComponent(r.id)}/export?format=json`, download: `${r.id}.json`, text: "Download JSON" }));
    $("detail-metrics").replaceChildren(
      metric("Episodes stored", String(d.episodeCount)),
      metric("Return (last episodes)", fmt(r.returnMean, 2), "return"),
      metric("Hidden performance", fmt(r.performanceMean, 2), "performance"),
      metric("Goodhart gap", fmt(r.gap, 2)));
    const bin = d.training.binSize > 1 ? ` (means of ${d.training.binSize} episodes)` : "";
    lineChart($("detail-training"), {
      series: [
        { name: `Return${bin}`, color: "#0b5cad", points: d.training.episode.map((x, i) => [x, d.training.return[i]]) },
        { name: `Hidden performance${bin}`, color: "#b34700", points: d.training.episode.map((x, i) => [x, d.training.performance[i]]), dash: "7 4" },
      ],
      xLabel: "episode", yLabel: "per episode", title: `Training episodes of ${r.id}`,
    });
    const groups = {};
    for (const [name, points] of Object.entries(d.metrics)) {
      const g = name.includes("/") ? name.slice(0, name.lastIndexOf("/")) : name;
      (groups[g] = groups[g] || []).push([name, points]);
    }
    const box = $("detail-series");
    box.replaceChildren();
    for (const [g, members] of Object.entries(groups)) {
      const holder = el("div");
      box.append(el("h3", { text: `Metrics: ${g}` }), holder);
      lineChart(holder, {
        series: members.map(([name, points], i) => ({ name, color: COLORS[i % COLORS.length], points })),
        xLabel: "step", yLabel: g, title: `Metric series ${g} of ${r.id}`,
      });
    }
    const plots = $("detail-plots");
    plots.replaceChildren();
    for (const [name, alt] of [["objectives", `Return and hidden performance over training of ${r.id}, with the oracle`], ["events", `Safety-event rates over training of ${r.id}`],
      ["greedy", `Greedy evaluation during training of ${r.id}: greedy return and hidden performance against env steps`]]) {
      const img = el("img", { src: `/api/runs/${encodeURIComponent(r.id)}/plots/${name}.png`, alt, class: "plot", loading: "lazy" });
      img.addEventListener("error", () => img.remove());
      plots.append(img);
    }
    $("detail-config").textContent = JSON.stringify({ config: d.config, summary: d.summary, code: d.codeVersion }, null, 2);
    $("detail-section").scrollIntoView();
  }

  function route() {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id) show(id);
  }

  $("filter-form").addEventListener("submit", list);
  $("compare-button").addEventListener("click", () => compare().catch(e => setStatus($("runs-status"), e.message, true)));
  window.addEventListener("hashchange", route);
  list().then(route);
})();
