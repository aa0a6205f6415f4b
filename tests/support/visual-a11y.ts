// What axe cannot see, measured in the page as a person sees it: the focus ring's contrast against
// what lies behind it (WCAG 1.4.11, RGAA 10.7), a page that scrolls sideways at 320 px (WCAG 1.4.10),
// and text cut off or overlapping under the WCAG 1.4.12 spacing (text-spacing). The two in-page
// functions are passed to page.evaluate whole: they use nothing from outside their own body.
import { inflateSync } from 'node:zlib';

/** The WCAG 1.4.12 spacing, as the usual bookmarklet sets it (every element, !important). */
export const TEXT_SPACING_CSS =
  '*, *::before, *::after { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';

export interface RingReport {
  /** The focused element, in words (tag, id, class, text). */
  what: string;
  /** The best ring's lowest contrast against the colours behind it (0 when there is no ring). */
  ratio: number;
  /** That ring's width in CSS px. */
  width: number;
  colour: string;
  behind: string[];
}

/**
 * The focus ring of document.activeElement: each ring it draws (its outline, or a box-shadow spread
 * with no offset), its colour against the colour painted behind it at points along its middle line
 * (document.elementsFromPoint, the element and what it holds left out, translucent layers blended), and
 * the best ring's lowest ratio.
 */
export function measureFocusRing(): RingReport {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return { what: 'nothing focused', ratio: 0, width: 0, colour: '', behind: [] };
  const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].filter((c) => !c.startsWith('svelte-')).join('.')}` : ''} «${(el.textContent || el.getAttribute('aria-label') || (el as HTMLInputElement).name || '').trim().replace(/\s+/g, ' ').slice(0, 40)}»`;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const rgba = (css: string): [number, number, number, number] => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = (c: number[]) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const ratio = (a: number[], b: number[]) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const cs = getComputedStyle(el);
  const rings: { colour: string; reach: number; mid: number; width: number }[] = [];
  const outlineWidth = parseFloat(cs.outlineWidth) || 0;
  if (cs.outlineStyle !== 'none' && outlineWidth > 0) {
    const offset = parseFloat(cs.outlineOffset) || 0;
    rings.push({ colour: cs.outlineColor, reach: offset, mid: offset + outlineWidth / 2, width: outlineWidth });
  }
  // box-shadow: "rgb(…) 0px 0px 0px 4px, …": a ring is a spread with no offset and no blur, not inset.
  for (const shadow of cs.boxShadow === 'none' ? [] : cs.boxShadow.split(/,(?![^(]*\))/)) {
    const colour = shadow.match(/(rgba?|color)\([^)]*\)/)?.[0];
    const lengths = shadow.replace(/(rgba?|color)\([^)]*\)/, '').trim().split(/\s+/).filter((t) => t.endsWith('px')).map(parseFloat);
    if (!colour || shadow.includes('inset') || lengths.length < 4) continue;
    const [dx, dy, blur, spread] = lengths;
    if (dx === 0 && dy === 0 && blur === 0 && spread > 0) rings.push({ colour, reach: 0, mid: spread / 2, width: spread });
  }
  if (!rings.length) return { what, ratio: 0, width: 0, colour: 'none', behind: [] };
  const box = el.getBoundingClientRect();
  const behindAt = (x: number, y: number, keepSelf: boolean): number[] | null => {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
    const layers: number[][] = [];
    for (const e of document.elementsFromPoint(x, y)) {
      if (e !== el && el.contains(e)) continue;
      if (e === el && !keepSelf) continue;
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let base = [255, 255, 255];
    for (const c of layers.reverse()) base = base.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
    return base;
  };
  let best: RingReport = { what, ratio: 0, width: 0, colour: '', behind: [] };
  for (const ring of rings) {
    const colour = rgba(ring.colour);
    const [l, t, r, b] = [box.left - ring.mid, box.top - ring.mid, box.right + ring.mid, box.bottom + ring.mid];
    // Points along the ring's middle line, on the part of each side that is in the window.
    const [x0, x1, y0, y1] = [Math.max(l, 0), Math.min(r, innerWidth - 1), Math.max(t, 0), Math.min(b, innerHeight - 1)];
    const points: [number, number][] = [];
    for (const f of [0.25, 0.5, 0.75]) points.push([x0 + (x1 - x0) * f, t], [x0 + (x1 - x0) * f, b], [l, y0 + (y1 - y0) * f], [r, y0 + (y1 - y0) * f]);
    let lowest = Infinity;
    const behind = new Set<string>();
    for (const [x, y] of points) {
      const c = behindAt(x, y, ring.reach < 0);
      if (!c) continue;
      // A translucent ring is seen blended over what is behind it.
      const seen = c.map((v, i) => colour[i] * colour[3] + v * (1 - colour[3]));
      lowest = Math.min(lowest, ratio(seen, c));
      behind.add(`rgb(${c.map(Math.round).join(', ')})`);
    }
    if (lowest === Infinity) continue;
    if (lowest > best.ratio) best = { what, ratio: Math.round(lowest * 100) / 100, width: ring.width, colour: ring.colour, behind: [...behind] };
  }
  return best;
}

