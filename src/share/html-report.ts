/**
 * The static report (issue 7): ONE self-contained HTML document made from the rendered notebook.
 * Headings, text, KPI tiles, aggregated tables, goal cards and every chart (as inline SVG with
 * its styles written in) stay; every control goes (a select or input becomes the text of its
 * value, so the reader knows the period, churn window…); SQL cells keep their SQL as <pre>; query
 * result tables and per-customer lists are left out unless `includeRows`. No script, no request:
 * the only URLs are `#fragments` and `data:` (checked before returning; a problem throws).
 * The file speaks the reader's language: `<html lang dir>` and its own words (src/i18n), with
 * logical CSS so a Persian or Arabic report reads right to left. Browser code; no Svelte.
 */
import { standaloneSvgElement } from './svg-export';
import { translate, type MessageKey, type Params } from '../i18n/t';
import { prefs } from '../i18n/prefs.svelte';
import { LANGS, type Digits, type Lang } from '../i18n/langs';
import { fmtDay } from '../i18n/dates';

export interface HtmlReportOptions {
  title: string;
  /** when, as the reader should see it (e.g. "2026-11-23 09:10 UTC") */
  generatedAt: string;
  /** where the figures come from, e.g. "Computed in the browser from orders.csv; no data left it." */
  dataNote: string;
  /** the palette of the file (default light: it prints) */
  theme?: 'light' | 'dark';
  /** keep SQL result tables and per-customer lists (they may hold customer rows); default false */
  includeRows?: boolean;
  /** at most this many rows per kept result table (default 500) */
  maxRows?: number;
  /** keep each SQL cell's SQL as <pre> (default true) */
  includeSql?: boolean;
  /** the language of the file's own words and its direction (default: the reader's, src/i18n/prefs) */
  lang?: Lang;
  /** digits of the file's own numbers (default: the reader's; the language's own when `lang` is given) */
  digits?: Digits;
}

/** The app's palette (src/app/theme.css), as concrete values: the file must not depend on light-dark(). */
export const REPORT_PALETTE = {
  light: {
    '--bg': '#f7f7f5', '--surface': '#ffffff', '--surface-2': '#f0f0ec', '--text': '#1d1d1b', '--muted': '#5f5f5a',
    '--border': '#d9d9d2', '--accent': '#1f6feb', '--accent-text': '#ffffff', '--ok': '#1a7f37', '--warn': '#9a6700', '--bad': '#cf222e',
    '--series-1': '#0072B2', '--series-2': '#E69F00', '--series-3': '#009E73', '--series-4': '#CC79A7',
    '--series-5': '#56B4E9', '--series-6': '#D55E00', '--series-7': '#F0E442', '--series-8': '#000000',
  },
  dark: {
    '--bg': '#111314', '--surface': '#1a1d1f', '--surface-2': '#23272a', '--text': '#e8e8e4', '--muted': '#a2a29c',
    '--border': '#34393d', '--accent': '#58a6ff', '--accent-text': '#0b0d0e', '--ok': '#3fb950', '--warn': '#d29922', '--bad': '#f85149',
    '--series-1': '#3aa0e0', '--series-2': '#f0b030', '--series-3': '#2fc595', '--series-4': '#dc93bb',
    '--series-5': '#7cc8f2', '--series-6': '#f07a26', '--series-7': '#f0e442', '--series-8': '#e8e8e4',
  },
} as const;

/** Where customer rows may be: SQL results (SQL and table cells) and the CLV list of top customers. */
export const ROW_SELECTORS = ['[data-testid="result-table"]', '[data-testid="clv-top"]'];

/** Removed outright: app chrome, editors, anything that runs or loads. */
const DROP = [
  'script', 'style', 'link', 'meta', 'noscript', 'template', 'iframe', 'object', 'embed', 'frame', 'frameset', 'canvas',
  'audio', 'video', 'textarea', 'dialog', 'form', '[hidden]', '.doc-bar', '[data-testid="notebook-notice"]',
  '.notebook > .add', '[role="group"][aria-label="Chart settings"]', 'tr.pad', '.cm-editor', '[data-testid="sql-editor"]',
  'article.cell.collapsed', '[data-export="skip"]', '.chart-settings',
];

