// @vitest-environment happy-dom
/**
 * Right-to-left charts (Persian/Arabic readers): every chart type mirrored — value axis on the
 * right, x running right to left, bars growing leftwards, legends and titles from the right —
 * with numbers in the reader's digits, Jalali month ticks on time axes, the chart's own words
 * translated, and left-to-right text (numbers, Latin names) kept readable inside the RTL SVG.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  renderArea, renderBars, renderGauge, renderHBars, renderHistogram, renderKpi, renderLines, renderMatrix, renderScatter, renderStacked,
} from '../../src/charts';
import { calendarTicks, fmtNumber, textWidth } from '../../src/charts/locale';
import { leftMarginFor } from '../../src/charts/frame';
import { prefs } from '../../src/i18n/prefs.svelte';

const size = { width: 600, height: 300 };
function svg(): SVGSVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.appendChild(el);
  return el;
}
const num = (el: Element, attr: string) => Number(el.getAttribute(attr));
const translate = (el: Element | null) => {
  const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(el?.getAttribute('transform') ?? '');
  return m ? { x: Number(m[1]), y: Number(m[2]) } : { x: 0, y: 0 };
};
/** inner plot width = where the value axis stands in RTL */
const plotLeft = (el: Element) => translate(el.querySelector('g.plot')).x;
const tickTexts = (el: Element, axis: string) => [...el.querySelectorAll(`${axis} .tick text`)].map((t) => t.textContent ?? '');
const desc = (el: SVGSVGElement) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
const unisolate = (s: string | null | undefined) => (s ?? '').replace(/[\u2066-\u2069]/g, '');
const PERSIAN_NUMBER = /^[-−\u200e]*[۰-۹][۰-۹٬٫]*٪?$/;

/** The y axis stands at the plot's right edge, its labels to its right, and nothing passes the SVG's right edge. */
function expectValueAxisOnRight(el: SVGSVGElement) {
  const axis = el.querySelector('.axis-y')!;
  const w = translate(axis).x;
  expect(w).toBeGreaterThan(300);
  expect(axis.getAttribute('text-anchor')).toBe('end');
  const labels = tickTexts(el, '.axis-y');
  const room = 600 - plotLeft(el) - w - 9; // labels start 9 px right of the axis
  expect(room).toBeGreaterThanOrEqual(Math.max(...labels.map((l) => textWidth(l))));
  // the rotated axis title sits beyond the labels
  const title = el.querySelector('.axis-title-y');
  if (title) expect(num(title, 'y')).toBeGreaterThan(w + 9 + Math.max(...labels.map((l) => textWidth(l))));
}

beforeEach(() => {
  prefs.lang = 'fa';
  prefs.digits = 'native';
  prefs.calendar = 'gregorian';
});
afterEach(() => {
  prefs.lang = 'en';
  prefs.digits = 'latn';
  prefs.calendar = 'gregorian';
  document.body.innerHTML = '';
});