export interface LayoutReport {
  /** How far the document scrolls sideways (scrollWidth − clientWidth). */
  sideways: number;
  /** What reaches past the viewport's right edge, outside a labelled scroll box. */
  wide: string[];
  /** Boxes that scroll sideways without being a labelled, focusable region. */
  unlabelledScrollers: string[];
  /** Boxes that hide part of their content (overflow hidden or clip). */
  clipped: string[];
  /** Lines of text drawn over other text or over a control. */
  overlaps: string[];
}

/** The page as it lays out now: sideways scrolling, text cut off, text over text. */
export function measureLayout(): LayoutReport {
  const vw = document.documentElement.clientWidth;
  const name = (e: Element) =>
    `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.classList.length ? `.${[...e.classList].filter((c) => !c.startsWith('svelte-')).join('.')}` : ''} «${(e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50)}»`;
  const hiddenCache = new Map<Element, boolean>();
  /** Read by screen readers only (clipped to a pixel), or not drawn. */
  const unseen = (e: Element | null): boolean => {
    if (!e || e === document.documentElement) return false;
    const known = hiddenCache.get(e);
    if (known !== undefined) return known;
    const s = getComputedStyle(e);
    const h = e as HTMLElement;
    const self =
      // A display: contents wrapper has no box of its own, and hides nothing.
      (s.display !== 'contents' && !e.checkVisibility({ opacityProperty: true, visibilityProperty: true })) ||
      s.clip !== 'auto' ||
      s.clipPath !== 'none' ||
      (s.overflow !== 'visible' && (h.clientWidth <= 1 || h.clientHeight <= 1));
    const result = self || unseen(e.parentElement);
    hiddenCache.set(e, result);
    return result;
  };
  const scrollsX = (e: Element) => {
    const s = getComputedStyle(e);
    return (s.overflowX === 'auto' || s.overflowX === 'scroll') && e.scrollWidth > (e as HTMLElement).clientWidth + 1;
  };
  const labelledRegion = (e: Element) => e.getAttribute('tabindex') === '0' && (e.hasAttribute('aria-label') || e.hasAttribute('aria-labelledby'));
  const insideScroller = (e: Element) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (scrollsX(a)) return true;
    return false;
  };
  const all = [...document.body.querySelectorAll('*')];
  const wide: string[] = [];
  const unlabelledScrollers: string[] = [];
  const clipped: string[] = [];
  for (const e of all) {
    if (unseen(e)) continue;
    const h = e as HTMLElement;
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1 && !insideScroller(e)) wide.push(`${name(e)} ends at ${Math.round(r.right)} px`);
    if (scrollsX(e) && !labelledRegion(e)) unlabelledScrollers.push(name(e));
    const s = getComputedStyle(e);
    const hides = (v: string) => v === 'hidden' || v === 'clip';
    // A field scrolls its own text as one types: not text cut off.
    if (e.matches('input, select, textarea')) continue;
    if ((hides(s.overflowX) && h.scrollWidth > h.clientWidth + 1) || (hides(s.overflowY) && h.scrollHeight > h.clientHeight + 1)) {
      clipped.push(`${name(e)} shows ${h.clientWidth}×${h.clientHeight} of ${h.scrollWidth}×${h.scrollHeight}`);
    }
  }
  // Every line of text, as drawn.
  const lines: { node: Text; r: DOMRect }[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    if (!n.data.trim() || unseen(n.parentElement)) continue;
    const p = n.parentElement!;
    if (p.closest('script, style, noscript, template')) continue;
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (r.width < 1 || r.height < 1) continue;
      lines.push({ node: n, r });
      if (r.right > vw + 1 && !insideScroller(p)) wide.push(`text «${n.data.trim().slice(0, 40)}» ends at ${Math.round(r.right)} px`);
    }
  }
  const controls: { el: Element; r: DOMRect }[] = [];
  for (const c of document.body.querySelectorAll('a[href], button, summary, input:not([type="hidden"]), select, textarea')) {
    if (unseen(c)) continue;
    // Only a control that paints its box can hide text (a link's transparent padding hides nothing).
    const s = getComputedStyle(c);
    const clear = (colour: string) => /^rgba\(.*,\s*0\)$/.test(colour);
    if (clear(s.backgroundColor) && (s.borderTopStyle === 'none' || !(parseFloat(s.borderTopWidth) > 0) || clear(s.borderTopColor))) continue;
    for (const r of c.getClientRects()) if (r.width >= 1 && r.height >= 1) controls.push({ el: c, r });
  }
  const overlaps: string[] = [];
  const cross = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
  // Text over text: sorted by top, each line against the lines that start above its bottom.
  lines.sort((a, b) => a.r.top - b.r.top);
  for (let i = 0; i < lines.length && overlaps.length < 20; i++) {
    for (let j = i + 1; j < lines.length && lines[j].r.top < lines[i].r.bottom; j++) {
      if (lines[i].node !== lines[j].node && cross(lines[i].r, lines[j].r)) {
        overlaps.push(`«${lines[i].node.data.trim().slice(0, 30)}» over «${lines[j].node.data.trim().slice(0, 30)}»`);
      }
    }
  }
  // Text over a control it is not part of (a heading under a button, a label under a field).
  for (const l of lines) {
    for (const c of controls) {
      if (overlaps.length >= 20) break;
      if (!c.el.contains(l.node) && !l.node.parentElement!.contains(c.el) && cross(l.r, c.r)) overlaps.push(`«${l.node.data.trim().slice(0, 30)}» over ${name(c.el)}`);
    }
  }
  return { sideways: document.documentElement.scrollWidth - vw, wide: wide.slice(0, 20), unlabelledScrollers, clipped: clipped.slice(0, 20), overlaps };
}

