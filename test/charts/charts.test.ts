// @vitest-environment happy-dom
/**
 * Each chart rendered to SVG in a DOM without layout (happy-dom), asserting on its marks:
 * how many, where, what their tooltips say, and the accessible name and description.
 */
import { describe, expect, it } from 'vitest';
import { renderBars, renderHBars, renderHistogram, renderLines, renderMatrix, renderStacked } from '../../src/charts';

const size = { width: 600, height: 300 };
function svg(): SVGSVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.appendChild(el);
  return el;
}
const titles = (el: Element, sel: string) => [...el.querySelectorAll(sel)].map((n) => n.querySelector('title')?.textContent);
const num = (el: Element, attr: string) => Number(el.getAttribute(attr));

function expectAccessible(el: SVGSVGElement, title: string) {
  expect(el.getAttribute('role')).toBe('img');
  const name = document.getElementById(el.getAttribute('aria-labelledby') ?? '');
  expect(name?.textContent).toBe(title);
  expect(document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent).toBeTruthy();
  expect(el.querySelector('.chart-title')?.textContent).toBe(title);
  expect(el.getAttribute('viewBox')).toBe('0 0 600 300');
}

describe('bars', () => {
  it('draws one bar per category and series, heights proportional to the values', () => {
    const el = svg();
    renderBars(el, {
      title: 'Repeat purchases', description: 'actual vs expected', categories: ['0', '1', '2'],
      series: [{ name: 'Actual', values: [10, 5, 0] }, { name: 'Expected', values: [8, 6, 1] }],
      xLabel: 'Repeat purchases', yLabel: 'Customers',
    }, size);
    expectAccessible(el, 'Repeat purchases');
    const bars = [...el.querySelectorAll('rect.bar')];
    expect(bars).toHaveLength(6);
    const actual = [...el.querySelectorAll('rect.series-0')];
    // the 10 bar is twice as tall as the 5 bar, the 0 bar has no height
    expect(num(actual[0], 'height')).toBeCloseTo(2 * num(actual[1], 'height'), 6);
    expect(num(actual[2], 'height')).toBe(0);
    expect(titles(el, 'rect.series-1')).toEqual(['0 · Expected: 8', '1 · Expected: 6', '2 · Expected: 1']);
    expect([...el.querySelectorAll('.legend-item text')].map((t) => t.textContent)).toEqual(['Actual', 'Expected']);
    expect(el.querySelector('.axis-title-x')?.textContent).toBe('Repeat purchases');
    expect(el.querySelector('.axis-title-y')?.textContent).toBe('Customers');
  });

  it('says "No data" instead of drawing an empty plot', () => {
    const el = svg();
    renderBars(el, { title: 'Empty', description: 'nothing', categories: [], series: [], xLabel: 'x', yLabel: 'y' }, size);
    expect(el.querySelector('.chart-empty')?.textContent).toBe('No data');
    expect(el.querySelectorAll('rect.bar')).toHaveLength(0);
  });

  it('re-rendering replaces the previous marks', () => {
    const el = svg();
    const spec = { title: 'T', description: 'd', categories: ['a'], series: [{ name: 's', values: [1] }], xLabel: 'x', yLabel: 'y' };
    renderBars(el, spec, size);
    renderBars(el, spec, size);
    expect(el.querySelectorAll('rect.bar')).toHaveLength(1);
    expect(el.querySelectorAll('title')).toHaveLength(2); // the chart's name + one bar
  });
});