describe('frame in right-to-left', () => {
  it('sets direction rtl, starts the title and legend at the right and swaps the margins', () => {
    const el = svg();
    renderBars(el, {
      title: 'خریدهای تکراری', description: 'واقعی و مورد انتظار', categories: ['۰', '۱', '۲'],
      series: [{ name: 'واقعی', values: [10, 5, 0] }, { name: 'Expected', values: [8, 6, 1] }], xLabel: 'x', yLabel: 'مشتریان',
    }, size);
    expect(el.getAttribute('direction')).toBe('rtl');
    expect(el.getAttribute('preserveAspectRatio')).toBe('xMaxYMin meet');
    const title = el.querySelector('.chart-title')!;
    expect(num(title, 'x')).toBe(600);
    expect(title.getAttribute('text-anchor')).toBeNull(); // start of rtl text = its right end
    const items = [...el.querySelectorAll('.legend-item')];
    expect(translate(items[0]).x).toBe(600);
    expect(translate(items[1]).x).toBeLessThan(translate(items[0]).x - textWidth('واقعی'));
    // the swatch is right of its label: rect at [-12, 0], label's right end at -17
    expect(num(items[0].querySelector('rect')!, 'x')).toBe(-12);
    expect(num(items[0].querySelector('text')!, 'x')).toBe(-17);
    // a Latin legend label is set ltr with its anchor mirrored, so its right end stays at -17
    const latin = items[1].querySelector('text')!;
    expect(latin.getAttribute('direction')).toBe('ltr');
    expect(latin.getAttribute('text-anchor')).toBe('end');
    expect(items[0].querySelector('text')!.getAttribute('direction')).toBeNull();
    // small margin on the left, the label margin on the right
    expect(plotLeft(el)).toBe(16);
    expectValueAxisOnRight(el);
  });

  it('an explicit rtl option wins over the language', () => {
    const el = svg();
    const spec = { title: 'T', description: 'd', categories: ['a', 'b'], series: [{ name: 's', values: [1, 2] }], xLabel: 'x', yLabel: 'y' };
    renderBars(el, { ...spec, rtl: false }, size);
    expect(el.getAttribute('direction')).toBe('ltr'); // inside an RTL page, say so
    expect(el.querySelector('.axis-y')!.getAttribute('transform')).toBeNull();
    const [a, b] = [...el.querySelectorAll('rect.bar')];
    expect(translate(a.parentElement).x).toBeLessThan(translate(b.parentElement).x);
    prefs.lang = 'en';
    prefs.digits = 'latn';
    renderBars(el, { ...spec, rtl: true }, size);
    expect(el.getAttribute('direction')).toBe('rtl');
    expectValueAxisOnRight(el);
    expect(tickTexts(el, '.axis-y')).toContain('2');
    renderBars(el, spec, size);
    expect(el.getAttribute('direction')).toBeNull(); // English page: unchanged output
  });

  it('leftMarginFor fits Persian labels (wider per letter than Latin)', () => {
    const label = '۱۲۰ هزار تومان';
    expect(leftMarginFor([label])).toBeGreaterThanOrEqual(Math.ceil(textWidth(label)) + 30);
    expect(textWidth('تومان')).toBeGreaterThan(textWidth('Toman'));
    expect(textWidth('می‌شود')).toBe(textWidth('میشود')); // ZWNJ takes no room
    expect(leftMarginFor(['1,000'])).toBe(Math.max(56, Math.ceil(5 * 6.6) + 30));
  });
});

