namespace Goodhart.Reports;

/// <summary>The report page's inline CSS (no external resources: the report opens offline and stays as written).</summary>
internal static class ReportStyleSheet
{
    public const string Css = """
        :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #1f77b4; --hidden: #d95f02; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #fff; color: var(--ink);
          font: 16px/1.55 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 1040px; margin: 0 auto; padding: 32px 24px 64px; }
        h1 { font-size: 1.9rem; margin: 0 0 4px; }
        h2 { font-size: 1.4rem; margin: 48px 0 12px; padding-top: 16px; border-top: 2px solid var(--line); }
        h3 { font-size: 1.1rem; margin: 24px 0 8px; }
        p { margin: 8px 0; }
        .lede { color: var(--muted); margin-bottom: 24px; }
        .explain { background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 12px 20px; }
        .explain dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0 4px; }
        .explain dt { font-weight: bold; }
        .explain dd { margin: 0; }
        .visible { color: var(--accent); font-weight: bold; }
        .hidden { color: var(--hidden); font-weight: bold; }
        table { border-collapse: collapse; margin: 8px 0 16px; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid var(--line); padding: 5px 12px; text-align: left; vertical-align: top; }
        thead th { background: var(--soft); }
        td.num { text-align: right; white-space: nowrap; }
        tbody tr:nth-child(even) { background: #fbfcfd; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
        dl.meta dt { color: var(--muted); }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9em; }
        details { margin: 8px 0 16px; border: 1px solid var(--line); border-radius: 6px; }
        summary { cursor: pointer; padding: 6px 12px; background: var(--soft); }
        details pre { margin: 0; padding: 12px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
        figure { margin: 16px 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
        figcaption { color: var(--muted); font-size: 0.92rem; margin-top: 4px; }
        .reading { border-left: 4px solid var(--hidden); padding: 4px 16px; }
        .note { color: var(--muted); }
        footer { margin-top: 48px; color: var(--muted); font-size: 0.9rem; }
        """;
}
