import { SERVER_ICON } from '../../icons.js';
import { escapeHtml } from './escape.js';

/** What every page puts in the shell. */
export interface LayoutOptions {
  /** The document title and nothing else: plain text, escaped here. */
  title: string;
  /** The page's content: trusted HTML whose outside values the page already escaped. */
  body: string;
}

/**
 * A whole HTML document around `body`: language, viewport, the one inline style, the server icon
 * (an inline `data:` SVG, so it loads nothing) and a `<main>` landmark. Fits the policy in csp.ts.
 */
export function layout({ title, body }: LayoutOptions): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header class="brand"><img src="${escapeHtml(SERVER_ICON.src)}" alt="" width="28" height="28"><span>Cloutility MCP server</span></header>
${body}
</main>
</body>
</html>
`;
}

// Contrast: every text/background pair is at least 4.5:1 (WCAG AA) in both schemes.
const STYLE = `
:root{--bg:#f6f8fa;--card:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--accent:#0969da;--on-accent:#fff;--err-bg:#ffebe9;--err-fg:#82071e;--err-line:#cf222e;--info-bg:#ddf4ff;--info-fg:#0a3069;--info-line:#54aeff;--warn-fg:#7d4e00}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#151b23;--fg:#f0f6fc;--muted:#9198a1;--line:#3d444d;--accent:#4493f8;--on-accent:#0d1117;--err-bg:#3c1618;--err-fg:#ffc1bc;--err-line:#f85149;--info-bg:#0c2d6b;--info-fg:#cae8ff;--info-line:#4493f8;--warn-fg:#e3b341}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:34rem;margin:2rem auto;padding:1.5rem;background:var(--card);border:1px solid var(--line);border-radius:12px}
@media (max-width:36rem){main{margin:0;border:0;border-radius:0;min-height:100vh}}
.brand{display:flex;align-items:center;gap:.5rem;color:var(--muted);font-size:.9rem;margin-bottom:1rem}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 .75rem;overflow-wrap:anywhere}
p{margin:.5rem 0}
.muted{color:var(--muted);font-size:.9rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
.client{border:1px solid var(--line);border-radius:8px;padding:.5rem .75rem;margin:1rem 0}
.client dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .75rem;margin:0}
.client dt{color:var(--muted)}
.client dd{margin:0;overflow-wrap:anywhere}
.box{border:1px solid;border-radius:8px;padding:.5rem .75rem;margin:1rem 0}
.box.error{background:var(--err-bg);color:var(--err-fg);border-color:var(--err-line)}
.box.info{background:var(--info-bg);color:var(--info-fg);border-color:var(--info-line)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=password]{width:100%;padding:.55rem .65rem;font:inherit;color:inherit;background:var(--card);border:1px solid var(--muted);border-radius:6px}
fieldset{border:0;padding:0;margin:1rem 0}
legend{font-weight:600;padding:0;margin-bottom:.25rem}
.choice{display:grid;grid-template-columns:auto 1fr;gap:0 .6rem;padding:.5rem 0;border-top:1px solid var(--line)}
.choice input{margin:.3rem 0 0;width:1.1rem;height:1.1rem}
.choice label{margin:0}
.choice p{grid-column:2;margin:.1rem 0 0}
.writes{font-weight:400;font-size:.8rem;color:var(--warn-fg);margin-left:.4rem}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.25rem}
button{font:inherit;font-weight:600;padding:.55rem 1.1rem;border-radius:6px;border:1px solid var(--line);background:var(--card);color:var(--fg);cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:var(--on-accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
`
  .trim()
  .replace(/\n/g, '');