describe('bars and stacked bars in right-to-left', () => {
  it('bars: first category and first series at the right, value axis on the right, Persian digits', () => {
    const el = svg();
    renderBars(el, {
      title: 'T', description: 'd', categories: ['a', 'b', 'c'],
      series: [{ name: 'یک', values: [1000, 2500, 0] }, { name: 'دو', values: [800, 600, 100] }], xLabel: 'x', yLabel: 'مشتریان',
    }, size);
    const groups = [...el.querySelectorAll('g.bars > g')];
    expect(translate(groups[0]).x).toBeGreaterThan(translate(groups[2]).x);
    const [s0] = el.querySelectorAll('rect.series-0');
    const [s1] = el.querySelectorAll('rect.series-1');
    expect(num(s0, 'x')).toBeGreaterThan(num(s1, 'x'));
    expectValueAxisOnRight(el);
    const ticks = tickTexts(el, '.axis-y');
    expect(ticks).toContain('۲٬۵۰۰');
    for (const t of ticks) expect(t).toMatch(PERSIAN_NUMBER);
    // numbers are set left to right; anchored at their left end next to the axis
    const tick = el.querySelector('.axis-y .tick text')!;
    expect(tick.getAttribute('direction')).toBe('ltr');
    expect(tick.getAttribute('text-anchor')).toBe('start');
    expect(el.querySelector('rect.series-0 title')?.textContent).toBe('a · یک: ۱٬۰۰۰');
    // axis labels keep the chart's font (Vazirmatn in fa/ar), not d3's sans-serif
    expect(el.querySelector('.axis-y')!.getAttribute('font-family')).toBeNull();
  });

  it('says "No data" in the reader\'s language', () => {
    const el = svg();
    renderBars(el, { title: 'T', description: 'd', categories: [], series: [], xLabel: 'x', yLabel: 'y' }, size);
    expect(el.querySelector('.chart-empty')?.textContent).toBe('داده‌ای وجود ندارد');
    prefs.lang = 'ar';
    renderLines(el, { title: 'T', description: 'd', series: [], xLabel: 'x', yLabel: 'y' }, size);
    expect(el.querySelector('.chart-empty')?.textContent).toBe('لا توجد بيانات');
  });

  it('stacked: first period at the right, the value axis on the right, incomplete periods said in Persian', () => {
    const el = svg();
    renderStacked(el, {
      title: 'T', description: 'd', categories: ['Jan', 'Feb'],
      series: [{ name: 'جدید', values: [10, 5] }, { name: 'خفته', values: [-5, -10] }],
      complete: [true, false], xLabel: 'ماه', yLabel: 'مشتریان',
    }, size);
    const stacks = [...el.querySelectorAll('g.stack')];
    expect(translate(stacks[0]).x).toBeGreaterThan(translate(stacks[1]).x);
    expectValueAxisOnRight(el);
    expect(tickTexts(el, '.axis-y')).toContain('۱۰');
    expect(tickTexts(el, '.axis-y').some((t) => t.includes('۱۰') && t !== '۱۰')).toBe(true); // −10
    expect(el.querySelectorAll('rect.series-1')[1].querySelector('title')?.textContent).toContain('(دوره هنوز تمام نشده است)');
    // category labels along the bottom: the first at the right
    const cats = [...el.querySelectorAll('.axis-x .tick')];
    expect(translate(cats[0]).x).toBeGreaterThan(translate(cats[1]).x);
  });
});

