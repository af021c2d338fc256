// The host's quiz library (/host/quizzes.html): their quizzes page by page, title search, create, import, and per
// quiz edit, duplicate, export, archive and start a game.
import { initI18n, t, formatDate, onLanguageChange } from '../i18n.js';
import { el, clear, announce } from '../ui.js';
import { api, ApiError } from '../api.js';
import { requireHost, token } from '../session.js';
import { hostHeader, field, showFieldErrors, describe, announceError, saveBlob, fileName, pager, errorsByField } from './common.js';
import { fieldLine } from '../refusals.js';

// Without a session the visitor is on the way to the sign-in page: nothing more to do here.
if (!requireHost()) await new Promise(() => {});
await initI18n();
const PAGE_SIZE = 20;
const app = document.getElementById('app');
document.body.prepend(hostHeader('library'));

const state = { page: 0, q: '', items: [] };

// Create: a title and a description make a draft, which opens in the editor.
const title = field('host.quizTitle', el('input', { id: 'new-quiz-title', maxlength: 120, required: true, 'data-testid': 'new-quiz-title' }));
const description = field('host.quizDescription', el('textarea', { id: 'new-quiz-description', maxlength: 2000, rows: 2, 'data-testid': 'new-quiz-description' }));
const createError = el('p', { class: 'form-error', role: 'alert', 'data-testid': 'create-error' });
const createForm = el('form', { class: 'card stack', novalidate: true, 'aria-labelledby': 'create-heading' },
  el('h2', { id: 'create-heading', i18n: 'host.createHeading' }), title.wrap, description.wrap, createError,
  el('button', { type: 'submit', class: 'primary', 'data-testid': 'create-quiz', i18n: 'host.create' }));
createForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  createError.textContent = '';
  try {
    const { data } = await api('POST', '/quiz/api/quizzes', {
      token: token(),
      body: { title: title.control.value.trim(), description: description.control.value.trim() || null },
    });
    location.assign(`/host/edit.html?id=${encodeURIComponent(data.id)}`);
  } catch (error) {
    const rest = showFieldErrors({ title, description }, error);
    if (rest.length || !Object.keys(errorsByField(error)).length) createError.textContent = rest.join(' ') || describe(error);
  }
});

// Search and import.
const search = el('input', { id: 'quiz-search', type: 'search', maxlength: 120, 'data-testid': 'quiz-search' });
const searchForm = el('form', { class: 'row search', role: 'search' },
  el('label', { for: 'quiz-search', i18n: 'host.search' }), search,
  el('button', { type: 'submit', 'data-testid': 'search-submit', i18n: 'host.searchButton' }));
searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  state.q = search.value.trim();
  pages.reset();
  load(0);
});

const importInput = el('input', { id: 'import-input', type: 'file', accept: '.json,application/json', 'data-testid': 'import-input' });
const importErrors = el('div', { class: 'form-error', role: 'alert', 'data-testid': 'import-errors' });
importInput.addEventListener('change', () => importFile(importInput.files[0]));