const URL_ATTRS = ['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'xlink:href', 'background', 'cite', 'data', 'ping', 'longdesc', 'manifest'];

/** The printable width of an A4 page with the print margins below, in CSS px. */
const PRINT_WIDTH = 700;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The report's HTML text. `root` is the rendered notebook ([data-testid=notebook]); it is not changed. */
export function buildHtmlReport(root: HTMLElement, options: HtmlReportOptions): string {
  const theme = options.theme ?? 'light';
  const html = document.documentElement;
  const before = html.getAttribute('data-theme');
  // The charts' colours are read in the chosen theme: switched and restored synchronously, so
  // the page never paints in between.
  html.setAttribute('data-theme', theme);
  try {
    return build(root, { ...options, theme });
  } finally {
    if (before === null) html.removeAttribute('data-theme');
    else html.setAttribute('data-theme', before);
  }
}

function build(root: HTMLElement, o: HtmlReportOptions & { theme: 'light' | 'dark' }): string {
  const includeRows = o.includeRows ?? false;
  const maxRows = o.maxRows ?? 500;
  const includeSql = o.includeSql ?? true;
  const lang = o.lang ?? prefs.lang;
  const digits = o.digits ?? (o.lang ? LANGS[o.lang].defaultDigits : prefs.digits);
  const tr = (key: MessageKey, params?: Params) => translate(lang, key, params, digits);

  // Charts first, from the live DOM (computed styles); then a clone walked in step with it.
  const liveSvgs = [...root.querySelectorAll('svg')].filter((s) => !s.parentElement?.closest('svg'));
  const standalone = new Map<SVGSVGElement, SVGSVGElement>();
  for (const s of liveSvgs) standalone.set(s, standaloneSvgElement(s, { scheme: o.theme }));

  const clone = root.cloneNode(true) as HTMLElement;
  const live = [root, ...root.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  const liveOf = new Map<Element, Element>();
  copies.forEach((c, i) => liveOf.set(c, live[i]));

  // SVGs → their standalone copies (styles inlined; no class, no script).
  for (const c of copies) {
    if (c.localName !== 'svg') continue;
    const s = standalone.get(liveOf.get(c) as SVGSVGElement);
    if (s) c.replaceWith(s);
  }

  // Scroll boxes show everything in print; tables wider than a page are zoomed out to fit it.
  for (const c of copies) {
    if (c.namespaceURI !== 'http://www.w3.org/1999/xhtml' || c.closest('svg')) continue;
    const l = liveOf.get(c) as HTMLElement;
    const cs = getComputedStyle(l);
    if (/(auto|scroll)/.test(`${cs.overflowX} ${cs.overflowY} ${cs.overflow}`)) c.classList.add('rn-scroll');
    if (c.localName === 'table') {
      const w = l.scrollWidth || l.getBoundingClientRect().width;
      if (w > PRINT_WIDTH) {
        c.classList.add('rn-wide');
        (c as HTMLElement).style.setProperty('--print-zoom', (Math.floor((PRINT_WIDTH / w) * 100) / 100).toFixed(2));
      }
    }
  }

  // SQL cells: the SQL as text (CodeMirror draws it as one element per line).
  for (const cell of clone.querySelectorAll('article[data-kind="sql"]')) {
    const editor = cell.querySelector('[data-testid="sql-editor"]');
    const liveEditor = editor && liveOf.get(editor);
    if (!editor || !liveEditor) continue;
    if (includeSql) {
      const lines = [...liveEditor.querySelectorAll('.cm-line')].map((l) => l.textContent ?? '');
      const pre = document.createElement('pre');
      pre.className = 'sql-source';
      pre.dir = 'ltr'; // SQL reads left to right in any language
      const code = document.createElement('code');
      code.textContent = lines.length ? lines.join('\n') : (liveEditor.textContent ?? '');
      pre.append(code);
      editor.replaceWith(pre);
    }
    cell.querySelector('label.name')?.remove();
  }

  // Rows that may be customers'.
  for (const el of clone.querySelectorAll(ROW_SELECTORS.join(','))) {
    if (!includeRows) {
      // The row count: ResultTable writes it as data-rows; else the English "1,234 rows" of its text.
      const rows = el.querySelector('.meta [data-rows]')?.getAttribute('data-rows');
      const count = rows && Number.isFinite(Number(rows))
        ? tr('notebook.result.rows', { n: Number(rows) })
        : el.querySelector('.meta span')?.textContent?.match(/^[\d,.\s\u00a0\u202f]+rows/)?.[0]?.trim();
      const option = tr('share.export.includeRows');
      const p = document.createElement('p');
      p.className = 'omitted';
      p.textContent = el.matches('[data-testid="clv-top"]')
        ? tr('share.report.omittedTop')
        : count ? tr('share.report.omittedRowsCount', { count, option }) : tr('share.report.omittedRows', { option });
      el.replaceWith(p);
    } else {
      el.querySelectorAll('tbody tr:not(.pad)').forEach((tr, i) => { if (i >= maxRows) tr.remove(); });
      el.querySelectorAll('.scroll').forEach((s) => { s.removeAttribute('style'); s.classList.add('rows-kept'); });
    }
  }

  for (const el of clone.querySelectorAll(DROP.join(','))) el.remove();

  // Controls → the text of their value; buttons go (a sortable header keeps its label).
  for (const el of [...clone.querySelectorAll('select, input, button, [contenteditable]')]) {
    const l = liveOf.get(el) as HTMLElement | undefined;
    if (el.localName === 'button') {
      if (el.closest('th')) el.replaceWith(document.createTextNode(el.textContent ?? ''));
      else el.remove();
      continue;
    }
    let text: string | null = null;
    if (el.localName === 'select') {
      const s = l as HTMLSelectElement | undefined;
      const opt = s?.selectedOptions?.[0] ?? (s && s.selectedIndex >= 0 ? s.options[s.selectedIndex] : null);
      text = opt?.textContent?.trim() ?? s?.value ?? '';
    } else if (el.localName === 'input') {
      const i = l as HTMLInputElement | undefined;
      const type = (el.getAttribute('type') ?? 'text').toLowerCase();
      if (type === 'checkbox' || type === 'radio') text = i?.checked ? '☑' : '☐';
      else if (type === 'date') text = i?.value ? fmtDay(i.value, { lang, digits }) : '—';
      else if (['text', 'number', 'month', 'week', 'search', 'email', 'range', 'time', 'datetime-local'].includes(type)) text = i?.value || '—';
    } else {
      text = el.textContent ?? '';
    }
    if (text === null) { el.remove(); continue; }
    const span = document.createElement('span');
    span.className = 'control-value';
    span.textContent = text;
    el.replaceWith(span);
  }
  // Groups of controls left with no text; labels of dropped controls.
  for (const el of [...clone.querySelectorAll('.controls, fieldset')].reverse()) if (!(el.textContent ?? '').trim()) el.remove();

  // details → always open, as a section with a heading (prints and reads without a toggle).
  for (const d of [...clone.querySelectorAll('details')]) {
    const sec = document.createElement('section');
    for (const a of d.attributes) if (a.name !== 'open') sec.setAttribute(a.name, a.value);
    sec.classList.add('details');
    for (const child of [...d.childNodes]) {
      if (child instanceof Element && child.localName === 'summary') {
        const h = document.createElement('h4');
        h.className = 'summary';
        h.append(...child.childNodes);
        sec.append(h);
      } else sec.append(child);
    }
    d.replaceWith(sec);
  }

  // Cell chrome: only the label (SQL · name …), not the buttons.
  for (const header of clone.querySelectorAll('article.cell > header')) {
    const cell = header.parentElement!;
    if (cell.getAttribute('data-kind') === 'analysis' || cell.getAttribute('data-kind') === 'markdown') header.remove();
    else header.classList.add('cell-label');
  }
  // Print: each panel after the first starts a page.
  clone.querySelectorAll('article.cell[data-kind="analysis"]').forEach((a, i) => { if (i > 0) a.classList.add('page-break'); });

  sanitise(clone);

  const container = document.createElement('div');
  const header = document.createElement('header');
  header.className = 'report-head';
  header.innerHTML = `<h1 dir="auto">${esc(o.title)}</h1><p class="meta">${esc(tr('share.report.generated', { at: o.generatedAt }))}</p><p class="data-note">${esc(o.dataNote)}</p>`;
  const main = document.createElement('main');
  main.className = 'report';
  main.append(clone);
  const footer = document.createElement('footer');
  footer.className = 'report-foot';
  footer.textContent = tr('share.report.footer');
  container.append(header, main, footer);

  const css = baseCss(o.theme) + appRules(container);
  const problems = selfContainedProblems(container, css);
  if (problems.length) throw new Error(tr('share.report.notSelfContained', { problems: problems.join('; ') }));

  const text = `<!doctype html>
<html lang="${esc(lang)}" dir="${LANGS[lang].dir}" data-theme="${o.theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Retention Notebook">
<title>${esc(o.title)}</title>
<style>
${css}
</style>
</head>
<body>
${container.innerHTML}
</body>
</html>
`;
  const final = textProblems(text);
  if (final.length) throw new Error(tr('share.report.notSelfContained', { problems: final.join('; ') }));
  return text;
}

/** Event handlers, script URLs and anything pointing outside the file go; links become text. */
function sanitise(scope: Element): void {
  for (const el of [scope, ...scope.querySelectorAll('*')]) {
    for (const a of [...el.attributes]) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on') || ['tabindex', 'contenteditable', 'draggable', 'autofocus', 'target', 'rel', 'ping', 'accesskey'].includes(n)) el.removeAttribute(a.name);
      // url(#gradient) in a chart stays; any other url() would be a request.
      else if (n === 'style' && /url\s*\(\s*(?!['"]?#)|expression\s*\(|@import/i.test(a.value)) el.removeAttribute(a.name);
      else if (URL_ATTRS.includes(n) && !isLocalUrl(a.value, el)) {
        if (el.localName === 'a') el.removeAttribute(a.name);
        else if (el.localName === 'img' || el.localName === 'image' || el.localName === 'use') { el.remove(); break; }
        else el.removeAttribute(a.name);
      }
    }
  }
  // Links that lost their target: their text stays.
  for (const a of [...scope.querySelectorAll('a:not([href])')]) a.replaceWith(...a.childNodes);
}

function isLocalUrl(v: string, el: Element): boolean {
  const t = v.trim();
  if (t.startsWith('#')) return true;
  // data: images only (a data: HTML page or script in an href would run).
  return /^data:image\/(png|jpeg|gif|webp);/i.test(t) && (el.localName === 'img' || el.localName === 'image');
}

/** Problems found in the DOM about to be written (empty = self-contained). */
function selfContainedProblems(scope: Element, css: string): string[] {
  const out: string[] = [];
  for (const el of [scope, ...scope.querySelectorAll('*')]) {
    if (['script', 'iframe', 'object', 'embed', 'link', 'form', 'input', 'button', 'select', 'textarea'].includes(el.localName)) out.push(`a <${el.localName}> element`);
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) out.push(`an ${n} handler`);
      if (n === 'style' && /url\s*\(\s*(?!['"]?#)/i.test(a.value)) out.push('a url() in a style attribute');
      if (URL_ATTRS.includes(n) && !isLocalUrl(a.value, el)) out.push(`${n}="${a.value.slice(0, 40)}"`);
    }
  }
  if (/url\s*\(\s*(?!['"]?(?:data:|#))/i.test(css)) out.push('a url() in the stylesheet');
  if (/@import/i.test(css)) out.push('an @import');
  return out;
}

/** The same, on the final text (belt and braces): what must never appear in the file. */
export function textProblems(html: string): string[] {
  const out: string[] = [];
  // Only the tags: text (a paragraph quoting "src=…", the stylesheet) is not markup.
  const tags = html.match(/<[a-zA-Z!/][^>]*>/g) ?? [];
  const markup = tags.join('');
  if (/<script\b/i.test(markup)) out.push('<script>');
  if (/javascript:/i.test(markup)) out.push('javascript: URL');
  if (/\s(?:href|src|srcset|action|formaction|poster|xlink:href)\s*=\s*["']?\s*(?!#|data:)[^\s"'>]/i.test(markup)) out.push('an attribute URL outside the file');
  if (/<(?:iframe|object|embed|link|base)\b/i.test(markup)) out.push('an embedding or link element');
  if (/\son[a-z]+\s*=/i.test(markup)) out.push('an event handler');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Styles

/** The app's own rules (component styles included) that apply to something in the report. */
function appRules(scope: Element): string {
  const out: string[] = [];
  for (const sheet of [...document.styleSheets]) {
    let rules: CSSRuleList;
    try { rules = sheet.cssRules; } catch { continue; } // another origin's sheet: unreadable, not ours
    collect(rules, scope, out);
  }
  return out.join('\n');
}

function collect(rules: CSSRuleList, scope: Element, out: string[]): void {
  for (const rule of [...rules]) {
    const style = rule as CSSStyleRule;
    if (typeof style.selectorText === 'string' && 'style' in style) {
      if (/url\s*\(|@import/i.test(rule.cssText)) continue;
      if (/position\s*:\s*(fixed|sticky)/i.test(rule.cssText) && !/thead/.test(style.selectorText)) continue;
      if (matchesSomething(style.selectorText, scope)) out.push(rule.cssText);
      continue;
    }
    const group = rule as CSSMediaRule;
    if (group.cssRules && typeof group.conditionText === 'string') {
      const inner: string[] = [];
      collect(group.cssRules, scope, inner);
      if (!inner.length) continue;
      const at = rule.cssText.slice(0, rule.cssText.indexOf('{')).trim();
      if (/^@(media|supports|container)/i.test(at)) out.push(`${at} {\n${inner.join('\n')}\n}`);
    }
    // @font-face, @import, @keyframes, @property…: not needed by a static page.
  }
}

function splitSelectors(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) { out.push(text.slice(start, i)); start = i + 1; }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter(Boolean);
}

function matchesSomething(selectorText: string, scope: Element): boolean {
  for (const sel of splitSelectors(selectorText)) {
    if (/^(:root|html|body)\b/.test(sel)) continue;
    const bare = sel
      .replace(/::?(before|after|placeholder|selection|marker|backdrop|-webkit-[\w-]+|-moz-[\w-]+)\b/g, '')
      .replace(/:(hover|focus-visible|focus-within|focus|active|visited|target|checked|disabled|enabled)\b/g, '')
      .trim();
    if (!bare) continue;
    try { if (scope.querySelector(bare)) return true; } catch { /* a selector this engine cannot read */ }
  }
  return false;
}

function baseCss(theme: 'light' | 'dark'): string {
  const vars = Object.entries(REPORT_PALETTE[theme]).map(([k, v]) => `${k}: ${v};`).join(' ');
  return `:root { color-scheme: ${theme}; ${vars} --radius: 8px; --neutral: #999999;
  --font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Vazirmatn', sans-serif;
  --mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace; }
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: var(--text); font: 15px/1.5 var(--font); }
body { max-width: 1180px; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1, h2, h3, h4 { line-height: 1.25; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid var(--border); text-align: start; vertical-align: top; }
pre, code { font-family: var(--mono); }
svg { max-width: 100%; height: auto; }
.report-head { border-bottom: 2px solid var(--border); margin-bottom: 1rem; }
.report-head h1 { margin: 0 0 0.25rem; font-size: 1.7rem; }
.report-head p { margin: 0.15rem 0; color: var(--muted); font-size: 0.9rem; }
.report-foot { margin-top: 2rem; padding-top: 0.5rem; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.8rem; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 1rem 1.25rem; }
.muted { color: var(--muted); }
.small { font-size: 0.78rem; margin: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.section { display: flex; flex-direction: column; gap: 0.75rem; margin-bottom: 1.5rem; }
.section > h2 { margin: 0.5rem 0 0; font-size: 1.2rem; }
.controls { display: flex; gap: 1rem; align-items: end; flex-wrap: wrap; font-size: 0.85rem; }
.controls label { display: flex; flex-direction: column; gap: 0.15rem; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 0.75rem; }
.control-value { font-weight: 600; }
.cell-label { font: 0.78rem var(--mono); color: var(--muted); }
.cell-label * { font: inherit; }
pre.sql-source { direction: ltr; text-align: start; background: var(--surface-2); border: 1px solid var(--border); border-radius: 6px; padding: 0.6rem 0.8rem; font-size: 0.8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.omitted { color: var(--muted); font-style: italic; font-size: 0.85rem; border-inline-start: 3px solid var(--border); padding-inline-start: 0.6rem; }
.details > .summary { font-size: 0.95rem; margin: 0.5rem 0 0.25rem; }
.rows-kept { overflow: visible; }
@media print {
  @page { margin: 14mm 12mm; }
  html, body { background: #fff; font-size: 10.5pt; }
  body { max-width: none; padding: 0; }
  *:not(.visually-hidden) { position: static !important; }
  * { box-shadow: none !important; animation: none !important; transition: none !important; }
  .page-break { break-before: page; page-break-before: always; }
  h1, h2, h3, h4, .summary { break-after: avoid; page-break-after: avoid; }
  figure, svg, .tile, .card, tr, .goal, pre, .details > .summary { break-inside: avoid; page-break-inside: avoid; }
  .chart-grid { grid-template-columns: 1fr !important; }
  figure, svg { max-width: 100% !important; }
  svg { width: 100% !important; height: auto !important; }
  [style*="max-height"], .scroll, .table-wrap, .rn-scroll { max-height: none !important; overflow: visible !important; }
  table.rn-wide { zoom: var(--print-zoom, 1); }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
`;
}
