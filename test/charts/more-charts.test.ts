// @vitest-environment happy-dom
/**
 * Scatter, area, KPI tile and NPS gauge rendered into happy-dom (no layout), asserting on their
 * marks: how many, where relative to the values, their tooltips and the accessible name/description.
 */
import { describe, expect, it } from 'vitest';
import { gaugeAngle, renderArea, renderGauge, renderKpi, renderScatter } from '../../src/charts';

const size = { width: 600, height: 300 };
function svg(): SVGSVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.appendChild(el);
  return el;
}
const titles = (el: Element, sel: string) => [...el.querySelectorAll(sel)].map((n) => n.querySelector(':scope > title')?.textContent);
const num = (el: Element, attr: string) => Number(el.getAttribute(attr));
/** y of the x axis = plot height = y(0) on charts whose y starts at 0 */
const axisY = (el: Element) => Number(/translate\(0,([\d.]+)\)/.exec(el.querySelector('.axis-x')!.getAttribute('transform')!)![1]);
const desc = (el: SVGSVGElement) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '';

function expectAccessible(el: SVGSVGElement, title: string) {
  expect(el.getAttribute('role')).toBe('img');
  expect(document.getElementById(el.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(title);
  expect(desc(el)).toBeTruthy();
  expect(el.querySelector('.chart-title')?.textContent).toBe(title);
}

describe('scatter', () => {
  const base = { title: 'Orders vs spend', description: 'one point per customer', xLabel: 'Orders', yLabel: 'Spend (€)' };

  it('places points proportionally, with tooltips, axis titles and a legend per category', () => {
    const el = svg();
    renderScatter(el, {
      ...base,
      points: [
        { x: 0, y: 0, category: 'web', label: 'A' },
        { x: 5, y: 50, category: 'shop', label: 'B' },
        { x: 10, y: 100, category: 'web', label: 'C' },
      ],
      yFormat: (n) => `€${n}`,
    }, size);
    expectAccessible(el, 'Orders vs spend');
    const pts = [...el.querySelectorAll('circle.point')];
    expect(pts).toHaveLength(3);
    // equal steps in x and y are equal steps on screen; larger y is higher up
    expect(num(pts[1], 'cx') - num(pts[0], 'cx')).toBeCloseTo(num(pts[2], 'cx') - num(pts[1], 'cx'), 6);
    expect(num(pts[0], 'cy') - num(pts[1], 'cy')).toBeCloseTo(num(pts[1], 'cy') - num(pts[2], 'cy'), 6);
    expect(num(pts[2], 'cy')).toBeLessThan(num(pts[0], 'cy'));
    expect(titles(el, 'circle.point')).toEqual([
      'A · web: Orders 0, Spend (€) €0', 'B · shop: Orders 5, Spend (€) €50', 'C · web: Orders 10, Spend (€) €100',
    ]);
    expect([...el.querySelectorAll('.legend-item text')].map((t) => t.textContent)).toEqual(['web', 'shop']);
    const fills = pts.map((p) => (p as SVGElement).style.fill);
    expect(fills[0]).toBe(fills[2]);
    expect(fills[0]).not.toBe(fills[1]);
    expect(el.querySelector('.axis-title-x')?.textContent).toBe('Orders');
    expect(el.querySelector('.axis-title-y')?.textContent).toBe('Spend (€)');
    expect(desc(el)).toContain('3 points');
  });

  it('makes circle area proportional to size and labels the top N', () => {
    const el = svg();
    renderScatter(el, {
      ...base, sizeLabel: 'Customers', labelTop: 2, labelBy: 'size',
      points: [{ x: 1, y: 1, size: 100, label: 'big' }, { x: 2, y: 2, size: 25, label: 'quarter' }, { x: 3, y: 3, size: 4, label: 'tiny' }],
    }, size);
    const byLabel = new Map([...el.querySelectorAll('circle.point')].map((c) => [c.querySelector('title')!.textContent!.split(':')[0], num(c, 'r')]));
    // area ∝ size: a quarter of the size is half the radius
    expect(byLabel.get('big')!).toBeCloseTo(2 * byLabel.get('quarter')!, 6);
    expect(byLabel.get('big')).toBe(14);
    // largest drawn first so the small ones stay on top
    expect(el.querySelector('circle.point title')?.textContent).toMatch(/^big/);
    expect([...el.querySelectorAll('text.point-label')].map((t) => t.textContent)).toEqual(['big', 'quarter']);
    expect(titles(el, 'circle.point')[0]).toBe('big: Orders 1, Spend (€) 1, Customers 100');
    expect(desc(el)).toContain('Circle area is proportional to Customers');
    expect(el.querySelectorAll('.legend-item')).toHaveLength(0);
  });

  it('uses log scales where asked, leaving out values ≤ 0 and saying so', () => {
    const el = svg();
    renderScatter(el, {
      ...base, xLog: true, yLog: true,
      points: [{ x: 1, y: 10 }, { x: 10, y: 100 }, { x: 100, y: 1000 }, { x: 0, y: 5 }, { x: 3, y: -1 }],
    }, size);
    const pts = [...el.querySelectorAll('circle.point')];
    expect(pts).toHaveLength(3);
    // each decade is the same distance on a log axis
    expect(num(pts[1], 'cx') - num(pts[0], 'cx')).toBeCloseTo(num(pts[2], 'cx') - num(pts[1], 'cx'), 6);
    expect(num(pts[0], 'cy') - num(pts[1], 'cy')).toBeCloseTo(num(pts[1], 'cy') - num(pts[2], 'cy'), 6);
    expect(desc(el)).toContain('2 points with values ≤ 0');
    expect(desc(el)).toContain('Log scale on both axes');
    expect(el.querySelector('.axis-title-x')?.textContent).toBe('Orders (log scale)');
    const xTicks = [...el.querySelectorAll('.axis-x .tick text')].map((t) => t.textContent);
    expect(xTicks).toEqual(['1', '2', '5', '10', '20', '50', '100']);
  });

  it('draws many points without per-point tooltips and says so', () => {
    const el = svg();
    const points = Array.from({ length: 12_000 }, (_, i) => ({ x: i % 200, y: (i * 7919) % 1000, category: i % 3 ? 'a' : 'b' }));
    renderScatter(el, { ...base, points }, size);
    expect(el.querySelectorAll('circle.point')).toHaveLength(12_000);
    expect(el.querySelectorAll('circle.point title')).toHaveLength(0);
    expect(desc(el)).toContain('With more than 2,000 points the individual points have no tooltips');
  });

  it('keeps tooltips up to the limit and handles a single point and no points', () => {
    const el = svg();
    renderScatter(el, { ...base, points: [{ x: 3, y: 4 }], tooltipLimit: 1 }, size);
    expect(titles(el, 'circle.point')).toEqual(['Orders 3, Spend (€) 4']);
    const p = el.querySelector('circle.point')!;
    expect(Number.isFinite(num(p, 'cx')) && Number.isFinite(num(p, 'cy'))).toBe(true);
    renderScatter(el, { ...base, points: [{ x: NaN, y: 1 }] }, size);
    expect(el.querySelector('.chart-empty')?.textContent).toBe('No data');
    expect(el.querySelectorAll('circle.point')).toHaveLength(0);
  });
});

describe('area', () => {
  const base = { title: 'Customers by state', description: 'active and dormant customers', xLabel: 'Month', yLabel: 'Customers' };
  const topY = (el: Element, i: number) => [...el.querySelectorAll(`.series-${i} circle.point`)].map((c) => num(c, 'cy'));

  it('stacks series: the second sits on the first, with tooltips and a legend', () => {
    const el = svg();
    renderArea(el, {
      ...base, x: [0, 1, 2], xFormat: (k) => ['Jan', 'Feb', 'Mar'][k],
      series: [{ name: 'Active', values: [10, 20, 30] }, { name: 'Dormant', values: [10, 0, 10] }],
    }, size);
    expectAccessible(el, 'Customers by state');
    expect(el.querySelectorAll('path.area')).toHaveLength(2);
    const zero = axisY(el);
    const [a0, a1] = topY(el, 0);
    const [d0, d1] = topY(el, 1);
    // Active 10 at Jan; Active+Dormant 20 at Jan is as high as Active 20 at Feb
    expect(d0).toBeCloseTo(a1, 6);
    expect(d1).toBeCloseTo(a1, 6); // Dormant 0 in Feb sits on Active
    expect(zero - a0).toBeCloseTo(a0 - a1, 6);
    expect(titles(el, '.series-1 circle.point')).toEqual([
      'Dormant · Month Jan: 10 (50% of the total)', 'Dormant · Month Feb: 0 (0% of the total)', 'Dormant · Month Mar: 10 (25% of the total)',
    ]);
    expect(titles(el, 'path.area')).toEqual(['Active: 10 – 30', 'Dormant: 0 – 10']);
    expect([...el.querySelectorAll('.axis-x .tick text')].map((t) => t.textContent)).toContain('Feb');
    expect([...el.querySelectorAll('.legend-item text')].map((t) => t.textContent)).toEqual(['Active', 'Dormant']);
  });

  it('normalises to 100 %: the top series reaches the top at every x', () => {
    const el = svg();
    renderArea(el, {
      ...base, x: [0, 1], normalise: true,
      series: [{ name: 'A', values: [1, 3] }, { name: 'B', values: [3, 1] }],
    }, size);
    const [b0, b1] = topY(el, 1);
    expect(b0).toBeCloseTo(0, 6);
    expect(b1).toBeCloseTo(0, 6);
    const [a0, a1] = topY(el, 0);
    const h = axisY(el);
    expect(a0).toBeCloseTo(h * 0.75, 6); // A is 25 % at x=0
    expect(a1).toBeCloseTo(h * 0.25, 6); // and 75 % at x=1
    expect(el.querySelector('.axis-title-y')?.textContent).toBe('Customers (% of total)');
    expect([...el.querySelectorAll('.axis-y .tick text')].map((t) => t.textContent)).toContain('100%');
    expect(titles(el, '.series-0 circle.point')[0]).toBe('A · Month 0: 1 (25% of the total)');
  });

  it('draws a single series over dates on a time scale, without a legend', () => {
    const el = svg();
    const x = [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 1, 1)), new Date(Date.UTC(2024, 2, 1))];
    renderArea(el, { ...base, x, series: [{ name: 'Revenue', values: [100, 200, 150] }], yLabel: 'Revenue (€)' }, size);
    expect(el.querySelectorAll('.legend-item')).toHaveLength(0);
    const pts = [...el.querySelectorAll('circle.point')];
    // x is proportional to time: January has 31 days, February 2024 has 29
    const d1 = num(pts[1], 'cx') - num(pts[0], 'cx'), d2 = num(pts[2], 'cx') - num(pts[1], 'cx');
    expect(d1 / d2).toBeCloseTo(31 / 29, 6);
    expect(titles(el, 'circle.point')[1]).toBe('Revenue · Month 2024-02-01: 200');
    expect(el.querySelectorAll('circle.end')).toHaveLength(1);
  });

  it('overlaps unstacked series from 0 and copes with a single x and with no data', () => {
    const el = svg();
    renderArea(el, { ...base, x: [5], stacked: false, series: [{ name: 'A', values: [4] }, { name: 'B', values: [2] }] }, size);
    const [a] = topY(el, 0), [b] = topY(el, 1);
    const zero = axisY(el);
    expect(zero - b).toBeCloseTo((zero - a) / 2, 6);
    expect(titles(el, '.series-1 circle.point')).toEqual(['B · Month 5: 2']);
    expect(el.querySelectorAll('circle.end')).toHaveLength(2);
    renderArea(el, { ...base, x: [], series: [{ name: 'A', values: [] }] }, size);
    expect(el.querySelector('.chart-empty')?.textContent).toBe('No data');
    expect(el.querySelectorAll('path.area')).toHaveLength(0);
  });
});

