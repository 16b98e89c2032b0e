// The console's reports as pictures: uPlot charts (served from its webjar, no build step), each with the same
// numbers in a table beside it for those who read numbers, or use a screen reader.
import { h, $ } from './dom.js';

const Z_975 = 1.959964;
const COLOURS = ['#0969da', '#1a7f37', '#cf222e', '#8250df', '#9a6700', '#1b7c83', '#bc4c00', '#57606a'];
const DAY_MS = 86400000;

/** Inputs of datetime-local are local time; the range's default is the last week and the day ahead. */
export function defaultRange(form) {
  const local = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
  form.from.value ||= local(new Date(Date.now() - 7 * DAY_MS));
  form.to.value ||= local(new Date(Date.now() + DAY_MS));
}

let asked = 0; // the latest request wins: an earlier, slower answer must not draw over a later one

export async function showReports(api) {
  const mine = ++asked;
  const form = $('#reports-form');
  const range = `from=${new Date(form.from.value).toISOString()}&to=${new Date(form.to.value).toISOString()}`;
  const [experiments, analytics] = await Promise.all([
    api.call('GET', `/admin/v1/reports/experiments?${range}`),
    api.call('GET', `/admin/v1/reports/analytics?${range}`)]);
  if (mine !== asked) return;
  renderExperiments(experiments, form.metric.value);
  renderDaily(analytics);
  const steps = form.steps.value.split(',').map((s) => s.trim()).filter(Boolean);
  const funnel = $('#report-funnel');
  if (steps.length < 2) {
    clearChart($('.chart', funnel));
    $('.table', funnel).replaceChildren(h('p', { class: 'muted' }, 'Name 2 to 10 registered event types to see a funnel.'));
    return;
  }
  const funnelReport = await api.call('GET', `/admin/v1/reports/funnel?${range}&steps=${encodeURIComponent(steps.join(','))}`);
  if (mine === asked) renderFunnel(funnelReport);
}

// ---------- experiments ----------