describe('lines', () => {
  it('draws a path per series, dashed when asked, with a tooltip per point', () => {
    const el = svg();
    renderLines(el, {
      title: 'Cumulative repeat purchases', description: 'actual vs predicted',
      series: [
        { name: 'Actual', points: [{ x: 0, y: 0 }, { x: 1, y: 2 }, { x: 2, y: 5 }] },
        { name: 'Predicted', points: [{ x: 0, y: 0 }, { x: 1, y: 2.5 }, { x: 2, y: 4.5 }], dashed: true },
      ],
      xLabel: 'Weeks', yLabel: 'Purchases', yFormat: (n) => n.toFixed(1),
    }, size);
    expectAccessible(el, 'Cumulative repeat purchases');
    const paths = [...el.querySelectorAll('path.line')];
    expect(paths).toHaveLength(2);
    expect(paths[0].getAttribute('d')).toMatch(/^M0,\d/);
    expect((paths[1] as SVGElement).style.strokeDasharray).toBe('5 4');
    expect((paths[0] as SVGElement).style.strokeDasharray).toBe('none');
    expect(titles(el, '.series-1 circle.point')).toEqual(['Predicted · Weeks 0: 0.0', 'Predicted · Weeks 1: 2.5', 'Predicted · Weeks 2: 4.5']);
    // the highest point (5) is at the top of the y range: y domain is nice()d to [0, 5]
    const top = [...el.querySelectorAll('.series-0 circle.point')][2];
    expect(num(top, 'cy')).toBe(0);
  });
});

describe('histogram', () => {
  it('draws adjacent bins and sets the overflow bar apart', () => {
    const el = svg();
    renderHistogram(el, {
      title: 'Predicted CLV', description: 'customers by CLV',
      bins: [{ x0: 0, x1: 10, count: 4 }, { x0: 10, x1: 20, count: 2 }, { x0: 20, x1: 30, count: 1 }],
      overflow: { from: 30, count: 3 }, xLabel: 'CLV', yLabel: 'Customers',
    }, size);
    expectAccessible(el, 'Predicted CLV');
    const bins = [...el.querySelectorAll('rect.bin:not(.overflow-bin)')];
    expect(bins).toHaveLength(3);
    // adjacent: each bin starts where the previous ends (0.5 px inset, 1 px gap)
    expect(num(bins[1], 'x')).toBeCloseTo(num(bins[0], 'x') + num(bins[0], 'width') + 1, 6);
    expect(titles(el, 'rect.bin')).toEqual(['0 – 10: 4', '10 – 20: 2', '20 – 30: 1', '≥ 30: 3']);
    const over = el.querySelector('rect.overflow-bin')!;
    expect(num(over, 'x')).toBeGreaterThan(num(bins[2], 'x') + num(bins[2], 'width'));
  });
});

describe('matrix', () => {
  it('colours cells on the value scale, leaves null cells empty and has a legend', () => {
    const el = svg();
    renderMatrix(el, {
      title: 'P(alive)', description: 'by frequency and recency', rows: ['2', '1', '0'], columns: ['0', '10', '20'],
      values: [[0.1, 0.5, 0.9], [0.2, null, 0.95], [1, 1, 1]], rowLabel: 'Frequency', columnLabel: 'Recency',
      domain: [0, 1], format: (n) => `${Math.round(n * 100)}%`, legendLabel: 'P(alive)',
    }, size);
    expectAccessible(el, 'P(alive)');
    expect(el.querySelectorAll('rect.cell')).toHaveLength(9);
    expect(el.querySelectorAll('rect.cell.empty')).toHaveLength(1);
    expect(titles(el, '.cells g')).toContain('Frequency 1, Recency 10: no value');
    expect(titles(el, '.cells g')).toContain('Frequency 2, Recency 20: 90%');
    const fills = [...el.querySelectorAll('rect.cell:not(.empty)')].map((r) => (r as SVGElement).style.fill);
    // viridis: 0.1 and 1 get different colours, equal values the same
    expect(new Set(fills).size).toBeGreaterThan(4);
    expect(el.querySelectorAll('linearGradient stop')).toHaveLength(11);
    expect(el.querySelector('.colour-legend .legend-label')?.textContent).toBe('P(alive)');
  });
});