describe('lines and area in right-to-left', () => {
  it('lines: x runs right to left, value axis on the right, default formats in Persian digits', () => {
    const el = svg();
    renderLines(el, {
      title: 'T', description: 'd', series: [{ name: 'واقعی', points: [{ x: 0, y: 0 }, { x: 1, y: 2.5 }, { x: 2, y: 5 }] }],
      xLabel: 'هفته', yLabel: 'خرید',
    }, size);
    const pts = [...el.querySelectorAll('circle.point')];
    expect(num(pts[0], 'cx')).toBeGreaterThan(num(pts[2], 'cx'));
    expect(num(pts[2], 'cx')).toBe(0);
    expect(el.querySelector('path.line')!.getAttribute('d')).toMatch(new RegExp(`^M${translate(el.querySelector('.axis-y')).x},`));
    expectValueAxisOnRight(el);
    for (const t of [...tickTexts(el, '.axis-x'), ...tickTexts(el, '.axis-y')]) expect(t).toMatch(PERSIAN_NUMBER);
    expect(pts[1].querySelector('title')?.textContent).toBe('واقعی · هفته ۱: ۲٫۵');
    const xTicks = [...el.querySelectorAll('.axis-x .tick')];
    expect(translate(xTicks[0]).x).toBeGreaterThan(translate(xTicks[xTicks.length - 1]).x);
  });

  it('area: mirrored, 100 % ticks and shares in Persian, titles translated', () => {
    const el = svg();
    renderArea(el, {
      title: 'T', description: 'd', x: [0, 1], normalise: true, xLabel: 'ماه', yLabel: 'مشتریان',
      series: [{ name: 'A', values: [1, 3] }, { name: 'B', values: [3, 1] }],
    }, size);
    const a = [...el.querySelectorAll('.series-0 circle.point')];
    expect(num(a[0], 'cx')).toBeGreaterThan(num(a[1], 'cx'));
    expectValueAxisOnRight(el);
    expect(tickTexts(el, '.axis-y')).toContain('۱۰۰٪');
    expect(unisolate(el.querySelector('.axis-title-y')?.textContent)).toBe('مشتریان (٪ از کل)');
    expect(unisolate(a[0].querySelector('title')?.textContent)).toBe('A · ماه ۰: ۱ (۲۵٪ از کل)');
  });

  it('area over dates in the Jalali calendar: ticks on Jalali month starts with Jalali month names', () => {
    prefs.calendar = 'jalali';
    const el = svg();
    const x = [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 1, 1)), new Date(Date.UTC(2024, 2, 1))];
    renderArea(el, { title: 'T', description: 'd', x, series: [{ name: 'درآمد', values: [100, 200, 150] }], xLabel: 'روز', yLabel: 'درآمد' }, size);
    // 1402/11/01 (Bahman) = 2024-01-21, 1402/12/01 (Esfand) = 2024-02-20
    expect(tickTexts(el, '.axis-x')).toEqual(['بهمن', 'اسفند']);
    const ticks = [...el.querySelectorAll('.axis-x .tick')].map((t) => translate(t).x - 0.5); // d3 axes offset ticks by 0.5 px
    const pts = [...el.querySelectorAll('circle.point')].map((c) => num(c, 'cx'));
    // right to left: Jan 1 at the right edge, Bahman 1 twenty days later, Mar 1 at the left
    const perDay = (pts[0] - pts[2]) / 60;
    expect(ticks[0]).toBeCloseTo(pts[0] - 20 * perDay, 6);
    expect(ticks[1]).toBeCloseTo(pts[0] - 50 * perDay, 6);
    expect(el.querySelectorAll('circle.point')[1].querySelector('title')?.textContent).toBe('درآمد · روز ۱۴۰۲/۱۱/۱۲: ۲۰۰');
  });

  it('Jalali ticks over a year start name the year; Gregorian months in Persian; Jalali months in English', () => {
    prefs.calendar = 'jalali';
    const t = calendarTicks(new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 5, 30)), 7, 600)!;
    const labels = t.values.map(t.label);
    expect(labels).toContain('۱۴۰۳'); // Farvardin 1, 1403 = 2024-03-20
    expect(t.values.map((d) => d.toISOString().slice(0, 10))).toContain('2024-03-20');
    expect(labels).toContain('اردیبهشت');
    prefs.calendar = 'gregorian';
    const g = calendarTicks(new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 2, 1)), 7, 600)!;
    expect(g.values.map((d) => d.toISOString().slice(0, 10))).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    expect(g.values.map(g.label)[0]).toBe('۲۰۲۴');
    expect(g.values.map(g.label)[1]).toMatch(/^فوریه|^فور/);
    prefs.lang = 'en';
    expect(calendarTicks(new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 2, 1)), 7, 600)).toBeNull(); // d3's own
    prefs.calendar = 'jalali';
    const e = calendarTicks(new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 2, 1)), 7, 600)!;
    expect(e.values.map(e.label)).toEqual(['Bahman', 'Esfand']);
    // short spans: day ticks named by day and month
    prefs.lang = 'fa';
    const d = calendarTicks(new Date(Date.UTC(2024, 2, 25)), new Date(Date.UTC(2024, 2, 28)), 4, 600)!;
    expect(d.values.map(d.label)[0]).toBe('۶ فروردین');
  });
});

