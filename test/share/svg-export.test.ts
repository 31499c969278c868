// @vitest-environment happy-dom
/**
 * standaloneSvg: a chart's SVG copied with its styles written on every element and every CSS
 * variable / currentColor / light-dark() turned into a concrete colour, sized from its viewBox.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderBars, renderLines } from '../../src/charts';
import { resolveCssValue, standaloneSvg, standaloneSvgElement, svgDataUrl, svgSize } from '../../src/share/svg-export';

let style: HTMLStyleElement;
beforeEach(() => {
  style = document.createElement('style');
  style.textContent = `:root { --series-1: #123456; --series-2: light-dark(#abcdef, #010203); --text: #222222; --muted: #777777; --border: #dddddd; --surface: #fefefe; }`;
  document.head.append(style);
  document.documentElement.style.setProperty('--series-1', '#123456');
  document.documentElement.style.setProperty('--series-2', 'light-dark(#abcdef, #010203)');
  document.documentElement.style.setProperty('--text', '#222222');
  document.documentElement.style.setProperty('--surface', '#fefefe');
});
afterEach(() => {
  style.remove();
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '';
});

function chart(): SVGSVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  document.body.append(el);
  renderBars(el, {
    title: 'Orders', description: 'orders per month', categories: ['Jan', 'Feb', 'Mar'],
    series: [{ name: 'Orders', values: [3, 5, 2] }, { name: 'Returns', values: [1, 0, 1] }],
    xLabel: 'month', yLabel: 'orders',
  }, { width: 600, height: 300 });
  return el;
}

describe('resolveCssValue', () => {
  it('resolves variables (with nested fallbacks), light-dark() and currentColor', () => {
    const el = document.createElement('div');
    document.body.append(el);
    expect(resolveCssValue('var(--series-1, #0072B2)', el, '#000', 'light')).toBe('#123456');
    expect(resolveCssValue('var(--nope, var(--also-nope, #abc))', el, '#000', 'light')).toBe('#abc');
    expect(resolveCssValue('var(--series-2)', el, '#000', 'light')).toBe('#abcdef');
    expect(resolveCssValue('var(--series-2)', el, '#000', 'dark')).toBe('#010203');
    expect(resolveCssValue('currentColor', el, 'rgb(1, 2, 3)', 'light')).toBe('rgb(1, 2, 3)');
    expect(resolveCssValue('12px var(--font, system-ui, sans-serif)', el, '#000', 'light')).toBe('12px system-ui, sans-serif');
  });
});

describe('standaloneSvg', () => {
  it('inlines the styles that matter, with no var( or currentColor left', () => {
    const el = chart();
    const text = standaloneSvg(el);
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toMatch(/<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text).not.toMatch(/var\(/);
    expect(text).not.toMatch(/currentcolor/i);
    expect(text).not.toMatch(/light-dark/);
    // the first series' bars carry the page's colour, the second's the light value
    const copy = standaloneSvgElement(el);
    const bars0 = [...copy.querySelectorAll('rect')].filter((r) => /fill:#123456/.test(r.getAttribute('style') ?? ''));
    const bars1 = [...copy.querySelectorAll('rect')].filter((r) => /fill:#abcdef/.test(r.getAttribute('style') ?? ''));
    expect(bars0.length).toBeGreaterThanOrEqual(3);
    expect(bars1.length).toBeGreaterThanOrEqual(3);
    // the text colour (var(--text) → currentColor on texts) is concrete
    expect(copy.getAttribute('style')).toMatch(/color:#222222/);
    expect(copy.getAttribute('style')).toMatch(/font-size:12px/);
    // the live chart is untouched
    expect(el.querySelector('[style*="var("]')).not.toBeNull();
  });

  it('is sized from the viewBox, keeps its title and draws a background in the surface colour', () => {
    const el = chart();
    const copy = standaloneSvgElement(el);
    expect(copy.getAttribute('width')).toBe('600');
    expect(copy.getAttribute('height')).toBe('300');
    expect(svgSize(el)).toEqual({ width: 600, height: 300 });
    const bg = copy.querySelector('[data-export="background"]')!;
    expect(bg.getAttribute('style')).toContain('fill:#fefefe');
    expect(copy.querySelector('title')?.textContent).toBe('Orders');
    expect(standaloneSvgElement(el, { background: false }).querySelector('[data-export="background"]')).toBeNull();
    expect(standaloneSvgElement(el, { background: '#000' }).querySelector('[data-export="background"]')!.getAttribute('style')).toContain('fill:#000');
  });

  it('writes inherited values once (children that match their parent carry no copy)', () => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.append(el);
    renderLines(el, {
      title: 'Retention', description: 'x', series: [{ name: 'A', points: [{ x: 0, y: 1 }, { x: 1, y: 0.5 }] }],
      xLabel: 'months', yLabel: 'share',
    } as never, { width: 400, height: 200 });
    const copy = standaloneSvgElement(el, { background: false });
    const styled = [...copy.querySelectorAll('text')].filter((t) => /font-family/.test(t.getAttribute('style') ?? ''));
    expect(styled).toHaveLength(0);
    expect(copy.querySelectorAll('[class]').length).toBe(0);
    expect(new XMLSerializer().serializeToString(copy)).not.toMatch(/var\(/);
  });

  it('puts the background behind what is drawn even when <defs> come last, and keeps url(#gradient) fills', () => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    el.setAttribute('viewBox', '0 0 100 50');
    el.innerHTML = '<title>t</title><g><rect width="10" height="10" style="fill: url(#grad)"></rect></g>'
      + '<defs><linearGradient id="grad"><stop offset="0%" stop-color="#000"></stop></linearGradient></defs>';
    document.body.append(el);
    const copy = standaloneSvgElement(el, { background: '#fff' });
    expect([...copy.children].map((c) => c.localName)).toEqual(['title', 'rect', 'g', 'defs']);
    expect(copy.children[1].getAttribute('data-export')).toBe('background');
    expect(copy.querySelector('g rect')?.getAttribute('style')).toMatch(/fill:url\(["']?#grad["']?\)/);
  });

  it('makes a data: URL an <img> may load under img-src data:', () => {
    expect(svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"/>')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
  });
});
