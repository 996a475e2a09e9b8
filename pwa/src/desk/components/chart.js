/**
 * Small hand-written SVG bar charts for the desk (no chart library: horizontal bars with
 * labels are a few dozen lines, and a library would bring a large chunk and its own
 * accessibility problems).
 *
 * Readable without colour: each series has its own fill pattern (solid, diagonal lines,
 * dots, cross-hatch) shown in a legend, every bar carries its value as text, and the
 * chart is role="img" with a <title> and <desc> that say what it shows. The numbers are
 * always also in a table next to the chart (the chart is a picture of that table).
 */
import { html, nothing, svg } from 'lit-html';
import { formatNumber } from '../../i18n.js';

const WIDTH = 720;
const LABEL = 230; // the row labels' column
const VALUE = 64; // room after the longest bar for its value label
const BAR = 16;
const GAP = 4;
const ROW_GAP = 12;

const PATTERNS = [
  (id) => svg`<pattern id=${id} width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#0b3d6b"/></pattern>`,
  (id) => svg`<pattern id=${id} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="8" height="8" fill="#fff"/><rect width="3.5" height="8" fill="#7a4f00"/></pattern>`,
  (id) => svg`<pattern id=${id} width="7" height="7" patternUnits="userSpaceOnUse">
      <rect width="7" height="7" fill="#fff"/><circle cx="3.5" cy="3.5" r="2" fill="#1b1b1b"/></pattern>`,
  (id) => svg`<pattern id=${id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" fill="#fff"/><path d="M0 0L8 8M8 0L0 8" stroke="#b00020" stroke-width="1.5"/></pattern>`,
  // More series (a stacked chart has one per department): still told apart without colour.
  (id) => svg`<pattern id=${id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" fill="#fff"/><rect y="2" width="8" height="3" fill="#005f56"/></pattern>`,
  (id) => svg`<pattern id=${id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" fill="#fff"/><rect x="2" width="3" height="8" fill="#5b2a86"/></pattern>`,
  (id) => svg`<pattern id=${id} width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#b9c6d3"/></pattern>`,
  (id) => svg`<pattern id=${id} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
      <rect width="8" height="8" fill="#fff"/><rect width="2" height="8" fill="#1b1b1b"/></pattern>`,
  (id) => svg`<pattern id=${id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" fill="#fff"/><rect width="4" height="4" fill="#8a3b12"/><rect x="4" y="4" width="4" height="4" fill="#8a3b12"/></pattern>`,
  (id) => svg`<pattern id=${id} width="6" height="6" patternUnits="userSpaceOnUse">
      <rect width="6" height="6" fill="#fff"/><path d="M0 0H6V6" fill="none" stroke="#0b3d6b" stroke-width="1.2"/></pattern>`,
];

let charts = 0;

const LINE = 15; // a label line's height (the labels are 13 px)

// A character's width at 13 px, over-estimated: the SVG cannot measure before it is drawn, and a
// label wider than its column is cut off at the image's left edge. Han, kana and Hangul are square.
const WIDE = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;
// Measured in Chromium against system-ui: Latin and Cyrillic letters 6-7, Armenian 8-8.5, M and W 11.6.
function charWidth(c) {
  if (WIDE.test(c) || c === '…') return 13;
  if (/[MWmw]/.test(c)) return 12;
  if (/[A-Z\u0530-\u058f]/.test(c)) return 9.5;
  return 7.2;
}
const widthOf = (text) => [...text].reduce((w, c) => w + charWidth(c), 0);

/**
 * A label as the lines that fit the label column (`width` units, at most `lines` lines): broken
 * between words where it can (inside a word too long for a line, or a language without spaces),
 * the last line ending in "…" when text is left over. The full text is in the table beside the chart.
 */
