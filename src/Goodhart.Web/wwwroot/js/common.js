// Goodhart workbench: shared helpers (API calls with the antiforgery header, SVG line charts, gridworld boards).
"use strict";

const Goodhart = (() => {
  let tokenPromise = null;

  function token() {
    if (!tokenPromise) {
      tokenPromise = fetch("/api/antiforgery", { credentials: "same-origin" }).then(r => r.json());
    }
    return tokenPromise;
  }

  async function api(path, options = {}) {
    const init = { credentials: "same-origin", headers: {}, ...options };
    if (init.body !== undefined && typeof init.body !== "string") {
      init.body = JSON.stringify(init.body);
      init.headers["Content-Type"] = "application/json";
    }
    if (init.method && init.method !== "GET") {
      const t = await token();
      init.headers[t.header] = t.token;
    }
    const response = await fetch(path, init);
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const message = data && data.error ? `${data.error}` : `${response.status} ${response.statusText}`;
      const error = new Error(message);
      error.status = response.status;
      error.field = data && data.field;
      throw error;
    }
    return data;
  }

  function fmt(x, digits = 1) {
    if (x === null || x === undefined || Number.isNaN(x)) return "–";
    return Number(x).toFixed(digits);
  }

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) e.append(c);
    return e;
  }

  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs = {}) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    return e;
  }

  function niceTicks(lo, hi, count) {
    if (lo === hi) { lo -= 1; hi += 1; }
    const span = hi - lo;
    const step0 = Math.pow(10, Math.floor(Math.log10(span / count)));
    const err = span / count / step0;
    const step = step0 * (err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1);
    const ticks = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return ticks;
  }

  // Draws series [{name, color, points: [[x, y], ...], dash}] into container as an accessible SVG line chart.
  function lineChart(container, { series, xLabel, yLabel, title, hlines = [], logX = false }) {
    container.replaceChildren();
    const W = 640, H = 300, L = 56, R = 14, T = 14, B = 44;
    const all = series.flatMap(s => s.points.filter(p => p[1] !== null && Number.isFinite(p[1])));
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img" });
    const t = svg("title"); t.textContent = title || `${yLabel} against ${xLabel}`;
    const d = svg("desc");
    d.textContent = series.map(s => {
      const pts = s.points.filter(p => p[1] !== null);
      const last = pts[pts.length - 1];
      return last ? `${s.name}: last value ${fmt(last[1])} at ${xLabel} ${fmt(last[0], 0)}` : `${s.name}: no data`;
    }).join("; ");
    chart.append(t, d);
    if (all.length === 0) {
      const msg = svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" });
      msg.textContent = "no data yet";
      chart.append(msg);
      container.append(chart);
      return chart;
    }
    const fx = x => logX ? Math.log2(Math.max(x, 1)) : x;
    let x0 = Math.min(...all.map(p => fx(p[0]))), x1 = Math.max(...all.map(p => fx(p[0])));
    let y0 = Math.min(...all.map(p => p[1]), ...hlines.map(h => h.y)), y1 = Math.max(...all.map(p => p[1]), ...hlines.map(h => h.y));
    if (x0 === x1) { x0 -= 1; x1 += 1; }
    if (y0 === y1) { y0 -= 1; y1 += 1; }
    const pad = (y1 - y0) * 0.06; y0 -= pad; y1 += pad;
    const sx = x => L + (fx(x) - x0) / (x1 - x0) * (W - L - R);
    const sy = y => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
    for (const ty of niceTicks(y0, y1, 5)) {
      chart.append(svg("line", { x1: L, x2: W - R, y1: sy(ty), y2: sy(ty), class: "gridline" }));
      const lab = svg("text", { x: L - 6, y: sy(ty) + 4, "text-anchor": "end" }); lab.textContent = fmt(ty, Math.abs(ty) < 10 && ty % 1 ? 1 : 0);
      chart.append(lab);
    }
    const xticks = logX ? Array.from({ length: Math.floor(x1) - Math.ceil(x0) + 1 }, (_, i) => Math.pow(2, Math.ceil(x0) + i)) : niceTicks(x0, x1, 6);
    const xDigits = !logX && xticks.length > 1 && Math.abs(xticks[1] - xticks[0]) < 1 ? 1 : 0;
    for (const tx of xticks) {
      const lab = svg("text", { x: sx(tx), y: H - B + 16, "text-anchor": "middle" }); lab.textContent = fmt(tx, xDigits);
      chart.append(lab);
    }
    chart.append(svg("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis" }));
    chart.append(svg("line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis" }));
    const xl = svg("text", { x: (L + W - R) / 2, y: H - 8, "text-anchor": "middle" }); xl.textContent = xLabel;
    const yl = svg("text", { x: 14, y: (T + H - B) / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${(T + H - B) / 2})` }); yl.textContent = yLabel;
    chart.append(xl, yl);
    for (const h of hlines) {
      chart.append(svg("line", { x1: L, x2: W - R, y1: sy(h.y), y2: sy(h.y), stroke: h.color || "#17643a", "stroke-dasharray": "6 4", "stroke-width": 1.5 }));
      const lab = svg("text", { x: W - R - 4, y: sy(h.y) - 5, "text-anchor": "end" }); lab.textContent = h.label;
      chart.append(lab);
    }
    series.forEach((s, i) => {
      const pts = s.points.filter(p => p[1] !== null && Number.isFinite(p[1]));
      if (pts.length === 0) return;
      const line = svg("polyline", {
        points: pts.map(p => `${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(" "),
        fill: "none", stroke: s.color, "stroke-width": 2.5, "stroke-linejoin": "round",
        "data-series": s.name, "data-last": pts[pts.length - 1][1], "data-first": pts[0][1],
      });
      if (s.dash) line.setAttribute("stroke-dasharray", s.dash);
      chart.append(line);
      if (pts.length <= 60) {
        for (const p of pts) chart.append(svg("circle", { cx: sx(p[0]), cy: sy(p[1]), r: 2.5, fill: s.color }));
      }
    });
    container.append(chart);
    const legend = el("div", { class: "legend" });
    const swatch = color => { const sw = el("span", { class: "swatch" }); sw.style.background = color; return sw; };
    for (const s of series) legend.append(el("span", {}, swatch(s.color), s.name));
    for (const h of hlines) legend.append(el("span", {}, swatch(h.color || "#17643a"), h.label));
    container.append(legend);
    return chart;
  }

  const TILE_NAMES = { "#": "wall", ">": "arrow", "<": "arrow", "v": "arrow", "^": "arrow", "G": "goal", "P": "punish", "S": "supervisor", "W": "water", "A": "agent" };
  const GLYPHS = { ">": "→", "<": "←", "v": "↓", "^": "↑", "A": "A", "#": "", " ": "" };

  // Draws board rows (strings) as a grid of cells; the agent's position is announced in the label.
  function drawBoard(container, rows, label) {
    container.replaceChildren();
    container.style.gridTemplateColumns = `repeat(${rows[0].length}, auto)`;
    let agent = null;
    rows.forEach((row, r) => {
      [...row].forEach((ch, c) => {
        if (ch === "A") agent = [r, c];
        const cls = TILE_NAMES[ch] ? `cell ${TILE_NAMES[ch]}` : "cell";
        container.append(el("div", { class: cls, "aria-hidden": "true", text: ch in GLYPHS ? GLYPHS[ch] : ch }));
      });
    });
    container.setAttribute("role", "img");
    container.setAttribute("aria-label", `${label || "Board"}: ${rows.length} by ${rows[0].length}` + (agent ? `, agent at row ${agent[0] + 1}, column ${agent[1] + 1}` : ""));
    container.dataset.rows = rows.join("\n");
  }

  function setStatus(node, text, isError = false) {
    node.textContent = text;
    node.classList.toggle("error", isError);
  }

  return { api, fmt, el, lineChart, drawBoard, setStatus };
})();