const lateJoin = el('input', { id: 'late-join', type: 'checkbox', 'data-testid': 'late-join' });
const list = el('ul', { class: 'quiz-list', 'data-testid': 'quiz-list', 'aria-labelledby': 'library-heading' });
const status = el('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'library-status' });
const pages = pager((page) => load(page));

app.append(
  el('div', { class: 'row spread' },
    el('h1', { id: 'library-heading', i18n: 'host.libraryHeading' }),
    el('a', { href: '/host/games.html', 'data-testid': 'to-past-games', i18n: 'host.toPastGames' })),
  createForm,
  el('section', { class: 'stack', 'aria-labelledby': 'list-heading' },
    el('h2', { id: 'list-heading', i18n: 'host.listHeading' }),
    searchForm,
    el('div', { class: 'check' }, lateJoin, el('label', { for: 'late-join', i18n: 'host.lateJoin' })),
    status, list, pages.node),
  el('section', { class: 'card stack', 'aria-labelledby': 'import-heading' },
    el('h2', { id: 'import-heading', i18n: 'host.importHeading' }),
    el('div', { class: 'field' }, el('label', { for: 'import-input', i18n: 'host.importLabel' }), importInput),
    importErrors));
app.removeAttribute('aria-busy');

async function load(page) {
  const ticket = pages.ask();
  status.textContent = t('common.loading');
  const query = new URLSearchParams({ scope: 'mine', page: String(page), size: String(PAGE_SIZE) });
  if (state.q) query.set('q', state.q);
  try {
    const { data } = await api('GET', `/quiz/api/quizzes?${query}`, { token: token() });
    if (!pages.latest(ticket)) return;
    const found = data.items || [];
    if (!pages.update(page, found.length, PAGE_SIZE)) {
      await load(page - 1);
      return;
    }
    state.page = page;
    state.items = found;
    render();
  } catch (error) {
    if (!pages.latest(ticket)) return;
    status.textContent = describe(error);
  }
}

function render() {
  clear(list);
  status.textContent = state.items.length ? '' : t(state.q ? 'host.noMatch' : 'host.noQuizzes');
  for (const quiz of state.items) list.append(row(quiz));
}

function row(quiz) {
  const item = el('li', { class: 'card quiz-row', 'data-testid': 'quiz-row', 'data-quiz-id': quiz.id, 'data-status': quiz.status });
  const actions = el('div', { class: 'row actions' },
    el('a', { class: 'button', href: `/host/edit.html?id=${encodeURIComponent(quiz.id)}`, 'data-testid': 'edit-quiz',
      i18n: quiz.status === 'draft' ? 'host.edit' : 'host.view' }),
    quiz.status === 'published'
      ? el('button', { type: 'button', class: 'primary', 'data-testid': 'start-game', i18n: 'host.startGame', onclick: (e) => startGame(quiz, e.currentTarget) })
      : null,
    el('button', { type: 'button', 'data-testid': 'duplicate-quiz', i18n: 'host.duplicate', onclick: () => duplicate(quiz) }),
    el('button', { type: 'button', 'data-testid': 'export-quiz', i18n: 'host.export', onclick: () => exportQuiz(quiz) }),
    quiz.status !== 'archived'
      ? el('button', { type: 'button', class: 'danger', 'data-testid': 'archive-quiz', i18n: 'host.archive', onclick: () => confirmArchive(quiz, item) })
      : null);
  item.append(
    el('h3', { class: 'quiz-title', 'data-testid': 'quiz-title' }, quiz.title),
    el('p', { class: 'muted' },
      el('span', { class: `badge status-${quiz.status}`, 'data-testid': 'quiz-status', i18n: `host.status.${quiz.status}` }), ' ',
      el('span', {}, t('host.questionCount', { count: quiz.questionCount })), ' · ',
      el('span', {}, t('host.updated', { when: formatDate(quiz.updatedAt) }))),
    actions);
  return item;
}

async function startGame(quiz, button) {
  button.disabled = true;
  try {
    const { data } = await api('POST', '/quiz/api/games', { token: token(), body: { quizId: quiz.id, lateJoinAllowed: lateJoin.checked } });
    location.assign(`/host/game.html?id=${encodeURIComponent(data.id)}`);
  } catch (error) {
    announceError(error);
    button.disabled = false;
  }
}

async function duplicate(quiz) {
  try {
    const { data } = await api('POST', `/quiz/api/quizzes/${encodeURIComponent(quiz.id)}/duplicate`, { token: token() });
    announce(t('host.duplicated', { title: data.title }), 'success');
    pages.reset(); // one more quiz: where the list ended has moved
    await load(0);
  } catch (error) {
    announceError(error);
  }
}

async function exportQuiz(quiz) {
  try {
    const { data } = await api('GET', `/quiz/api/quizzes/${encodeURIComponent(quiz.id)}/export`, { token: token(), blob: true });
    saveBlob(data, fileName(quiz.title, 'json'));
  } catch (error) {
    announceError(error);
  }
}

// Archiving can't be undone, so it asks on the page itself (a native confirm() would not be reachable by tests
// and looks different everywhere).
function confirmArchive(quiz, item) {
  item.querySelector('.confirm')?.remove();
  const cancel = el('button', { type: 'button', 'data-testid': 'cancel-archive', i18n: 'host.cancel' });
  const confirm = el('button', { type: 'button', class: 'danger', 'data-testid': 'confirm-archive', i18n: 'host.confirmArchive' });
  const box = el('div', { class: 'confirm row', role: 'group', 'aria-label': t('host.archive') },
    el('span', {}, t('host.archiveQuestion', { title: quiz.title })), confirm, cancel);
  cancel.addEventListener('click', () => { box.remove(); item.querySelector('[data-testid=archive-quiz]')?.focus(); });
  confirm.addEventListener('click', () => archive(quiz));
  item.append(box);
  confirm.focus();
}

async function archive(quiz) {
  try {
    await api('POST', `/quiz/api/quizzes/${encodeURIComponent(quiz.id)}/archive`, { token: token(), ifMatch: `"${quiz.version}"` });
    announce(t('host.archived', { title: quiz.title }), 'success');
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) announce(t('host.changedMeanwhile'), 'error');
    else announceError(error);
  }
  await load(state.page);
}

async function importFile(file) {
  clear(importErrors);
  if (!file) return;
  try {
    // Sent as the file's own text, so the server's strict reader judges exactly what the host chose.
    const body = new Blob([await file.text()], { type: 'application/json' });
    const { data } = await api('POST', '/quiz/api/quizzes/import', { token: token(), body });
    announce(t('host.imported', { title: data.title }), 'success');
    state.q = '';
    search.value = '';
    pages.reset();
    await load(0);
  } catch (error) {
    const lines = Object.entries(errorsByField(error)).flatMap(([name, messages]) => messages.map((m) => fieldLine(name, m)));
    importErrors.append(el('p', {}, t('host.importFailed', { reason: describe(error) })));
    if (lines.length) importErrors.append(el('ul', {}, ...lines.map((line) => el('li', { 'data-testid': 'import-error' }, line))));
  } finally {
    // Also after a refusal: the host corrects the file and picks it again, which fires no change on an unchanged value.
    importInput.value = '';
  }
}

onLanguageChange(() => { render(); pages.render(); });
load(0);
