/**
 * The page's stylesheet. Colours meet WCAG AA (4.5:1 for text) in both the light and the dark
 * scheme; print hides the controls and shows every interaction in full.
 */
export const PAGE_CSS = `
:root { color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --dim: #57606a; --line: #d0d7de; --panel: #f6f8fa; --focus: #0969da;
  --user: #0550ae; --assistant: #116329; --tool: #7d4e00; --system: #6639ba; --bad: #a40e26; --bad-bg: #ffebe9;
  --warn: #7d4e00; --warn-bg: #fff8c5; --ok: #116329; --mark: #fff8c5; --del-bg: #ffebe9; --ins-bg: #dafbe1; }
@media (prefers-color-scheme: dark) { :root {
  --bg: #0d1117; --fg: #e6edf3; --dim: #9198a1; --line: #3d444d; --panel: #151b23; --focus: #4493f8;
  --user: #79c0ff; --assistant: #7ee787; --tool: #e3b341; --system: #d2a8ff; --bad: #ffa198; --bad-bg: #3c1618;
  --warn: #e3b341; --warn-bg: #2e2611; --ok: #7ee787; --mark: #5c4a00; --del-bg: #4c1d22; --ins-bg: #173823; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
.bar { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 8px; align-items: center;
  padding: 8px 16px; background: var(--panel); border-bottom: 1px solid var(--line); }
.bar h1 { font-size: 16px; margin: 0 8px 0 0; }
.search { flex: 1 1 240px; max-width: 480px; padding: 6px 8px; font: inherit; color: var(--fg); background: var(--bg);
  border: 1px solid var(--line); border-radius: 6px; }
button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px;
  padding: 4px 10px; cursor: pointer; }
button[aria-pressed="true"] { background: var(--focus); border-color: var(--focus); color: var(--bg); }
:focus-visible, article.current { outline: 3px solid var(--focus); outline-offset: 2px; }
.layout { display: grid; grid-template-columns: minmax(180px, 260px) 1fr; }
.side { position: sticky; top: 52px; align-self: start; max-height: calc(100vh - 52px); overflow: auto; padding: 12px;
  border-right: 1px solid var(--line); }
.side h2 { font-size: 13px; color: var(--dim); margin: 0 0 8px; }
.side ul { list-style: none; margin: 0; padding: 0; }
.side a { display: flex; justify-content: space-between; gap: 8px; padding: 3px 6px; color: var(--fg); text-decoration: none;
  border-radius: 4px; overflow-wrap: anywhere; }
.side a:hover { background: var(--panel); }
.side .has-flags .name::after { content: " ●"; color: var(--bad); }
.side .n { color: var(--dim); }
.timeline { padding: 12px 20px 40px; min-width: 0; }
section.cassette { margin-bottom: 28px; }
section.cassette > h2 { font-size: 16px; margin: 8px 0 2px; overflow-wrap: anywhere; }
.meta, .dim { color: var(--dim); }
p.meta { margin: 2px 0 10px; font-size: 13px; }
article.x { border: 1px solid var(--line); border-radius: 8px; margin: 10px 0; background: var(--bg); overflow-anchor: auto; }
article.x:not(:has(.xb)) { min-height: 120px; }
.xh { display: flex; flex-wrap: wrap; gap: 10px; align-items: baseline; padding: 6px 12px; background: var(--panel);
  border-bottom: 1px solid var(--line); border-radius: 8px 8px 0 0; font-size: 13px; }
.num { font-weight: 700; }
.ep { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
.model { font-weight: 600; }
.st, .tag, .flag, .chg { border-radius: 10px; padding: 0 8px; border: 1px solid currentColor; font-size: 12px; }
.st.ok, .chg.same { color: var(--ok); }
.st.bad, .flag.bad, .chg.removed { color: var(--bad); }
.flag.warn, .chg.changed { color: var(--warn); }
.chg.added { color: var(--ok); }
.xb { padding: 8px 12px; }
.turn { display: grid; grid-template-columns: 96px 1fr; gap: 8px; padding: 6px 0; border-top: 1px dashed var(--line); }
.turn:first-child { border-top: 0; }
.who { font-weight: 700; font-size: 13px; }
.r-user .who { color: var(--user); } .r-assistant .who { color: var(--assistant); }
.r-tool .who { color: var(--tool); } .r-system .who, .r-developer .who { color: var(--system); }
.what { min-width: 0; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
pre.code { margin: 4px 0; padding: 6px 8px; background: var(--panel); border-radius: 6px; white-space: pre-wrap;
  overflow-wrap: anywhere; font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; max-height: 480px; overflow: auto; }
.call { margin: 4px 0; }
.fn { font-weight: 700; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
.arrow { color: var(--tool); }
.reasoning summary { cursor: pointer; color: var(--system); }
.refusal, .error { margin: 6px 0; padding: 6px 10px; border-radius: 6px; color: var(--bad); background: var(--bad-bg); }
.response { margin-top: 6px; border-top: 1px solid var(--line); padding-top: 4px; }
.fold { margin: 4px 0; color: var(--dim); }
.flagged.warn { color: var(--warn); background: var(--warn-bg); padding: 4px 8px; border-radius: 6px; }
ul.problems { margin: 6px 0; padding: 6px 10px 6px 28px; background: var(--bad-bg); color: var(--bad); border-radius: 6px; }
ul.problems .dim { color: var(--bad); }
mark { background: var(--mark); color: var(--fg); }
del { background: var(--del-bg); color: var(--fg); }
ins { background: var(--ins-bg); color: var(--fg); text-decoration: none; }
.changes { padding: 6px 10px; background: var(--panel); border-radius: 6px; margin-bottom: 8px; }
.changes .label { font-weight: 700; font-size: 13px; }
ul.paths { margin: 2px 0 6px; padding-left: 20px; font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.side.old, .side.new { min-width: 0; border: 1px solid var(--line); border-radius: 6px; }
.side.old h3, .side.new h3 { margin: 0; padding: 4px 10px; font-size: 13px; background: var(--panel); overflow-wrap: anywhere; }
.help { position: fixed; right: 16px; top: 60px; z-index: 3; padding: 12px 16px; background: var(--bg); border: 1px solid var(--line);
  border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,.2); }
.help h2 { margin: 0 0 6px; font-size: 15px; }
.help dl { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0; }
.help dd { margin: 0; }
kbd { border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; font: 12px ui-monospace, monospace; }
footer { padding: 12px 20px; border-top: 1px solid var(--line); font-size: 12px; }
[hidden] { display: none !important; }
@media print {
  .bar, .side, .help, .fold { display: none !important; }
  .layout { display: block; }
  article.x { break-inside: avoid-page; }
  pre.code { max-height: none; overflow: visible; }
  body { font-size: 12px; }
}
`;