describe('histogram and matrix in right-to-left', () => {
  it('histogram: bins run right to left, the overflow bar set apart on the left', () => {
    const el = svg();
    renderHistogram(el, {
      title: 'T', description: 'd', bins: [{ x0: 0, x1: 10, count: 4 }, { x0: 10, x1: 20, count: 2 }, { x0: 20, x1: 30, count: 1 }],
      overflow: { from: 30, count: 3 }, xLabel: 'CLV', yLabel: 'مشتریان',
    }, size);
    const bins = [...el.querySelectorAll('rect.bin:not(.overflow-bin)')];
    expect(num(bins[0], 'x')).toBeGreaterThan(num(bins[2], 'x'));
    // adjacent: the second ends 1 px before the first starts
    expect(num(bins[1], 'x') + num(bins[1], 'width') + 1).toBeCloseTo(num(bins[0], 'x'), 6);
    const over = el.querySelector('rect.overflow-bin')!;
    expect(num(over, 'x') + num(over, 'width')).toBeLessThan(num(bins[2], 'x'));
    expect(num(over, 'x')).toBe(0);
    expectValueAxisOnRight(el);
    expect(el.querySelector('.overflow text')?.textContent).toBe('≥ ۳۰');
    expect([...el.querySelectorAll('rect.bin')].map((b) => b.querySelector('title')?.textContent)[0]).toBe('۰ – ۱۰: ۴');
  });

  it('matrix: columns mirrored, row labels on the right, colour legend on the left inside the SVG', () => {
    const el = svg();
    renderMatrix(el, {
      title: 'P(alive)', description: 'd', rows: ['2', '1', '0'], columns: ['0', '10', '20'],
      values: [[0.1, 0.5, 0.9], [0.2, null, 0.95], [1, 1, 1]], rowLabel: 'تکرار', columnLabel: 'تازگی',
      domain: [0, 1], legendLabel: 'احتمال فعال بودن',
    }, size);
    const cells = [...el.querySelectorAll('.cells > g')];
    expect(translate(cells[0]).x).toBeGreaterThan(translate(cells[2]).x);
    expectValueAxisOnRight(el);
    const rect = el.querySelector('.colour-legend rect')!;
    expect(num(rect, 'x')).toBe(-30);
    // the legend's label runs left from the bar's outer edge and stays inside the SVG
    const label = el.querySelector('.colour-legend .legend-label')!;
    expect(plotLeft(el) + num(label, 'x') - textWidth('احتمال فعال بودن', 10.5)).toBeGreaterThanOrEqual(0);
    const legendTicks = [...el.querySelectorAll('.colour-legend .tick text')];
    expect(legendTicks.map((t) => t.textContent)).toEqual(['۰', '۰٫۲', '۰٫۴', '۰٫۶', '۰٫۸', '۱']);
    expect(legendTicks[0].getAttribute('direction')).toBe('ltr');
    expect((legendTicks[0] as SVGElement).style.getPropertyValue('text-anchor')).toBe('end'); // right end left of the bar
    const titles = cells.map((c) => unisolate(c.querySelector('title')?.textContent));
    expect(titles).toContain('تکرار 1، تازگی 10: بدون مقدار');
  });
});

describe('horizontal bars in right-to-left', () => {
  it('labels on the right, bars growing leftwards from zero, notes at the left, Persian tooltips', () => {
    const el = svg();
    renderHBars(el, {
      title: 'T', description: 'd',
      rows: [
        { label: 'اینستاگرام', value: 0.5, low: 0.4, high: 0.6, note: 'n = ۱۰۰' },
        { label: 'website', value: 0.25, note: 'n = ۴۰۰' },
      ],
      xLabel: 'نرخ ریزش', xMax: 1, format: (n) => fmtNumber(n),
    }, size);
    const [a, b] = [...el.querySelectorAll('rect.hbar')];
    const w = translate(el.querySelector('.axis-y')).x;
    expect(num(a, 'x') + num(a, 'width')).toBeCloseTo(w, 6);
    expect(num(b, 'x') + num(b, 'width')).toBeCloseTo(w, 6);
    expect(num(a, 'width')).toBeCloseTo(2 * num(b, 'width'), 6);
    expect(num(a, 'x')).toBeLessThan(num(b, 'x'));
    expectValueAxisOnRight(el);
    expect(tickTexts(el, '.axis-y')).toEqual(['اینستاگرام', 'website']);
    const notes = [...el.querySelectorAll('text.note')];
    expect(num(notes[0], 'x')).toBe(-6);
    // room for the notes on the left
    expect(plotLeft(el)).toBeGreaterThanOrEqual(textWidth('n = ۱۰۰') + 6);
    expect(unisolate(a.querySelector('title')?.textContent)).toBe('اینستاگرام: ۰٫۵ (بازهٔ اطمینان ۹۵٪: ۰٫۴ تا ۰٫۶)، n = ۱۰۰');
    const xTicks = [...el.querySelectorAll('.axis-x .tick')];
    expect(translate(xTicks[0]).x).toBeGreaterThan(translate(xTicks[xTicks.length - 1]).x); // 0 at the right
  });

  it('negative values extend to the right of the zero line', () => {
    const el = svg();
    renderHBars(el, { title: 'T', description: 'd', rows: [{ label: 'a', value: 40 }, { label: 'b', value: -20 }], xLabel: 'NPS', xMax: 100 }, size);
    const [a, b] = [...el.querySelectorAll('rect.hbar')];
    const zero = num(el.querySelector('line.zero')!, 'x1');
    expect(num(a, 'x') + num(a, 'width')).toBeCloseTo(zero, 6);
    expect(num(b, 'x')).toBeCloseTo(zero, 6);
    expect(num(a, 'width')).toBeCloseTo(2 * num(b, 'width'), 6);
  });
});

