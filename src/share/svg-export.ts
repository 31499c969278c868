/**
 * Charts out of the page: a copy of a chart's SVG that looks the same in a file viewer, another
 * page or a static report (every style that matters written on its element, CSS variables and
 * `currentColor` resolved to concrete colours), and a PNG of it drawn through a canvas.
 * Browser code; no Svelte. The PNG goes through a `data:` URL, which the page's CSP allows
 * (img-src 'self' data: blob:) and which never taints the canvas.
 */
import { t } from '../i18n/t';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Inherited presentation properties: written where an element's value differs from its parent's. */
const INHERITED = [
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray',
  'stroke-linecap', 'stroke-linejoin', 'color', 'font-family', 'font-size', 'font-weight', 'font-style',
  'font-variant-numeric', 'letter-spacing', 'text-anchor', 'dominant-baseline', 'visibility', 'paint-order',
] as const;
/** Properties that do not inherit: written when they differ from their initial value. */
const OWN: Record<string, string> = { opacity: '1', 'shape-rendering': 'auto', 'mix-blend-mode': 'normal' };

/** Elements that never render themselves (browsers report display: none for some); never dropped. */
const NON_RENDERED = new Set(['title', 'desc', 'defs', 'clipPath', 'mask', 'marker', 'linearGradient', 'radialGradient', 'stop', 'pattern', 'symbol', 'metadata']);

export interface StandaloneOptions {
  /**
   * A background rect behind the chart: a colour, `false` for none, or by default the surface
   * colour of the page (`--surface`), so a dark-mode chart is not drawn on a white viewer.
   */
  background?: string | false;
  /** Which value of `light-dark(a, b)` to take where the browser did not resolve it (default: the page's). */
  scheme?: 'light' | 'dark';
}

/** `var(--x, fallback)`, `light-dark(a, b)` and `currentColor` → concrete values, for one element. */
export function resolveCssValue(value: string, el: Element, color: string, scheme: 'light' | 'dark', depth = 0): string {
  let v = value.trim();
  if (depth > 8) return v;
  // var(--name, fallback): the element's (inherited) custom property, else the fallback.
  for (let guard = 0; guard < 32; guard++) {
    const at = v.indexOf('var(');
    if (at < 0) break;
    const end = closing(v, at + 3);
    if (end < 0) break;
    const inner = v.slice(at + 4, end);
    const comma = topLevelComma(inner);
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? '' : inner.slice(comma + 1).trim();
    let found = customProperty(el, name);
    found = found ? resolveCssValue(found, el, color, scheme, depth + 1) : resolveCssValue(fallback, el, color, scheme, depth + 1);
    v = v.slice(0, at) + found + v.slice(end + 1);
  }
  for (let guard = 0; guard < 32; guard++) {
    const at = v.indexOf('light-dark(');
    if (at < 0) break;
    const end = closing(v, at + 10);
    if (end < 0) break;
    const inner = v.slice(at + 11, end);
    const comma = topLevelComma(inner);
    const pick = comma < 0 ? inner : scheme === 'dark' ? inner.slice(comma + 1) : inner.slice(0, comma);
    v = v.slice(0, at) + pick.trim() + v.slice(end + 1);
  }
  if (/currentcolor/i.test(v)) v = v.replace(/currentcolor/gi, color || '#000000');
  return v;
}

function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0) return i;
  }
  return -1;
}
function topLevelComma(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) return i;
  }
  return -1;
}
function customProperty(el: Element, name: string): string {
  for (let n: Element | null = el; n; n = n.parentElement) {
    const own = (n as HTMLElement).style?.getPropertyValue?.(name)?.trim();
    if (own) return own;
    const computed = getComputedStyle(n).getPropertyValue(name).trim();
    if (computed) return computed;
  }
  return '';
}

