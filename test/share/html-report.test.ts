// @vitest-environment happy-dom
/**
 * buildHtmlReport on a small hand-built notebook DOM: one self-contained document, no script, no
 * control, charts kept as inline SVG, SQL kept as text, query results (customer rows) dropped
 * unless asked for, every URL a #fragment or data:.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderBars } from '../../src/charts';
import { buildHtmlReport, REPORT_PALETTE, textProblems } from '../../src/share/html-report';

const NOTEBOOK = `
<div class="doc-bar"><input class="title" type="text" value="Retention report"><button type="button">Save as .json</button>
  <input type="file" hidden></div>
<p class="notice" data-testid="notebook-notice">Saved</p>
<div class="params controls">
  <label>Period <select data-testid="param-period"><option value="month">month</option><option value="quarter">quarter</option></select></label>
  <label>Churn window (days) <input type="number" data-testid="param-churn" value="60"></label>
  <label class="check"><input type="checkbox" data-testid="param-check"> show holdout</label>
</div>
<article class="cell" data-kind="markdown" aria-label="text"><header><button type="button" class="icon" aria-expanded="true">▾</button><span class="label">text</span></header>
  <div class="body"><div class="md" data-testid="markdown"><h1>Retention report</h1>
    <p>Read <a href="https://example.com/x" target="_blank" rel="noopener">the guide</a>, <a href="javascript:alert(1)">this</a> and <a href="#kpis">the tiles</a>. Code: <code>src=http</code>.</p></div>
  <button type="button" class="edit">Edit text</button></div></article>
<article class="cell" data-kind="analysis" id="kpis"><header><span class="label">panel · headline figures</span><button type="button">Open the SQL</button></header>
  <div class="body"><section class="section"><h2>Headline figures</h2>
    <ul class="tiles" data-testid="kpi-tiles"><li class="tile"><span class="label">Customers</span><span class="value">1,234</span><span class="hint">with an order</span></li></ul>
    <figure class="chart-box" data-testid="kpi-chart"><svg></svg><div class="export-tools"><span data-export="skip"><button type="button">SVG</button><button type="button">PNG</button></span></div></figure>
    <details><summary>Every month</summary><table data-testid="monthly"><tr><th>month</th><td>12</td></tr></table></details>
    <img src="https://tracker.example/pixel.png" alt="">
    <img src="data:image/png;base64,iVBORw0KGgo=" alt="logo">
    <span class="fragment-url" style="fill: url(&quot;#g&quot;)">g</span>
    <div class="risky" onclick="alert(1)" style="background: url(https://x.example/a.png)">risky</div>
    <div class="goal" data-testid="goal-card"><div class="progress" role="progressbar" aria-valuenow="40"><div class="bar" style="width: 40%"></div></div><span class="small">40%</span></div>
  </section></div></article>
<article class="cell" data-kind="sql" aria-label="SQL · orders_by_period"><header><span class="label">SQL · orders_by_period</span><button type="button" data-testid="cell-run">Run</button></header>
  <div class="body"><div class="sql"><label class="name">view name <input type="text" value="orders_by_period"></label>
    <div class="editor" data-testid="sql-editor"><div class="cm-editor"><div class="cm-scroller"><div class="cm-content" contenteditable="true"><div class="cm-line">SELECT customer_id</div><div class="cm-line">FROM orders</div></div></div></div></div>
    <div class="status" data-testid="cell-status" data-status="done">3 rows · 0.1 s</div>
    <div class="result" data-testid="result-table"><div class="meta"><span>3 rows · 1 columns</span><button type="button">Copy</button><button type="button">Download CSV</button></div>
      <div class="scroll" style="max-height: 220px" tabindex="0" role="region"><table><thead><tr><th scope="col"><button type="button">customer_id</button></th></tr></thead>
        <tbody><tr class="pad" aria-hidden="true"><td></td></tr><tr><td>CUST-SECRET-1</td></tr><tr><td>CUST-SECRET-2</td></tr><tr><td>CUST-SECRET-3</td></tr></tbody></table></div></div>
  </div></div></article>
<article class="cell collapsed" data-kind="sql" aria-label="SQL · hidden"><header><span class="label">SQL · hidden_cell</span></header></article>
<details class="top" data-testid="clv-top"><summary>Most valuable customers</summary><table><tr><th>CUST-TOP-1</th></tr></table></details>
<textarea>draft</textarea>
<div class="add controls" role="group" aria-label="Add a cell"><label>Add <select><option>SQL query</option></select></label><button type="button">Add cell</button></div>
<script>window.bad = 1</script>
`;

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  root.className = 'notebook';
  root.setAttribute('data-testid', 'notebook');
  root.innerHTML = NOTEBOOK;
  document.body.append(root);
  document.documentElement.style.setProperty('--series-1', '#0072B2');
  renderBars(root.querySelector('figure svg') as SVGSVGElement, {
    title: 'Orders by month', description: 'orders', categories: ['Jan', 'Feb'], series: [{ name: 'Orders', values: [4, 6] }],
    xLabel: 'month', yLabel: 'orders',
  }, { width: 500, height: 260 });
  // What the user picked lives in properties, not attributes: the report must read them.
  (root.querySelector('[data-testid="param-period"]') as HTMLSelectElement).value = 'quarter';
  (root.querySelector('[data-testid="param-churn"]') as HTMLInputElement).value = '90';
  (root.querySelector('[data-testid="param-check"]') as HTMLInputElement).checked = true;
});
afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('style');
  document.documentElement.removeAttribute('data-theme');
});

const OPTIONS = { title: 'Retention report', generatedAt: '2026-11-23 09:00 UTC', dataNote: 'Computed in the browser from orders.csv; no data left it.' };
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');

describe('buildHtmlReport', () => {
  it('is one document with a header, the text, the tiles and the chart as inline SVG', () => {
    const html = buildHtmlReport(root, OPTIONS);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    const doc = parse(html);
    expect(doc.title).toBe('Retention report');
    expect(doc.querySelector('.report-head h1')?.textContent).toBe('Retention report');
    expect(doc.querySelector('.report-head')?.textContent).toContain('2026-11-23 09:00 UTC');
    expect(doc.querySelector('.data-note')?.textContent).toBe(OPTIONS.dataNote);
    expect(doc.querySelector('[data-testid="markdown"] h1')?.textContent).toBe('Retention report');
    expect(doc.querySelector('.tile .value')?.textContent).toBe('1,234');
    expect(doc.querySelectorAll('svg')).toHaveLength(1);
    expect(doc.querySelector('svg title')?.textContent).toBe('Orders by month');
    expect(html).not.toMatch(/var\(--series/);
    expect(doc.querySelectorAll('svg rect').length).toBeGreaterThanOrEqual(2);
    // the goal's progress: the text and the CSS bar stay
    expect(doc.querySelector('.goal .bar')?.getAttribute('style')).toContain('40%');
    expect(doc.querySelector('.goal')?.textContent).toContain('40%');
    // a small inline stylesheet with the light palette, and a print stylesheet
    const css = doc.querySelector('style')?.textContent ?? '';
    expect(css).toContain('--surface: #ffffff');
    expect(css).toContain('@media print');
    expect(css).toMatch(/break-inside:\s*avoid/);
  });

  it('has no script, no control, no handler and no URL other than #fragments and data:', () => {
    const html = buildHtmlReport(root, OPTIONS);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<a[^>]+href="javascript:/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\sonclick=/i);
    const doc = parse(html);
    expect(doc.querySelectorAll('script, input, button, select, textarea, iframe, object, embed, link, form, [contenteditable]')).toHaveLength(0);
    for (const el of doc.querySelectorAll('*')) {
      for (const a of ['href', 'src', 'srcset', 'action', 'xlink:href']) {
        const v = el.getAttribute(a);
        if (v !== null) expect(v).toMatch(/^(#|data:image\/)/);
      }
    }
    // links out became their text; the fragment link stays
    expect(doc.body.textContent).toContain('the guide');
    expect(doc.querySelector('a[href="#kpis"]')?.textContent).toBe('the tiles');
    expect(doc.querySelectorAll('img')).toHaveLength(1); // the data: one
    expect(doc.querySelector('.risky')?.getAttribute('style')).toBeNull();
    expect(doc.querySelector('.fragment-url')?.getAttribute('style')).toMatch(/url\("#g"\)/);
    expect(textProblems(html)).toEqual([]);
  });

  it('turns controls into the text of their value and drops app chrome', () => {
    const doc = parse(buildHtmlReport(root, OPTIONS));
    const values = [...doc.querySelectorAll('.params .control-value')].map((s) => s.textContent);
    expect(values).toEqual(['quarter', '90', '☑']);
    expect(doc.querySelector('.doc-bar')).toBeNull();
    expect(doc.querySelector('[data-testid="notebook-notice"]')).toBeNull();
    expect(doc.querySelector('.add')).toBeNull();
    expect(doc.querySelector('.export-tools')?.textContent ?? '').toBe('');
    expect(doc.body.textContent).not.toContain('Edit text');
    expect(doc.body.textContent).not.toContain('draft');
    // collapsed cells are left out; headers of panels and text cells go, SQL cells keep their label
    expect(doc.body.textContent).not.toContain('hidden_cell');
    expect(doc.querySelector('article[data-kind="analysis"] > header')).toBeNull();
    expect(doc.querySelector('article[data-kind="sql"] > header.cell-label')?.textContent).toBe('SQL · orders_by_period');
    // details are open for good: a section with a heading
    expect(doc.querySelector('details, summary')).toBeNull();
    expect(doc.querySelector('section.details > h4.summary')?.textContent).toBe('Every month');
    expect(doc.querySelector('[data-testid="monthly"]')).not.toBeNull();
  });

  it('keeps the SQL as text and drops query results (customer rows) unless includeRows', () => {
    const html = buildHtmlReport(root, OPTIONS);
    const doc = parse(html);
    expect(doc.querySelector('pre.sql-source')?.textContent).toBe('SELECT customer_id\nFROM orders');
    expect(doc.querySelector('.cm-editor, [data-testid="sql-editor"]')).toBeNull();
    expect(doc.querySelector('[data-testid="result-table"], [data-testid="clv-top"]')).toBeNull();
    expect(html).not.toContain('CUST-SECRET');
    expect(html).not.toContain('CUST-TOP');
    expect([...doc.querySelectorAll('.omitted')].map((p) => p.textContent)[0]).toMatch(/\(3 rows\) not included/);

    const kept = parse(buildHtmlReport(root, { ...OPTIONS, includeRows: true }));
    const rows = [...kept.querySelectorAll('[data-testid="result-table"] tbody tr')].map((r) => r.textContent);
    expect(rows).toEqual(['CUST-SECRET-1', 'CUST-SECRET-2', 'CUST-SECRET-3']);
    expect(kept.querySelector('[data-testid="result-table"] th')?.textContent).toBe('customer_id');
    expect(kept.querySelector('[data-testid="result-table"] .scroll')?.getAttribute('style')).toBeNull();
    expect(kept.body.textContent).toContain('CUST-TOP-1');
    const capped = parse(buildHtmlReport(root, { ...OPTIONS, includeRows: true, maxRows: 2 }));
    expect(capped.querySelectorAll('[data-testid="result-table"] tbody tr')).toHaveLength(2);
    expect(parse(buildHtmlReport(root, { ...OPTIONS, includeSql: false })).querySelector('pre.sql-source')).toBeNull();
  });

  it('leaves the page as it was (controls, theme) and escapes the header', () => {
    document.documentElement.setAttribute('data-theme', 'dark');
    const html = buildHtmlReport(root, { ...OPTIONS, title: '<b>R&D</b>' });
    expect(document.documentElement.getAttribute('data-theme')).toBe('dark');
    expect(root.querySelectorAll('button').length).toBeGreaterThan(5);
    expect(root.querySelector('script')).not.toBeNull();
    expect(html).toContain('&lt;b&gt;R&amp;D&lt;/b&gt;');
    const dark = buildHtmlReport(root, { ...OPTIONS, theme: 'dark' });
    expect(dark).toContain('--surface: #1a1d1f');
    expect(dark).toContain('data-theme="dark"');
  });
});

describe('textProblems', () => {
  it('finds what must never be in the file, and not text that merely mentions it', () => {
    expect(textProblems('<p>ok</p><a href="#x">x</a><img src="data:image/png;base64,AA">')).toEqual([]);
    expect(textProblems('<p>write src=http://x or &lt;script&gt; in text</p>')).toEqual([]);
    expect(textProblems('<script>1</script>')).toContain('<script>');
    expect(textProblems('<a href="javascript:x()">x</a>')).toContain('javascript: URL');
    expect(textProblems('<img src="https://t.example/p.gif">')).toContain('an attribute URL outside the file');
    expect(textProblems('<link rel="stylesheet" href="x.css">').length).toBeGreaterThan(0);
    expect(textProblems('<div onclick="x()">')).toContain('an event handler');
  });
});

describe('REPORT_PALETTE', () => {
  it('is the app palette of src/app/theme.css (light and dark values)', () => {
    const css = readFileSync(join(process.cwd(), 'src/app/theme.css'), 'utf8');
    for (const [name, light] of Object.entries(REPORT_PALETTE.light)) {
      const m = css.match(new RegExp(`${name}:\\s*light-dark\\(([^,]+),\\s*([^)]+)\\)`));
      expect(m, name).not.toBeNull();
      expect(m![1].trim().toLowerCase()).toBe(light.toLowerCase());
      expect(m![2].trim().toLowerCase()).toBe(REPORT_PALETTE.dark[name as keyof typeof REPORT_PALETTE.dark].toLowerCase());
    }
  });
});
