// Small DOM helpers. Text is always set as text (never parsed as HTML), so a nickname or a question cannot inject
// markup; styles are set through the CSSOM, which the Content-Security-Policy allows.
import { t, languageSwitch } from './i18n.js';

/** el('button', {class: 'primary', onclick: fn, 'data-testid': 'x'}, 'text', child...) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      node.className = value;
    } else if (name === 'text') {
      node.textContent = value;
    } else if (name === 'i18n') {
      node.dataset.i18n = value;
      node.textContent = t(value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/**
 * The page's one live region (polite), outside what pages redraw: in the page's markup (play/index.html), else made
 * when this module loads, before anything is said. A live region must exist before its text changes: one inserted
 * together with its text is often not read out at all.
 */
export function liveRegion() {
  let region = document.getElementById('announcer');
  if (!region) {
    region = el('div', { id: 'announcer', class: 'announcer', role: 'status', 'aria-live': 'polite', 'data-testid': 'announcer' });
    document.body.append(region);
  }
  return region;
}
if (document.body) liveRegion();

/**
 * A short message in the page's live region (read out by screen readers), for 6 seconds. kind: info, error,
 * success (also shown, at the bottom of the page), spoken (for screen readers only: what the page shows already).
 */
export function announce(text, kind = 'info') {
  const region = liveRegion();
  region.className = kind === 'spoken' ? 'announcer visually-hidden' : `announcer ${kind}`;
  region.textContent = text;
  clearTimeout(region.hideTimer);
  if (text) region.hideTimer = setTimeout(() => { region.textContent = ''; }, 6000);
}

const SVG = 'http://www.w3.org/2000/svg';
const SHAPES = {
  triangle: 'M12 3 L22 21 L2 21 Z',
  diamond: 'M12 2 L22 12 L12 22 L2 12 Z',
  circle: 'M12 2 A10 10 0 1 1 11.99 2 Z',
  square: 'M3 3 H21 V21 H3 Z',
  star: 'M12 2 L14.9 8.6 L22 9.3 L16.6 14 L18.2 21 L12 17.3 L5.8 21 L7.4 14 L2 9.3 L9.1 8.6 Z',
  hexagon: 'M7 3 H17 L22 12 L17 21 H7 L2 12 Z',
};
/** Each answer option has a colour and a shape (never colour alone), in this order. */
export const OPTION_STYLES = ['triangle', 'diamond', 'circle', 'square', 'star', 'hexagon'];

export function shape(index) {
  const name = OPTION_STYLES[index % OPTION_STYLES.length];
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `shape shape-${name}`);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', SHAPES[name]);
  svg.append(path);
  return svg;
}

/** The name of option index's shape, for screen readers ("triangle"). */
export function shapeName(index) {
  return t(`common.shape.${OPTION_STYLES[index % OPTION_STYLES.length]}`);
}

/** Reads a query parameter of the page's address. */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** The page's header: the product's name (a link home), optional extra nodes, the language switch. */
export function header(...extra) {
  return el('header', { class: 'site-header' },
    el('a', { href: '/', class: 'brand', 'data-i18n': 'common.product' }, t('common.product')),
    el('div', { class: 'header-extra' }, ...extra, languageSwitch()));
}
