// Messages come from /i18n/<lang>/<area>.json; no text of the product is written in the code. A page names its
// areas in <meta name="i18n-areas" content="common play">. The language is the visitor's choice (kept in
// localStorage), else the browser's first language we have, else English.
export const LANGUAGES = ['en', 'vi'];
const STORAGE_KEY = 'qp.lang';
let messages = {};
let current = 'en';
const listeners = new Set();

export function chooseLanguage() {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (LANGUAGES.includes(saved)) return saved;
  for (const tag of navigator.languages || [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

export function language() {
  return current;
}

async function load(lang) {
  const areas = (document.querySelector('meta[name=i18n-areas]')?.content || 'common').split(/\s+/).filter(Boolean);
  const loaded = await Promise.all(areas.map(async (area) => {
    const response = await fetch(`/i18n/${lang}/${area}.json`, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`messages ${lang}/${area}: ${response.status}`);
    return response.json();
  }));
  return Object.assign({}, ...loaded);
}

/** Loads the messages of the chosen language and translates the page; call once before anything is shown. */
export async function initI18n() {
  await setLanguage(chooseLanguage(), false);
}

export async function setLanguage(lang, remember = true) {
  if (!LANGUAGES.includes(lang)) lang = 'en';
  messages = await load(lang);
  current = lang;
  if (remember) localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  translate(document);
  listeners.forEach((listener) => listener(lang));
}

/** Called after every change of language, so views that build their text themselves can build it again. */
export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** The message for key, with {name} placeholders filled from params; the key itself when a message is missing. */
export function t(key, params = {}) {
  const text = messages[key];
  if (text === undefined) {
    console.warn(`missing message ${current}:${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function has(key) {
  return key in messages;
}

/**
 * Translates [data-i18n] (text), [data-i18n-attr] ("placeholder:key;aria-label:key") and the document title
 * ([data-i18n-title] on <html>).
 */
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach((node) => {
    node.textContent = t(node.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((node) => {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [attribute, key] = pair.split(':');
      node.setAttribute(attribute.trim(), t(key.trim()));
    }
  });
  const titleKey = document.documentElement.dataset.i18nTitle;
  if (root === document && titleKey) document.title = t(titleKey);
}

/** A <select> of the languages, each named in its own language; changing it translates the page in place. */
export function languageSwitch() {
  const label = document.createElement('label');
  label.className = 'lang-switch';
  const caption = document.createElement('span');
  caption.className = 'visually-hidden';
  caption.dataset.i18n = 'common.language';
  caption.textContent = t('common.language');
  const select = document.createElement('select');
  select.dataset.testid = 'lang-switch';
  select.setAttribute('data-testid', 'lang-switch');
  for (const [code, name] of [['en', 'English'], ['vi', 'Tiếng Việt']]) {
    const option = document.createElement('option');
    option.value = code;
    option.textContent = name;
    option.lang = code;
    select.append(option);
  }
  select.value = current;
  select.addEventListener('change', () => setLanguage(select.value));
  onLanguageChange((lang) => { select.value = lang; });
  label.append(caption, select);
  return label;
}

/** Formats numbers and dates for the chosen language. */
export function formatNumber(value) {
  return new Intl.NumberFormat(current === 'vi' ? 'vi-VN' : 'en-GB').format(value);
}

export function formatDate(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(current === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })
    .format(new Date(iso));
}