/** The colour scheme the page uses now (ThemeToggle's data-theme, else the system's). */
export function pageScheme(): 'light' | 'dark' {
  const t = document.documentElement.getAttribute('data-theme');
  if (t === 'light' || t === 'dark') return t;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function rawValue(el: Element, cs: CSSStyleDeclaration, prop: string): string {
  return cs.getPropertyValue(prop).trim() || (el as SVGElement).style?.getPropertyValue?.(prop)?.trim() || el.getAttribute(prop)?.trim() || '';
}

/**
 * A detached copy of `svg` with its styles inlined (see the module comment). The live `svg` must be
 * in the document (its computed styles are read); it is not changed.
 */
export function standaloneSvgElement(svg: SVGSVGElement, options: StandaloneOptions = {}): SVGSVGElement {
  const scheme = options.scheme ?? pageScheme();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const live = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  const resolved = new Map<Element, Record<string, string>>();
  const hidden: Element[] = [];
  live.forEach((el, i) => {
    const out = copies[i];
    const cs = getComputedStyle(el);
    const parent = el === svg ? null : resolved.get(el.parentElement!) ?? null;
    const mine: Record<string, string> = {};
    const rawColor = rawValue(el, cs, 'color');
    const color = rawColor ? resolveCssValue(rawColor, el, parent?.color ?? '#000000', scheme) : parent?.color ?? '';
    const decl: string[] = [];
    for (const p of INHERITED) {
      const raw = p === 'color' ? color : rawValue(el, cs, p);
      let v = raw ? resolveCssValue(raw, el, color, scheme) : parent?.[p] ?? '';
      // An attribute may be a bare number (font-size="10"); a style needs the unit.
      if ((p === 'font-size' || p === 'letter-spacing') && /^-?[\d.]+$/.test(v)) v += 'px';
      mine[p] = v;
      if (v && (!parent || parent[p] !== v)) decl.push(`${p}:${v}`);
    }
    for (const [p, initial] of Object.entries(OWN)) {
      const raw = rawValue(el, cs, p);
      const v = raw ? resolveCssValue(raw, el, color, scheme) : '';
      if (v && v !== initial) decl.push(`${p}:${v}`);
    }
    resolved.set(el, mine);
    const structural = NON_RENDERED.has(el.localName) || !!el.closest('defs, clipPath, mask, marker, pattern, symbol');
    if (!structural && (cs.getPropertyValue('display') === 'none' || (el as SVGElement).style?.display === 'none')) hidden.push(out);
    if (el.localName === 'title' || el.localName === 'desc') decl.length = 0;
    if (el === svg) decl.push('overflow:visible');
    if (decl.length) out.setAttribute('style', decl.join(';'));
    else out.removeAttribute('style');
    // The presentation attributes are now in the style (resolved: no currentColor, no var()).
    for (const a of [...INHERITED, ...Object.keys(OWN)]) out.removeAttribute(a);
    out.removeAttribute('class');
    out.removeAttribute('tabindex');
    for (const a of [...out.attributes]) if (/^on/i.test(a.name)) out.removeAttribute(a.name);
  });
  for (const h of hidden) if (h !== copy) h.remove();
  copy.querySelectorAll('script, foreignObject').forEach((n) => n.remove());

  // Size from the viewBox: a file viewer has no container to take 100% of.
  const vb = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const [vx, vy, vw, vh] = vb.length === 4 && vb.every(Number.isFinite) ? vb : [0, 0, Number(svg.getAttribute('width')) || 600, Number(svg.getAttribute('height')) || 300];
  if (!svg.getAttribute('viewBox')) copy.setAttribute('viewBox', `${vx} ${vy} ${vw} ${vh}`);
  copy.setAttribute('width', String(vw));
  copy.setAttribute('height', String(vh));
  copy.setAttribute('version', '1.1');

  const bg = options.background === undefined ? surfaceColour(svg, scheme) : options.background;
  if (bg) {
    const rect = document.createElementNS(SVG_NS, 'rect');
    rect.setAttribute('x', String(vx));
    rect.setAttribute('y', String(vy));
    rect.setAttribute('width', String(vw));
    rect.setAttribute('height', String(vh));
    rect.setAttribute('style', `fill:${bg};stroke:none`);
    rect.setAttribute('data-export', 'background');
    // Before the first thing drawn (after <title>/<desc>, which name the image; <defs> draw nothing).
    const first = [...copy.children].find((c) => !['title', 'desc', 'defs', 'style', 'metadata'].includes(c.localName));
    copy.insertBefore(rect, first ?? null);
  }
  return copy;
}

/** The page's surface colour as seen from the chart, resolved (white if there is none). */
export function surfaceColour(from: Element, scheme: 'light' | 'dark' = pageScheme()): string {
  const v = customProperty(from, '--surface');
  const resolved = v ? resolveCssValue(v, from, '#000000', scheme) : '';
  return resolved && !resolved.includes('(') ? resolved : scheme === 'dark' ? '#1a1d1f' : '#ffffff';
}

/** The chart as a self-contained SVG file's text (see `standaloneSvgElement`). */
export function standaloneSvg(svg: SVGSVGElement, options: StandaloneOptions = {}): string {
  const copy = standaloneSvgElement(svg, options);
  copy.setAttribute('xmlns', SVG_NS);
  let text = new XMLSerializer().serializeToString(copy);
  if (!/^<svg[^>]*\sxmlns=/.test(text)) text = text.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}`;
}

/** The SVG's size from its viewBox (or width/height attributes). */
export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const vb = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  if (vb.length === 4 && vb.every(Number.isFinite) && vb[2] > 0 && vb[3] > 0) return { width: vb[2], height: vb[3] };
  return { width: Number(svg.getAttribute('width')) || 600, height: Number(svg.getAttribute('height')) || 300 };
}

/** A data: URL of SVG text (img-src allows data:). */
export function svgDataUrl(text: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}

/** The chart as a PNG, `scale` device pixels per SVG unit (2 = sharp on high-density screens and in slides). */
export async function svgToPng(svg: SVGSVGElement, scale = 2, options: StandaloneOptions = {}): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const text = standaloneSvg(svg, options);
  const img = new Image();
  img.decoding = 'sync';
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error(t('share.chart.drawFailed')));
    img.src = svgDataUrl(text);
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error(t('share.chart.noCanvas'));
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(t('share.chart.pngFailed')))), 'image/png'));
}