export function labelLines(text, { width = LABEL - 14, lines = 1 } = {}) {
  const out = [];
  let rest = String(text).trim();
  while (rest && out.length < lines) {
    let cut = 0;
    let w = 0;
    const chars = [...rest];
    while (cut < chars.length && w + charWidth(chars[cut]) <= width) w += charWidth(chars[cut++]);
    if (cut >= chars.length) { out.push(rest); rest = ''; break; }
    const space = chars.slice(0, cut + 1).lastIndexOf(' ');
    const last = out.length === lines - 1;
    if (last) {
      // Room for the ellipsis: drop characters until it fits.
      while (cut > 0 && w + charWidth('…') > width) w -= charWidth(chars[--cut]);
      out.push(`${chars.slice(0, cut).join('').trimEnd()}…`);
      rest = '';
    } else {
      const end = space > 0 ? space : cut;
      out.push(chars.slice(0, end).join('').trimEnd());
      rest = chars.slice(end).join('').trimStart();
    }
  }
  return out;
}

/** A row's label, right-aligned before the bars and centred on the row; several lines when the row has room. */
function rowLabel(text, middle, room) {
  const lines = labelLines(text, { lines: Math.max(1, Math.min(2, Math.floor(room / LINE))) });
  if (lines.length === 1) {
    return svg`<text x=${LABEL - 8} y=${middle} text-anchor="end" dominant-baseline="middle" class="chart-label">${lines[0]}</text>`;
  }
  const first = middle - ((lines.length - 1) * LINE) / 2;
  return svg`<text x=${LABEL - 8} y=${first} text-anchor="end" dominant-baseline="middle" class="chart-label"
    >${lines.map((line, i) => svg`<tspan x=${LABEL - 8} dy=${i ? LINE : 0}>${line}</tspan>`)}</text>`;
}

/** A legend swatch for series `i`, as its own small SVG (decorative: the legend text names it). */
function swatch(prefix, i) {
  return html`<svg class="swatch" width="18" height="14" aria-hidden="true" focusable="false">
    <defs>${PATTERNS[i % PATTERNS.length](`${prefix}-l${i}`)}</defs>
    <rect width="18" height="14" fill="url(#${prefix}-l${i})" stroke="#1b1b1b"/></svg>`;
}

/** The legend: one swatch and name per series. */
function legend(prefix, series) {
  return html`<ul class="chart-legend">
    ${series.map((s, i) => html`<li>${swatch(prefix, i)} ${s.label}</li>`)}</ul>`;
}

/** The chart's frame: legend, an SVG image named by its title and description, its patterns, and the rows drawn. */
function frame({ prefix, title, desc, height, series, withLegend, className, body }) {
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  return html`
    <figure class="chart ${className}">
      ${withLegend ? legend(prefix, series) : nothing}
      <svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${titleId} ${descId}"
        preserveAspectRatio="xMinYMin meet" focusable="false">
        <title id=${titleId}>${title}</title>
        <desc id=${descId}>${desc}</desc>
        <defs>${series.map((_, i) => PATTERNS[i % PATTERNS.length](`${prefix}-p${i}`))}</defs>
        ${body}
      </svg>
    </figure>`;
}

/**
 * A horizontal bar chart: one row per item, one bar per series in each row.
 *
 * rows: [{label, values: [number|null per series]}]; series: [{label}];
 * format(value, seriesIndex) is the text written after each bar ("42%", "3 min").
 * A null value draws no bar and is labelled `empty` (e.g. "no data").
 */