describe('KPI tile', () => {
  const spark = (el: Element) => [...el.querySelectorAll('circle.spark-point')];

  it('shows value, a good rise and a sparkline with the last point marked', () => {
    const el = svg();
    renderKpi(el, {
      label: 'Revenue', value: '€12,300', delta: 1200, deltaFormat: (n) => `€${n.toLocaleString('en')}`, deltaLabel: 'vs May',
      series: [10, 11, 12.3], seriesLabels: ['Apr', 'May', 'Jun'], seriesFormat: (n) => `€${n}k`,
    }, { width: 320, height: 140 });
    expectAccessible(el, 'Revenue');
    expect(el.querySelector('.kpi-value')?.textContent).toBe('€12,300');
    const delta = el.querySelector('.kpi-delta')!;
    expect(delta.firstChild?.textContent).toBe('▲ €1,200 vs May');
    expect(delta.classList.contains('good')).toBe(true);
    expect((delta as SVGElement).style.fill).toContain('#009E73');
    expect(desc(el)).toBe('Revenue: €12,300. Up €1,200 vs May (better; higher is better). 3 periods from Apr to Jun, ranging from €10k to €12.3k; latest €12.3k.');
    expect(spark(el)).toHaveLength(3);
    expect(titles(el, 'circle.spark-point')).toEqual(['Apr: €10k', 'May: €11k', 'Jun: €12.3k']);
    const last = el.querySelector('circle.spark-last')!;
    expect(num(last, 'cx')).toBe(num(spark(el)[2], 'cx'));
    expect(num(last, 'cy')).toBe(num(spark(el)[2], 'cy'));
    // the highest value is at the top of the sparkline, equal steps in time equal steps in x
    expect(num(spark(el)[2], 'cy')).toBeLessThan(num(spark(el)[0], 'cy'));
    expect(num(spark(el)[1], 'cx') - num(spark(el)[0], 'cx')).toBeCloseTo(num(spark(el)[2], 'cx') - num(spark(el)[1], 'cx'), 6);
  });

  it('colours a fall in churn as good and a rise as bad (betterWhen: lower)', () => {
    const el = svg();
    renderKpi(el, { label: 'Churn', value: '4.2%', delta: -0.3, deltaFormat: (n) => `${n.toFixed(1)} pts`, betterWhen: 'lower', series: [4.5, 4.2] }, size);
    let delta = el.querySelector('.kpi-delta')!;
    expect(delta.firstChild?.textContent).toBe('▼ 0.3 pts vs previous period');
    expect(delta.classList.contains('good')).toBe(true);
    expect(desc(el)).toContain('Down 0.3 pts vs previous period (better; lower is better)');
    renderKpi(el, { label: 'Churn', value: '4.8%', delta: 0.6, deltaFormat: (n) => `${n.toFixed(1)} pts`, betterWhen: 'lower' }, size);
    delta = el.querySelector('.kpi-delta')!;
    expect(delta.firstChild?.textContent).toBe('▲ 0.6 pts vs previous period');
    expect(delta.classList.contains('bad')).toBe(true);
    expect((delta as SVGElement).style.fill).toContain('#D55E00');
    expect(el.querySelectorAll('.sparkline')).toHaveLength(0);
    // a negative change when higher is better is bad
    renderKpi(el, { label: 'Customers', value: '980', delta: -20 }, size);
    expect(el.querySelector('.kpi-delta')!.classList.contains('bad')).toBe(true);
    expect(desc(el)).toContain('Down 20 vs previous period (worse; higher is better)');
  });

  it('handles no change, a single point, gaps in the series and no value', () => {
    const el = svg();
    renderKpi(el, { label: 'NPS', value: '32', delta: 0, series: [32], seriesLabels: ['Q1'] }, { width: 200, height: 140 });
    expect(el.querySelector('.kpi-delta')!.classList.contains('neutral')).toBe(true);
    expect(desc(el)).toContain('No change vs previous period.');
    expect(desc(el)).toContain('One period (Q1): 32.');
    expect(spark(el)).toHaveLength(1);
    expect(el.querySelectorAll('circle.spark-last')).toHaveLength(1);
    // narrow tile: the sparkline goes under the value
    expect(el.querySelector('.sparkline')!.getAttribute('transform')).toBe('translate(0,60)');

    renderKpi(el, { label: 'Orders', value: '10', series: [1, null, 3] }, size);
    expect(spark(el)).toHaveLength(2);
    expect(el.querySelectorAll('.kpi-delta')).toHaveLength(0);
    expect(desc(el)).toContain('2 periods from period 1 to period 3, ranging from 1 to 3');

    renderKpi(el, { label: 'Orders', value: null, series: [1, 2] }, size);
    expect(el.querySelector('.chart-empty')?.textContent).toBe('No data');
    expect(el.querySelectorAll('.kpi-value')).toHaveLength(0);
  });
});