describe('scatter in right-to-left', () => {
  it('x grows to the left, the y axis on the right, labels left of their point, notes in Persian', () => {
    const el = svg();
    renderScatter(el, {
      title: 'T', description: 'هر نقطه یک مشتری', xLabel: 'سفارش', yLabel: 'خرید', labelTop: 3, labelBy: 'x',
      points: [{ x: 0, y: 0, label: 'A' }, { x: 5, y: 50, label: 'B' }, { x: 10, y: 100, label: 'C' }, { x: 2, y: 20, category: null }],
      yLog: false,
    }, size);
    const pts = [...el.querySelectorAll('circle.point')];
    expect(num(pts[0], 'cx')).toBeGreaterThan(num(pts[2], 'cx'));
    expectValueAxisOnRight(el);
    expect(desc(el)).toContain('۴ نقطه.');
    for (const t of tickTexts(el, '.axis-x')) expect(t).toMatch(PERSIAN_NUMBER);
    const labels = new Map([...el.querySelectorAll('text.point-label')].map((t) => [t.textContent, t]));
    const b = labels.get('B')!;
    // B (x = 5) is mid-plot: its label ends (right end, anchor end of ltr text) left of the point
    expect(num(b, 'x')).toBeLessThan(num(pts[1], 'cx'));
    expect(b.getAttribute('direction')).toBe('ltr');
    expect(b.getAttribute('text-anchor')).toBe('end');
    // C (x = 10) is at the left edge: its label goes right of the point
    const c = labels.get('C')!;
    expect(num(c, 'x') + num(c, 'dx')).toBeGreaterThan(num(pts[2], 'cx'));
    expect(c.getAttribute('text-anchor')).toBe('start');
    expect(pts[1].querySelector('title')?.textContent).toBe('B: سفارش ۵، خرید ۵۰');
  });

  it('log scales and no-tooltip notes in Arabic with Arabic plurals', () => {
    prefs.lang = 'ar';
    const el = svg();
    renderScatter(el, {
      title: 'T', description: '', xLabel: 'x', yLabel: 'y', xLog: true, yLog: true, tooltipLimit: 1,
      points: [{ x: 1, y: 10 }, { x: 10, y: 100 }, { x: 100, y: 1000 }, { x: 0, y: 5 }, { x: 3, y: -1 }],
    }, size);
    expect(desc(el)).toContain('٣ نقاط.');
    expect(desc(el)).toContain('نقطتان قيمتهما ≤ ٠');
    expect(desc(el)).toContain('المقياس لوغاريتمي على المحورين.');
    expect(desc(el)).toContain('مع أكثر من ١ نقطة');
    expect(unisolate(el.querySelector('.axis-title-x')?.textContent)).toBe('x (مقياس لوغاريتمي)');
    expect(tickTexts(el, '.axis-x')).toEqual(['١', '٢', '٥', '١٠', '٢٠', '٥٠', '١٠٠']);
  });
});

