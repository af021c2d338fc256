// What every signed-in host page shares: the header (navigation, who is signed in, sign out), reading problem
// details into messages by field, and saving a Blob as a file.
import { t } from '../i18n.js';
import { el, header, announce } from '../ui.js';
import { signOut, currentSession } from '../session.js';
import { ApiError, NetworkError } from '../api.js';
import { refusalText, fieldMessage, fieldLine } from '../refusals.js';

/** The header of a host page; current names the page ('library', 'games') so its link is marked. */
export function hostHeader(current) {
  const link = (href, key, name) => el('a', {
    href, i18n: key, 'data-testid': `nav-${name}`, 'aria-current': current === name ? 'page' : null,
  });
  const user = currentSession()?.user;
  const signOutButton = el('button', { type: 'button', class: 'header-button', 'data-testid': 'sign-out', i18n: 'host.signOut' });
  signOutButton.addEventListener('click', async () => {
    signOutButton.disabled = true;
    await signOut();
    location.assign('/');
  });
  return header(
    el('nav', { 'aria-label': t('host.nav'), 'data-i18n-attr': 'aria-label:host.nav' },
      link('/host/quizzes.html', 'host.nav.library', 'library'),
      link('/host/games.html', 'host.nav.games', 'games')),
    user?.displayName ? el('span', { class: 'who', 'data-testid': 'signed-in-as' }, user.displayName) : null,
    signOutButton);
}

/** Every message of a refusal, by field (a field may break several rules, e.g. a password), in the page's language. */
export function errorsByField(error) {
  const byField = {};
  for (const item of error?.problem?.errors || []) {
    if (!item || !item.message) continue;
    const field = item.field || '';
    (byField[field] ||= []).push(fieldMessage(item));
  }
  return byField;
}

/** A sentence for any failure, in the page's language: the network, the refusal (js/refusals.js), or a generic one. */
export function describe(error) {
  if (error instanceof NetworkError) return t('common.networkError');
  if (error instanceof ApiError) return refusalText(error);
  console.error(error);
  return t('common.unexpected');
}

/** Reports a failure in the live region. */
export function announceError(error) {
  announce(describe(error), 'error');
}

/**
 * A labelled form field with its own error line (aria-describedby), so a message sits next to its field and is
 * read out with it. control is an input, select or textarea that has an id.
 */
export function field(labelKey, control, hintKey) {
  const error = el('p', { class: 'field-error', id: `${control.id}-error`, 'data-testid': `${control.id}-error`, hidden: true });
  const described = [error.id];
  let hint = null;
  if (hintKey) {
    hint = el('p', { class: 'hint muted', id: `${control.id}-hint`, i18n: hintKey });
    described.unshift(hint.id);
  }
  control.setAttribute('aria-describedby', described.join(' '));
  const wrap = el('div', { class: 'field' },
    el('label', { for: control.id, i18n: labelKey }), control, hint, error);
  return { wrap, control, error };
}

/** Shows messages (an array, a string or nothing) on a field made by field(). */
export function setFieldError(f, messages) {
  const list = [].concat(messages || []);
  f.error.textContent = list.join(' ');
  f.error.hidden = list.length === 0;
  if (list.length) f.control.setAttribute('aria-invalid', 'true'); else f.control.removeAttribute('aria-invalid');
}

/**
 * Puts each field's messages next to it (fields: name -> field()); returns the messages no field took, as
 * "Field: message" lines, and focuses the first field in error unless focus is false (drawn again, not refused again).
 */
export function showFieldErrors(fields, error, normalize = (name) => name, focus = true) {
  const byField = errorsByField(error);
  const rest = [];
  let first = null;
  for (const f of Object.values(fields)) setFieldError(f, null);
  for (const [raw, messages] of Object.entries(byField)) {
    const f = fields[normalize(raw)];
    if (f) {
      setFieldError(f, messages);
      first ||= f;
    } else {
      messages.forEach((m) => rest.push(fieldLine(raw, m)));
    }
  }
  if (first && focus) first.control.focus();
  return rest;
}

/** Saves blob as a file: a link to an object URL with download is a navigation, which the CSP allows. */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: filename, class: 'hidden' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a title: letters and digits kept (any script), the rest dashes. */
export function fileName(title, extension) {
  const base = String(title || 'quiz').normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${base || 'quiz'}.${extension}`;
}

/**
 * Previous / next buttons for the APIs' pages ({items, page, size}, no total: a full page may have a next one). A
 * page past the end comes back empty when the last one was exactly full: the caller shows the one before again, now
 * known as the last. Only the answer to the latest request is shown (quick clicks may be answered out of order).
 */
export function pager(onPage) {
  const previous = el('button', { type: 'button', 'data-testid': 'page-previous', i18n: 'host.previousPage' });
  const next = el('button', { type: 'button', 'data-testid': 'page-next', i18n: 'host.nextPage' });
  const where = el('span', { class: 'muted', 'aria-live': 'polite' });
  const state = { page: 0, full: false, last: Infinity, asked: 0 };
  const render = () => {
    previous.disabled = state.page === 0;
    next.disabled = !state.full;
    where.textContent = t('host.pageNumber', { page: state.page + 1 });
  };
  previous.addEventListener('click', () => onPage(state.page - 1));
  next.addEventListener('click', () => onPage(state.page + 1));
  return {
    node: el('div', { class: 'row pager' }, previous, where, next),
    /** A ticket for the request of a page; {@link latest} tells whether its answer is still the one to show. */
    ask() {
      state.asked += 1;
      return state.asked;
    },
    latest(ticket) {
      return ticket === state.asked;
    },
    /** After a page came back with itemCount items: false for an empty page past the end (show the one before). */
    update(page, itemCount, size) {
      if (itemCount === 0 && page > 0) {
        state.last = page - 1;
        return false;
      }
      state.page = page;
      state.full = itemCount >= size && page < state.last;
      render();
      return true;
    },
    /** Another list (a new search): where the last one ended says nothing about it. */
    reset() {
      state.last = Infinity;
    },
    render,
  };
}