describe('NPS gauge', () => {
  const centre = (el: Element) => {
    const m = /translate\(([\d.]+),([\d.]+)\)/.exec(el.querySelector('g.gauge')!.getAttribute('transform')!)!;
    return { cx: Number(m[1]), cy: Number(m[2]) };
  };
  /** needle angle in degrees clockwise from 12 o'clock */
  const needleDeg = (el: Element) => {
    const n = el.querySelector('line.needle')!;
    return (Math.atan2(num(n, 'x2'), -num(n, 'y2')) * 180) / Math.PI;
  };

  it('points the needle at the score and splits responses in a 100 % bar', () => {
    const el = svg();
    renderGauge(el, { title: 'Net Promoter Score', promoters: 90, passives: 60, detractors: 50 }, size);
    expectAccessible(el, 'Net Promoter Score');
    // NPS = 45 % − 25 % = 20 → 20 % of the way from 0 to the right end (90°)
    expect(needleDeg(el)).toBeCloseTo(18, 6);
    expect(el.querySelector('.gauge-score')?.textContent).toBe('20');
    expect(el.querySelector('line.needle title')?.textContent).toBe('NPS 20');
    expect(desc(el)).toBe('NPS 20 on a scale from −100 to 100 from 200 responses: 25% detractors (50), 30% passives (60), 45% promoters (90).');
    const parts = [...el.querySelectorAll('rect.nps-part')];
    expect(parts.map((p) => p.classList[1])).toEqual(['detractors', 'passives', 'promoters']);
    expect(num(parts[2], 'width') / num(parts[0], 'width')).toBeCloseTo(90 / 50, 6);
    // adjacent and together the full width
    expect(num(parts[1], 'x')).toBeCloseTo(num(parts[0], 'x') + num(parts[0], 'width'), 6);
    expect(num(parts[2], 'x') + num(parts[2], 'width')).toBeCloseTo(2 * centre(el).cx, 6);
    expect(titles(el, 'rect.nps-part')).toEqual(['Detractors (0–6): 50 (25%)', 'Passives (7–8): 60 (30%)', 'Promoters (9–10): 90 (45%)']);
    expect([...el.querySelectorAll('text.nps-pct')].map((t) => t.textContent)).toEqual(['25%', '30%', '45%']);
    expect(el.querySelectorAll('path.band')).toHaveLength(3);
    expect(titles(el, 'path.band')[0]).toBe('More detractors than promoters: NPS -100 to 0');
    expect([...el.querySelectorAll('.legend-item text')].map((t) => t.textContent)).toEqual(['Detractors', 'Passives', 'Promoters']);
    // colour-blind-safe: vermillion and bluish green, not red and green
    const fills = [...el.querySelectorAll('path.band')].map((p) => (p as SVGElement).style.fill);
    expect(fills[0]).toContain('#D55E00');
    expect(fills[2]).toContain('#009E73');
  });

  it('needle angles at −100, 0 and 100', () => {
    const el = svg();
    renderGauge(el, { title: 'NPS', promoters: 0, passives: 0, detractors: 10 }, size);
    expect(needleDeg(el)).toBeCloseTo(-90, 6);
    expect(el.querySelector('.gauge-score')?.textContent).toBe('-100');
    expect(num(el.querySelector('line.needle')!, 'y2')).toBeCloseTo(0, 6);
    renderGauge(el, { title: 'NPS', promoters: 5, passives: 10, detractors: 5 }, size);
    expect(needleDeg(el)).toBeCloseTo(0, 6);
    expect(num(el.querySelector('line.needle')!, 'x2')).toBeCloseTo(0, 6);
    renderGauge(el, { title: 'NPS', promoters: 7, passives: 0, detractors: 0 }, size);
    expect(needleDeg(el)).toBeCloseTo(90, 6);
    // zero-width segments draw no percentage text
    expect([...el.querySelectorAll('text.nps-pct')].map((t) => t.textContent)).toEqual(['100%']);
    expect(gaugeAngle(250)).toBe(Math.PI / 2);
  });

  it('accepts a given score without counts, and says "No data" without either', () => {
    const el = svg();
    renderGauge(el, { title: 'NPS', promoters: 0, passives: 0, detractors: 0, score: -40 }, size);
    expect(needleDeg(el)).toBeCloseTo(-36, 6);
    expect(el.querySelectorAll('rect.nps-part')).toHaveLength(0);
    expect(desc(el)).toBe('NPS -40 on a scale from −100 to 100.');
    renderGauge(el, { title: 'NPS', promoters: 0, passives: 0, detractors: 0 }, size);
    expect(el.querySelector('.chart-empty')?.textContent).toBe('No data');
    expect(el.querySelectorAll('line.needle')).toHaveLength(0);
  });
});