describe('KPI tile and NPS gauge in right-to-left', () => {
  it('KPI: value at the right, sparkline on the left running right to left, Persian description', () => {
    const el = svg();
    renderKpi(el, {
      label: 'درآمد', value: '۱۲٬۳۰۰', delta: 1200, series: [10, 11, 12.3], seriesLabels: ['فروردین', 'اردیبهشت', 'خرداد'],
    }, { width: 320, height: 140 });
    const value = el.querySelector('.kpi-value')!;
    const w = 320 - plotLeft(el) - 4; // margins: 8 left, 4 right when mirrored
    expect(plotLeft(el)).toBe(8);
    expect(num(value, 'x')).toBe(w);
    expect(value.getAttribute('direction')).toBe('ltr');
    expect(value.getAttribute('text-anchor')).toBe('end'); // its right end at the right edge
    expect(translate(el.querySelector('.sparkline')).x).toBe(0);
    const spark = [...el.querySelectorAll('circle.spark-point')];
    expect(num(spark[0], 'cx')).toBeGreaterThan(num(spark[2], 'cx'));
    expect(unisolate(el.querySelector('.kpi-delta')?.firstChild?.textContent)).toBe('▲ ۱٬۲۰۰ نسبت به دورهٔ قبل');
    expect(unisolate(desc(el))).toBe('درآمد: ۱۲٬۳۰۰. افزایش ۱٬۲۰۰ نسبت به دورهٔ قبل (بهتر؛ بیشتر بهتر است). ۳ دوره از فروردین تا خرداد، بین ۱۰ و ۱۲٫۳؛ آخرین: ۱۲٫۳.');
    expect(unisolate(el.querySelector('circle.spark-last title')?.textContent)).toBe('خرداد (آخرین): ۱۲٫۳');
  });

  it('NPS gauge reads from the right: −100 at the right, promoters at the left', () => {
    const el = svg();
    renderGauge(el, { title: 'NPS', promoters: 90, passives: 60, detractors: 50 }, size);
    const needle = el.querySelector('line.needle')!;
    expect(num(needle, 'x2')).toBeLessThan(0); // +20 leans left
    const ticks = [...el.querySelectorAll('.gauge-ticks text')];
    expect(ticks.map((t) => t.textContent)).toEqual(['−۱۰۰', '۰', '۱۰۰']);
    expect(num(ticks[0], 'x')).toBeGreaterThan(0);
    expect(el.querySelector('.gauge-score')?.textContent).toBe('۲۰');
    const [det, pas, pro] = [...el.querySelectorAll('rect.nps-part')];
    expect(num(det, 'x')).toBeGreaterThan(num(pas, 'x'));
    expect(num(pas, 'x')).toBeGreaterThan(num(pro, 'x'));
    expect(num(pro, 'x')).toBeCloseTo(0, 6);
    expect([...el.querySelectorAll('text.nps-pct')].map((t) => t.textContent)).toEqual(['۲۵٪', '۳۰٪', '۴۵٪']);
    expect([...el.querySelectorAll('.legend-item text')].map((t) => t.textContent)).toEqual(['منتقدان', 'بی‌طرف‌ها', 'مروجان']);
    expect(unisolate(det.querySelector('title')?.textContent)).toBe('منتقدان (۰–۶): ۵۰ (۲۵٪)');
    expect(unisolate(desc(el))).toBe('NPS ۲۰ در مقیاس −۱۰۰ تا ۱۰۰، از ۲۰۰ پاسخ: ۲۵٪ منتقد (۵۰)، ۳۰٪ بی‌طرف (۶۰)، ۴۵٪ مروج (۹۰).');
    expect(unisolate(el.querySelector('path.band title')?.textContent)).toBe('منتقدان بیش از مروجان: NPS از ‎−۱۰۰ تا ۰');
  });
});