/** Wilson score interval of a proportion: stays inside [0, 1] and behaves with few trials, unlike Wald's. */
export function wilson(successes, trials) {
  if (!trials) return [null, null];
  const p = successes / trials;
  const z2 = Z_975 * Z_975;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (Z_975 * Math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function renderExperiments(report, metric) {
  const el = $('#report-experiments');
  const variants = report.variants;
  const rates = variants.map((v) => v[metric]);
  const intervals = rates.map((r) => wilson(r.successes, r.trials));
  intervalChart($('#chart-rates'), variants.map((v) => v.variant), rates.map((r) => r.rate),
    intervals.map((i) => i[0]), intervals.map((i) => i[1]), `${metric} rate`);
  const compared = variants.filter((v) => v[metric].vsControl);
  intervalChart($('#chart-differences'), compared.map((v) => `${v.variant} − ${report.controlVariant}`),
    compared.map((v) => v[metric].vsControl.difference), compared.map((v) => v[metric].vsControl.ciLow),
    compared.map((v) => v[metric].vsControl.ciHigh), 'difference to control', true);
  const pct = (x) => (x == null ? '–' : `${(x * 100).toFixed(1)}%`);
  const points = (x) => (x == null ? '–' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pp`);
  $('.table', el).replaceChildren(table(
    ['variant', 'users', 'sessions', `${metric}`, '95% interval', `vs ${report.controlVariant}`, '95% interval', 'p-value'],
    variants.map((v, i) => {
      const r = v[metric];
      const c = r.vsControl;
      return [v.variant + (v.variant === report.controlVariant ? ' (control)' : ''), v.users, v.sessions,
        `${pct(r.rate)} (${r.successes}/${r.trials})`, r.rate == null ? '–' : `${pct(intervals[i][0])} – ${pct(intervals[i][1])}`,
        c ? points(c.difference) : '–', c ? `${points(c.ciLow)} – ${points(c.ciHigh)}` : '–',
        c ? c.pValue.toPrecision(2) : '–'];
    }),
    variants.length ? null : 'No sessions started in this range.'));
}

/** Points with whiskers: one per category, at its value, from its interval's low to its high end. */
function intervalChart(el, labels, mid, low, high, label, zeroLine = false) {
  const x = labels.map((_, i) => i);
  const whiskers = (u) => {
    const { ctx } = u;
    ctx.save();
    ctx.strokeStyle = '#1f2328';
    ctx.lineWidth = 2 * devicePixelRatio;
    x.forEach((i) => {
      if (low[i] == null || high[i] == null) return;
      const cx = u.valToPos(i, 'x', true);
      const cap = 6 * devicePixelRatio;
      const [y0, y1] = [u.valToPos(low[i], 'y', true), u.valToPos(high[i], 'y', true)];
      ctx.beginPath();
      ctx.moveTo(cx, y0); ctx.lineTo(cx, y1);
      ctx.moveTo(cx - cap, y0); ctx.lineTo(cx + cap, y0);
      ctx.moveTo(cx - cap, y1); ctx.lineTo(cx + cap, y1);
      ctx.stroke();
    });
    if (zeroLine) {
      const y = u.valToPos(0, 'y', true);
      ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.strokeStyle = '#57606a';
      ctx.beginPath();
      ctx.moveTo(u.bbox.left, y); ctx.lineTo(u.bbox.left + u.bbox.width, y);
      ctx.stroke();
    }
    ctx.restore();
  };
  const values = [...low, ...high, ...mid, ...(zeroLine ? [0] : [])].filter((v) => v != null);
  const [min, max] = values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
  const pad = Math.max((max - min) * 0.1, 0.02);
  plot(el, {
    scales: { x: { time: false, range: [-0.5, Math.max(labels.length - 0.5, 0.5)] },
      y: { range: [zeroLine ? min - pad : Math.max(0, min - pad), zeroLine ? max + pad : Math.min(1, max + pad)] } },
    axes: [{ splits: () => x, values: (u, splits) => splits.map((i) => labels[i] ?? '') },
      { values: (u, splits) => splits.map((v) => `${Math.round(v * 1000) / 10}%`), size: 56 }],
    series: [{ label: 'variant', value: (u, i) => labels[i] ?? '–' },
      { label, stroke: COLOURS[0], width: 0, paths: () => null, points: { show: true, size: 10, fill: COLOURS[0] },
        value: (u, v) => (v == null ? '–' : `${(v * 100).toFixed(1)}%`) }],
    hooks: { draw: [whiskers] },
  }, [x, mid], label);
}

// ---------- daily analytics counts ----------

function renderDaily(report) {
  const el = $('#report-analytics');
  const types = Object.keys(report.totals).sort();
  const days = report.days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000);
  plot($('#chart-daily'), {
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'), // the report counts UTC days
    scales: { x: { time: true, range: (u, min, max) => [min - 43200, max + 43200] }, // half a day either side
      y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
    // ticks on whole days only, named as the table names them
    axes: [{ incrs: [1, 2, 7, 14, 30, 91, 365].map((d) => d * 86400),
      values: (u, splits) => splits.map((ts) => new Date(ts * 1000).toISOString().slice(0, 10)) }, { size: 56 }],
    series: [{ label: 'day (UTC)', value: (u, ts) => (ts == null ? '–' : new Date(ts * 1000).toISOString().slice(0, 10)) }, ...types.map((t, i) => ({ label: t, stroke: COLOURS[i % COLOURS.length], width: 2,
      points: { show: true, size: 6 } }))],
  }, [days, ...types.map((t) => report.days.map((d) => d.counts[t] ?? 0))], 'events per day');
  $('.table', el).replaceChildren(table(['day (UTC)', ...types, 'total'],
    report.days.map((d) => [d.day, ...types.map((t) => d.counts[t] ?? 0), d.total]),
    report.days.length ? null : 'No analytics events in this range.'));
}

// ---------- funnel ----------

function renderFunnel(report) {
  const el = $('#report-funnel');
  const x = report.steps.map((_, i) => i);
  const pct = (v) => (v == null ? '–' : `${(v * 100).toFixed(1)}%`);
  const conversions = (u) => {
    const { ctx } = u;
    ctx.save();
    ctx.fillStyle = '#1f2328';
    ctx.textAlign = 'center';
    ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
    report.steps.forEach((s, i) => {
      if (s.conversionFromPrevious == null) return;
      ctx.fillText(`→ ${pct(s.conversionFromPrevious)}`, u.valToPos(i, 'x', true), u.valToPos(s.sessions, 'y', true) - 6 * devicePixelRatio);
    });
    ctx.restore();
  };
  plot($('#chart-funnel'), {
    scales: { x: { time: false, range: [-0.5, Math.max(x.length - 0.5, 0.5)] },
      y: { range: (u, min, max) => [0, Math.max(1, max * 1.2)] } },
    // event names are long: the axis numbers the steps, the table beside names them
    axes: [{ splits: () => x, values: (u, splits) => splits.map((i) => (report.steps[i] ? `step ${i + 1}` : '')) }, { size: 56 }],
    series: [{ label: 'step', value: (u, i) => report.steps[i]?.eventName ?? '–' },
      { label: 'sessions', stroke: COLOURS[0], fill: 'rgba(9, 105, 218, .35)', paths: uPlot.paths.bars({ size: [0.6, 96] }),
        points: { show: false } }],
    hooks: { draw: [conversions] },
  }, [x, report.steps.map((s) => s.sessions)], 'sessions per step');
  $('.table', el).replaceChildren(table(['step', 'event type', 'sessions', 'from previous step', 'from step 1'],
    report.steps.map((s) => [s.step, s.eventName, s.sessions, pct(s.conversionFromPrevious), pct(s.conversionFromFirst)])));
}

// ---------- shared ----------

function clearChart(el) {
  el.uplot?.destroy();
  el.uplot = null;
  el.replaceChildren();
}

/** Draws a chart into el (replacing the one before) and keeps the uPlot instance on el.uplot for tests and reuse. */
function plot(el, options, data, label) {
  clearChart(el);
  const width = Math.max(240, Math.min(el.clientWidth || 480, 560)); // the chart fits its box: nothing to scroll
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', `${label}: chart of the numbers in the table beside it`);
  el.uplot = new uPlot({ width, height: 220, legend: { live: false }, ...options }, data, el);
}

function table(headers, rows, empty = null) {
  return h('table', { class: 'grid-table' },
    h('thead', {}, h('tr', {}, ...headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ...(rows.length ? rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, String(c)))))
      : [h('tr', {}, h('td', { colspan: headers.length, class: 'muted' }, empty || 'No data.'))])));
}