/** WCAG's contrast ratio of two sRGB colours. */
export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const lum = (c: readonly number[]) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

export interface Picture {
  width: number;
  height: number;
  pixel: (x: number, y: number) => [number, number, number];
}

/** A PNG as Chromium's screenshots write it (8-bit RGB or RGBA, not interlaced), decoded. */
export function decodePng(png: Buffer): Picture {
  let at = 8;
  let width = 0;
  let height = 0;
  let bytes = 0;
  const data: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const chunk = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = chunk.readUInt32BE(0);
      height = chunk.readUInt32BE(4);
      if (chunk[8] !== 8 || (chunk[9] !== 2 && chunk[9] !== 6) || chunk[12] !== 0) throw new Error('unexpected PNG format');
      bytes = chunk[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') data.push(chunk);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const stride = width * bytes;
  const raw = inflateSync(Buffer.concat(data));
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = y * (stride + 1) + 1;
    for (let i = 0; i < stride; i++) {
      const a = i >= bytes ? out[y * stride + i - bytes] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = i >= bytes && y > 0 ? out[(y - 1) * stride + i - bytes] : 0;
      let v = raw[line + i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + i] = v & 255;
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => {
      const o = y * stride + x * bytes;
      return [out[o], out[o + 1], out[o + 2]];
    }
  };
}
