import {
  type BackupHealthResult,
  type BackupHistory,
  formatAge,
  HEALTH_CATEGORIES,
  healthStatus,
  needsAttention,
  successRate,
  type UnitHealth,
} from '@cloutapi/resources';

/** Escapes text for HTML content and attribute values. */
function escapeHtml(text: unknown): string {
  return String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** JSON that is safe inside a `<script>` element: nothing in it can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

const COLOR: Record<string, string> = {
  failed: '#d64545',
  never: '#8e44ad',
  'at-risk': '#e67e22',
  unknown: '#7f8c8d',
  warning: '#e1b12c',
  'not-activated': '#95a5a6',
  excluded: '#bdc3c7',
  ok: '#2e9e5b',
  none: '#d0d4d9',
};

const fmtMb = (mb: number) =>
  mb >= 1_048_576
    ? `${(mb / 1_048_576).toFixed(1)} TB`
    : mb >= 1024
      ? `${(mb / 1024).toFixed(1)} GB`
      : `${Math.round(mb)} MB`;

/** How many days the per-unit trend shows. */
const TREND_DAYS = 7;

/**
 * Each unit's last week: per day the share of its machines' backups that worked (of those that
 * reported), coloured from red to green; a day without reports is blank. Drawn in the page's
 * HTML itself: the numbers read without the script.
 */
function trendTable(units: readonly UnitHealth[], history: BackupHistory): string {
  const days = history.days.slice(-TREND_DAYS);
  const rows = units
    .filter((u) => history.units.has(u.id))
    .map((u) => {
      const cells = (history.units.get(u.id) ?? []).slice(-TREND_DAYS).map((day) => {
        const rate = successRate(day);
        const reported = day.ok + day.warning + day.failed;
        if (rate === undefined) return '<td class="num trend" title="no report">.</td>';
        const title = `${day.ok + day.warning} of ${reported} backups worked${day.none ? `; ${day.none} machine(s) without a report` : ''}`;
        return `<td class="num trend" style="background:${rateColor(rate)}" title="${escapeHtml(title)}">${Math.round(rate * 100)}%</td>`;
      });
      return `<tr><td>${escapeHtml(u.path.join(' › '))}</td>${cells.join('')}</tr>`;
    });
  if (!rows.length) return '';
  const head = days.map((d) => `<th class="num">${escapeHtml(d.date.slice(5))}</th>`).join('');
  return `<h2>Last ${TREND_DAYS} days per unit: backups that worked</h2><table class="trend"><tr><th>unit</th>${head}</tr>${rows.join('')}</table>`;
}

/** Red (0%) through amber to green (100%), pale enough for black text. */
function rateColor(rate: number): string {
  const hue = Math.round(rate * 120);
  return `hsl(${hue} 70% 82%)`;
}

/**
 * One self-contained HTML page: the summary, a chart of stored data per unit, a chart of daily
 * backup results, the machines needing attention and every unit with its machines. No external
 * asset and no network access (a Content-Security-Policy forbids any); the charts are SVG drawn
 * by an inline script from data embedded as JSON; every server string is escaped.
 */
export function htmlReport(result: BackupHealthResult, history: BackupHistory): string {
  const { days } = history;
  const status = healthStatus(result);
  const c = result.counts;
  const units = result.units.filter((u) => u.machines > 0 || u.error);
  const chartData = {
    colors: COLOR,
    units: units
      .filter((u) => u.storedMegaBytes > 0)
      .sort((a, b) => b.storedMegaBytes - a.storedMegaBytes)
      .map((u) => ({ name: u.path.slice(1).join(' › ') || u.name, mb: u.storedMegaBytes })),
    days,
  };
  const cards = HEALTH_CATEGORIES.map(
    (k) =>
      `<div class="card" style="border-color:${COLOR[k]}"><b>${c[k]}</b><span>${escapeHtml(k)}</span></div>`,
  ).join('');
  const row = (m: BackupHealthResult['machines'][number]) =>
    `<tr><td><span class="tag" style="background:${COLOR[m.category]}">${escapeHtml(m.category)}</span></td><td>${escapeHtml(m.name)}</td><td>${escapeHtml(m.nodeName ?? '')}</td><td>${escapeHtml(m.lastSuccessAgeMs === undefined ? 'never' : `${formatAge(m.lastSuccessAgeMs)} ago`)}</td><td>${escapeHtml(m.reportStatus ?? '')}</td><td class="num">${m.storedMegaBytes === undefined ? '' : escapeHtml(fmtMb(m.storedMegaBytes))}</td><td>${escapeHtml(m.reason)}</td><td class="num">${m.bunitId}/${m.consumerId}</td></tr>`;
  const head =
    '<tr><th>status</th><th>machine</th><th>node</th><th>last good backup</th><th>report</th><th>stored</th><th>why</th><th>ids</th></tr>';
  const needing = result.machines.filter(needsAttention);
  const unitSections = units
    .map((u) => {
      const machines = result.machines.filter((m) => m.bunitId === u.id);
      const counts = HEALTH_CATEGORIES.filter((k) => u.counts[k] > 0)
        .map((k) => `${u.counts[k]} ${k}`)
        .join(', ');
      const bad = machines.some(needsAttention) || u.error !== undefined;
      return `<details${bad ? ' open' : ''}><summary>${escapeHtml(u.path.join(' › '))} <small>(#${u.id}) ${escapeHtml(u.error ? `could not be listed: ${u.error}` : counts || 'no machines')}</small></summary><table>${head}${machines.map(row).join('')}</table></details>`;
    })
    .join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backup health ${escapeHtml(status.toUpperCase())}: ${escapeHtml(result.checkedAt)}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1200px;color:#1d2733;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.status{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff;font-weight:600}
.cards{display:flex;gap:10px;flex-wrap:wrap;margin:14px 0}
.card{border-left:5px solid;background:#f5f7f9;padding:8px 14px;min-width:90px}
.card b{display:block;font-size:22px}.card span{color:#566}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:24px}
@media (max-width:900px){.charts{grid-template-columns:1fr}}
svg{width:100%;height:auto;background:#fbfcfd;border:1px solid #e3e7eb}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e8ebee;vertical-align:top}
th{background:#f1f4f6;font-weight:600}.num{text-align:right;white-space:nowrap}
.tag{color:#fff;border-radius:3px;padding:0 6px;font-size:12px;white-space:nowrap}
details{margin:4px 0}summary{cursor:pointer;font-weight:600;padding:4px 0}summary small{font-weight:400;color:#566}
.legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
</style>
</head>
<body>
<h1>Backup health <span class="status" style="background:${status === 'ok' ? COLOR.ok : status === 'warning' ? COLOR.warning : status === 'unknown' ? COLOR.unknown : COLOR.failed}">${escapeHtml(status.toUpperCase())}</span></h1>
<div>${result.machines.length} machines in ${units.length} units, checked ${escapeHtml(result.checkedAt)}; at risk after ${escapeHtml(formatAge(result.atRiskAfterMs))} without a successful backup.</div>
<div class="cards">${cards}</div>
${result.notes.length ? `<ul>${result.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : ''}
<div class="charts">
<section><h2>Stored data per unit</h2><svg id="stored" role="img" aria-label="Stored data per unit"></svg></section>
<section><h2>Daily backup results, last ${days.length} days</h2><svg id="daily" role="img" aria-label="Daily backup results"></svg>
<div class="legend">${['ok', 'warning', 'failed', 'none'].map((k) => `<span><i style="background:${COLOR[k]}"></i>${k === 'none' ? 'no report' : k}</span>`).join('')}</div></section>
</div>
${trendTable(units, history)}
<h2>Needing attention (${needing.length}), worst first</h2>
${needing.length ? `<table>${head}${needing.map(row).join('')}</table>` : '<p>Every machine backed up recently without warnings.</p>'}
<h2>Every unit and machine</h2>
${unitSections}
<script type="application/json" id="chart-data">${scriptJson(chartData)}</script>
<script>
(function () {
  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  function el(name, attrs, parent, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    parent.appendChild(e);
    return e;
  }
  function size(mb) {
    return mb >= 1048576 ? (mb / 1048576).toFixed(1) + ' TB' : mb >= 1024 ? (mb / 1024).toFixed(1) + ' GB' : Math.round(mb) + ' MB';
  }
  var stored = document.getElementById('stored');
  var units = data.units.slice(0, 25);
  var rowH = 22, labelW = 230, width = 600, h = Math.max(60, units.length * rowH + 20);
  stored.setAttribute('viewBox', '0 0 ' + width + ' ' + h);
  var max = Math.max.apply(null, units.map(function (u) { return u.mb; }).concat([1]));
  units.forEach(function (u, i) {
    var y = 10 + i * rowH, w = Math.max(1, (width - labelW - 80) * u.mb / max);
    el('text', { x: labelW - 6, y: y + 14, 'text-anchor': 'end', 'font-size': 11 }, stored, u.name.length > 34 ? '…' + u.name.slice(-33) : u.name);
    var bar = el('rect', { x: labelW, y: y + 3, width: w, height: rowH - 6, fill: '#3b7dd8', 'class': 'bar' }, stored);
    el('title', {}, bar, u.name + ': ' + size(u.mb));
    el('text', { x: labelW + w + 4, y: y + 14, 'font-size': 11, fill: '#566' }, stored, size(u.mb));
  });
  if (!units.length) el('text', { x: 10, y: 30, 'font-size': 12 }, stored, 'No stored data reported.');

  var daily = document.getElementById('daily');
  var days = data.days, W = 560, H = 240, left = 36, bottom = 40, top = 10;
  daily.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
  var totals = days.map(function (d) { return d.ok + d.warning + d.failed + d.none; });
  var most = Math.max.apply(null, totals.concat([1]));
  var bw = (W - left - 10) / Math.max(1, days.length);
  el('line', { x1: left, y1: H - bottom, x2: W - 6, y2: H - bottom, stroke: '#99a' }, daily);
  el('text', { x: left - 4, y: top + 8, 'text-anchor': 'end', 'font-size': 10 }, daily, String(most));
  el('text', { x: left - 4, y: H - bottom, 'text-anchor': 'end', 'font-size': 10 }, daily, '0');
  days.forEach(function (d, i) {
    var x = left + i * bw, y = H - bottom;
    ['ok', 'warning', 'failed', 'none'].forEach(function (k) {
      if (!d[k]) return;
      var hh = (H - bottom - top) * d[k] / most;
      y -= hh;
      var r = el('rect', { x: x + 1, y: y, width: Math.max(1, bw - 2), height: hh, fill: data.colors[k], 'class': 'bar' }, daily);
      el('title', {}, r, d.date + ': ' + d[k] + ' ' + (k === 'none' ? 'no report' : k));
    });
    if (i % 5 === 0 || i === days.length - 1)
      el('text', { x: x + bw / 2, y: H - bottom + 14, 'text-anchor': 'middle', 'font-size': 9 }, daily, d.date.slice(5));
  });
  document.body.setAttribute('data-charts', 'drawn');
})();
</script>
</body>
</html>
`;
}