describe('horizontal bars', () => {
  it('ranks rows top to bottom with interval whiskers, notes and a reference line', () => {
    const el = svg();
    renderHBars(el, {
      title: 'Churn by channel', description: 'churn rate per acquisition channel',
      rows: [
        { label: 'instagram', value: 0.5, low: 0.4, high: 0.6, note: 'n = 100' },
        { label: 'website', value: 0.25, low: 0.2, high: 0.3, note: 'n = 400' },
        { label: '(missing)', value: null, note: 'n = 0' },
      ],
      xLabel: 'Churn rate', xMax: 1, format: (n) => `${Math.round(n * 100)}%`, reference: { value: 0.3, label: 'All customers' },
    }, size);
    expectAccessible(el, 'Churn by channel');
    const bars = [...el.querySelectorAll('rect.hbar')];
    expect(bars).toHaveLength(3);
    expect(num(bars[0], 'width')).toBeCloseTo(2 * num(bars[1], 'width'), 6);
    expect(num(bars[2], 'width')).toBe(0);
    const rows = [...el.querySelectorAll('g.row')].map((g) => Number(/translate\(0,([\d.]+)\)/.exec(g.getAttribute('transform')!)![1]));
    expect(rows[0]).toBeLessThan(rows[1]);
    expect(el.querySelectorAll('g.interval')).toHaveLength(2);
    expect([...el.querySelectorAll('text.note')].map((t) => t.textContent)).toEqual(['n = 100', 'n = 400', 'n = 0']);
    expect(titles(el, 'g.row')).toEqual([
      'instagram: 50% (95% interval 40% – 60%), n = 100', 'website: 25% (95% interval 20% – 30%), n = 400', '(missing): no value, n = 0',
    ]);
    expect(el.querySelector('line.reference title')?.textContent).toBe('All customers: 30%');
  });
});

describe('horizontal bars with negative values', () => {
  it('draws negative bars to the left of a zero line', () => {
    const el = svg();
    renderHBars(el, {
      title: 'NPS by segment', description: 'NPS', rows: [{ label: 'a', value: 40 }, { label: 'b', value: -20 }],
      xLabel: 'NPS', xMax: 100,
    }, size);
    const [a, b] = [...el.querySelectorAll('rect.hbar')];
    const zero = num(el.querySelector('line.zero')!, 'x1');
    expect(num(a, 'x')).toBeCloseTo(zero, 6);
    expect(num(b, 'x') + num(b, 'width')).toBeCloseTo(zero, 6);
    expect(num(a, 'width')).toBeCloseTo(2 * num(b, 'width'), 6);
  });
});

describe('stacked bars', () => {
  it('stacks positive parts up and negative parts down from zero, incomplete categories lighter', () => {
    const el = svg();
    renderStacked(el, {
      title: 'Lifecycle', description: 'customers by lifecycle state', categories: ['Jan', 'Feb'],
      series: [{ name: 'New', values: [10, 5] }, { name: 'Returning', values: [5, 5] }, { name: 'Dormant', values: [-5, -10] }],
      complete: [true, false], xLabel: 'Month', yLabel: 'Customers',
    }, size);
    expectAccessible(el, 'Lifecycle');
    expect(el.querySelectorAll('rect.segment')).toHaveLength(6);
    const zero = num(el.querySelector('line.zero')!, 'y1');
    const [newJan] = el.querySelectorAll('rect.series-0');
    const [retJan] = el.querySelectorAll('rect.series-1');
    const [dormJan, dormFeb] = el.querySelectorAll('rect.series-2');
    // New sits on the axis, Returning on top of New, Dormant hangs below the axis
    expect(num(newJan, 'y') + num(newJan, 'height')).toBeCloseTo(zero, 6);
    expect(num(retJan, 'y') + num(retJan, 'height')).toBeCloseTo(num(newJan, 'y'), 6);
    expect(num(dormJan, 'y')).toBeCloseTo(zero, 6);
    expect(num(dormFeb, 'height')).toBeCloseTo(2 * num(dormJan, 'height'), 6);
    expect(el.querySelectorAll('g.stack.incomplete')).toHaveLength(1);
    expect(titles(el, 'rect.series-2')).toEqual(['Jan · Dormant: -5', 'Feb · Dormant: -10 (period not over yet)']);
  });
});