export function barChart({ title, desc, rows, series, format = formatNumber, max, empty = '–', className = '' }) {
  charts += 1;
  const prefix = `chart${charts}`;
  const top = Math.max(0, ...rows.flatMap((r) => r.values.filter((v) => v !== null && v !== undefined)));
  const scaleMax = max ?? (top || 1);
  const plot = WIDTH - LABEL - VALUE;
  const rowHeight = series.length * (BAR + GAP) - GAP + ROW_GAP;
  const height = Math.max(rows.length * rowHeight, BAR + ROW_GAP);
  return frame({ prefix, title, desc, height, series, withLegend: series.length > 1, className, body: rows.map((row, r) => {
          const y0 = r * rowHeight;
          return svg`
            <g class="chart-row">
              ${rowLabel(row.label, y0 + (rowHeight - ROW_GAP) / 2, rowHeight - ROW_GAP + GAP)}
              ${row.values.map((value, i) => {
                const y = y0 + i * (BAR + GAP);
                const missing = value === null || value === undefined;
                const w = missing ? 0 : Math.max(value > 0 ? 1.5 : 0, (Math.min(value, scaleMax) / scaleMax) * plot);
                return svg`
                  ${missing ? nothing : svg`<rect x=${LABEL} y=${y} width=${w} height=${BAR}
                    fill="url(#${prefix}-p${i % PATTERNS.length})" stroke="#1b1b1b" stroke-width="1"/>`}
                  <text x=${LABEL + w + 6} y=${y + BAR / 2} dominant-baseline="middle" class="chart-value">${missing ? empty : format(value, i)}</text>`;
              })}
              <line x1=${LABEL} x2=${LABEL} y1=${y0 - ROW_GAP / 2} y2=${y0 + rowHeight - ROW_GAP / 2} stroke="#1b1b1b"/>
            </g>`;
  }) });
}

/** Percent text of a rate in 0..1 ("42%"), '–' for none. */
export function percent(rate, language) {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '–';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

/**
 * A duration in seconds as text: "45 s", "3 min 20 s", "2 h 5 min"; '–' for none. With `t`, each part in the
 * reader's words and digits (analytics.duration.*: "۳ دقیقه ۲۰ ثانیه" in Farsi); without, the English above.
 */
export function duration(seconds, t = null) {
  if (seconds === null || seconds === undefined || Number.isNaN(Number(seconds))) return '–';
  const s = Math.round(Number(seconds));
  const part = (n, unit) => (typeof t === 'function' ? t(`analytics.duration.${unit}`, { n }) : `${n} ${unit}`);
  if (s < 60) return part(s, 's');
  if (s < 3600) return `${part(Math.floor(s / 60), 'min')}${s % 60 ? ` ${part(s % 60, 's')}` : ''}`;
  const minutes = Math.round((s % 3600) / 60);
  return `${part(Math.floor(s / 3600), 'h')}${minutes ? ` ${part(minutes, 'min')}` : ''}`;
}

/**
 * A horizontal stacked bar chart: one bar per row, split into one segment per series (in the
 * legend's order), the row's total written after the bar. Segments carry their series and
 * value as a tooltip; the numbers themselves are in the table beside the chart.
 *
 * rows: [{label, values: [number per series]}]; series: [{label}].
 */
export function stackedBarChart({ title, desc, rows, series, className = '' }) {
  charts += 1;
  const prefix = `chart${charts}`;
  const totals = rows.map((r) => r.values.reduce((n, v) => n + (v || 0), 0));
  const scaleMax = Math.max(1, ...totals);
  const plot = WIDTH - LABEL - VALUE;
  const rowHeight = BAR + ROW_GAP;
  const height = Math.max(rows.length * rowHeight, rowHeight);
  return frame({ prefix, title, desc, height, series, withLegend: true, className: `chart-stacked ${className}`,
    body: rows.map((row, r) => {
          const y = r * rowHeight;
          let x = LABEL;
          return svg`
            <g class="chart-row" data-total=${totals[r]}>
              ${rowLabel(row.label, y + BAR / 2, BAR)}
              ${row.values.map((value, i) => {
                if (!value) return nothing;
                const w = (value / scaleMax) * plot;
                const at = x;
                x += w;
                return svg`<rect x=${at} y=${y} width=${w} height=${BAR} data-series=${i} data-value=${value}
                  fill="url(#${prefix}-p${i % PATTERNS.length})" stroke="#1b1b1b" stroke-width="1"><title>${series[i].label}: ${formatNumber(value)}</title></rect>`;
              })}
              <text x=${x + 6} y=${y + BAR / 2} dominant-baseline="middle" class="chart-value">${formatNumber(totals[r])}</text>
              <line x1=${LABEL} x2=${LABEL} y1=${y - ROW_GAP / 2} y2=${y + rowHeight - ROW_GAP / 2} stroke="#1b1b1b"/>
            </g>`;
    }) });
}
