// The quiz editor (/host/edit.html?id=). Every change sends the ETag of the version on screen (If-Match); when
// someone else saved first (412) nothing was written, and the host reloads the latest version before going on.
// Changes go out one at a time (inTurn), each with the ETag the one before it brought back.
import { initI18n, t, onLanguageChange } from '../i18n.js';
import { el, clear, announce, param } from '../ui.js';
import { api, ApiError } from '../api.js';
import { inTurn, sendChange } from './quiz-changes.js';
import { requireHost, token } from '../session.js';
import { hostHeader, errorsByField, describe, announceError } from './common.js';
import { fieldLine } from '../refusals.js';
import { questionForm, newDraft, draftOf, payload } from './question-form.js';
import { uploadOf } from './image-field.js';
import { questionList, moved } from './question-list.js';
import { detailsForm } from './details-form.js';

// Without a session the visitor is on the way to the sign-in page: nothing more to do here.
if (!requireHost()) await new Promise(() => {});
await initI18n();
const app = document.getElementById('app');
document.body.prepend(hostHeader('library'));
const quizId = param('id');
const base = `/quiz/api/quizzes/${encodeURIComponent(quizId || '')}`;

// editing: null, 'new', or a question id; draft: what the open form holds; opened: that draft as it was opened;
// form: the open form's node, kept across redraws so what it shows (a refusal, a save under way) stays; details: the
// title and settings form, kept likewise (what the host types there outlives a question saved or moved meanwhile).
const ed = { quiz: null, etag: null, stale: false, editing: null, draft: null, opened: null, form: null, details: null };

const staleBanner = el('div', { class: 'notice warning', role: 'alert', 'data-testid': 'stale-banner', hidden: true },
  el('p', { i18n: 'editor.stale' }),
  el('button', { type: 'button', class: 'primary', 'data-testid': 'load-latest', i18n: 'editor.loadLatest', onclick: () => inTurn(() => load(true)) }));
const content = el('div', { class: 'stack' });
app.append(el('p', {}, el('a', { href: '/host/quizzes.html', 'data-testid': 'back-to-library', i18n: 'editor.back' })), staleBanner, content);

async function load(fromBanner = false) {
  content.setAttribute('aria-busy', 'true');
  try {
    const { data, headers } = await api('GET', base, { token: token() });
    accept(data, headers);
    ed.stale = false;
    setEditing(null);
    ed.details = null; // the latest version, not what was typed over the one someone else replaced
    staleBanner.hidden = true;
    render();
    if (fromBanner) {
      announce(t('editor.reloaded'), 'success');
      content.querySelector('h1')?.focus();
    }
  } catch (error) {
    clear(content).append(el('p', { class: 'form-error', role: 'alert', 'data-testid': 'editor-error' },
      error instanceof ApiError && error.status === 404 ? t('editor.notFound') : describe(error)));
  }
  content.removeAttribute('aria-busy');
  app.removeAttribute('aria-busy');
}

function accept(quiz, headers) {
  ed.quiz = quiz;
  ed.etag = headers?.get('ETag') || `"${quiz.version}"`;
}

/** Sends one change with the current ETag (only within inTurn); on success the answer is the new version. */
async function change(method, path, body) {
  if (ed.stale) throw new ApiError(412, { title: t('editor.stale') });
  try {
    const { data, headers } = await sendChange(method, base + path, ed.etag, body);
    accept(data, headers);
    return data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      ed.stale = true;
      staleBanner.hidden = false;
      render();
      staleBanner.querySelector('button').focus();
    }
    throw error;
  }
}

function render() {
  const quiz = ed.quiz;
  if (!quiz) return;
  const editable = quiz.status === 'draft' && !ed.stale;
  document.title = `${quiz.title} · ${t('editor.title')}`;
  // The open forms are moved, not rebuilt: whoever is typing in one goes on typing.
  const typing = content.contains(document.activeElement) ? document.activeElement : null;
  ed.details ||= detailsForm({ onSave: saveDetails });
  ed.details.show(quiz, editable);
  clear(content).append(...[
    el('h1', { tabindex: '-1', 'data-testid': 'editor-heading' }, quiz.title),
    el('p', {}, el('span', { class: `badge status-${quiz.status}`, 'data-testid': 'quiz-status', i18n: `host.status.${quiz.status}` })),
    quiz.status !== 'draft' ? readOnlyNotice() : null,
    ed.details.node,
    questionsSection(quiz, editable),
    quiz.status === 'draft' ? publishSection(editable) : null].filter(Boolean));
  if (typing?.isConnected) typing.focus();
}

function readOnlyNotice() {
  const copy = el('button', { type: 'button', 'data-testid': 'duplicate-quiz', i18n: 'host.duplicate' });
  copy.addEventListener('click', async () => {
    try {
      const { data } = await api('POST', `${base}/duplicate`, { token: token() });
      location.assign(`/host/edit.html?id=${encodeURIComponent(data.id)}`);
    } catch (error) {
      announceError(error);
    }
  });
  return el('div', { class: 'notice', 'data-testid': 'read-only' }, el('p', { i18n: 'editor.readOnly' }), copy);
}

function saveDetails(body) {
  return inTurn(async () => {
    try {
      await change('PATCH', '', body);
      render();
      announce(t('editor.saved'), 'success');
    } catch (e) {
      if (!ed.stale) throw e; // shown on the form; a 412 is explained by the banner
    }
  });
}

/** The keyboard is in node (a kept form): a change finishing leaves it there. */
const holds = (node) => Boolean(node?.contains(document.activeElement));

function questionsSection(quiz, editable) {
  if (ed.editing && editable && !ed.form) {
    ed.form = questionForm({ draft: ed.draft, isNew: ed.editing === 'new', onSave: saveQuestion, onCancel: closeForm });
  }
  const form = editable ? ed.form : null;
  const list = questionList({
    questions: quiz.questions, editable, editingId: ed.editing, form,
    onEdit: (id) => openForm(id), onMove: moveQuestion, onRemove: removeQuestion,
  });
  const add = editable && !ed.editing && quiz.questions.length < 100
    ? el('button', { type: 'button', class: 'primary', 'data-testid': 'add-question', i18n: 'editor.addQuestion', onclick: () => openForm('new') })
    : null;
  return el('section', { class: 'stack', 'aria-labelledby': 'questions-heading' },
    el('h2', { id: 'questions-heading' }, t('editor.questions', { count: quiz.questions.length })),
    quiz.questions.length ? null : el('p', { class: 'muted', i18n: 'editor.noQuestions' }),
    editable && quiz.questions.length > 1 ? el('p', { class: 'muted small', i18n: 'editor.reorderHint' }) : null,
    list,
    ed.editing === 'new' && form ? form : null,
    add);
}

function setEditing(id) {
  ed.editing = id;
  ed.draft = id === null ? null : id === 'new' ? newDraft() : draftOf(ed.quiz.questions.find((q) => q.id === id));
  ed.opened = id === null ? null : JSON.stringify(payload(ed.draft));
  ed.form = null;
}

/** The open question form holds what is not saved: something typed or chosen, or an image still uploading. */
function unsavedQuestion() {
  return ed.editing !== null && (JSON.stringify(payload(ed.draft)) !== ed.opened || uploadOf(ed.draft) !== null);
}

function openForm(id) {
  // Judged in turn, like Publish: a question saved just before has closed its form by then.
  inTurn(() => {
    if (ed.stale || ed.quiz.status !== 'draft' || (id !== 'new' && position(id) < 0)) return;
    if (unsavedQuestion()) {
      refuseToSwitch();
      return;
    }
    setEditing(id);
    render();
    content.querySelector('#question-text')?.focus();
  });
}

/** Another question was asked for while the open one holds unsaved input: it stays open, draft and all. */
function refuseToSwitch() {
  const errors = ed.form?.querySelector('[data-testid=question-error]');
  if (!errors) return;
  // Added anew (beside a refusal the form may show), so a second click is read out again.
  errors.querySelector('[data-testid=question-unsaved]')?.remove();
  const line = el('p', { 'data-testid': 'question-unsaved', i18n: 'editor.switchUnsaved' });
  errors.append(line);
  line.scrollIntoView({ block: 'nearest' });
}

function closeForm() {
  const id = ed.editing;
  setEditing(null);
  render();
  if (holds(ed.details?.node)) return; // the host went on to the title meanwhile
  const row = id && id !== 'new' ? content.querySelector(`[data-question-id="${CSS.escape(id)}"] [data-testid=edit-question]`) : null;
  (row || content.querySelector('[data-testid=add-question]'))?.focus();
}

function saveQuestion(draft) {
  // Judged when the save's turn comes (it may wait for an upload and for changes before it): a form cancelled
  // meanwhile saves nothing, and never into whichever question is open by then.
  return inTurn(async () => {
    if (ed.draft !== draft) return;
    const editing = ed.editing;
    if (editing === 'new') await change('POST', '/questions', payload(draft));
    else await change('PUT', `/questions/${encodeURIComponent(editing)}`, payload(draft));
    announce(t('editor.questionSaved'), 'success');
    // The host may have opened another question meanwhile: close only the form that was saved.
    if (ed.draft === draft) closeForm(); else render();
  });
}

const position = (id) => ed.quiz.questions.findIndex((q) => q.id === id);

function moveQuestion(id, newIndex) {
  // Counted from the list on screen and applied to the quiz as it is when this move's turn comes, so a second quick
  // press of ↓ moves the question one place further rather than to the same place again.
  const by = newIndex - position(id);
  const down = document.activeElement?.dataset?.testid === 'move-down';
  inTurn(async () => {
    const from = position(id);
    const questionIds = moved(ed.quiz.questions, id, from + by);
    if (from < 0 || questionIds.indexOf(id) === from) return;
    try {
      await change('PUT', '/question-order', { questionIds });
      render();
      announce(t('editor.movedTo', { number: questionIds.indexOf(id) + 1 }));
      // Keep the keyboard on the moved question, on the button of the same direction while it still works (unless
      // the host went on typing in a form meanwhile).
      if (holds(ed.form) || holds(ed.details?.node)) return;
      const row = content.querySelector(`[data-question-id="${CSS.escape(id)}"]`);
      const same = row?.querySelector(down ? '[data-testid=move-down]' : '[data-testid=move-up]');
      const other = row?.querySelector(down ? '[data-testid=move-up]' : '[data-testid=move-down]');
      (same && !same.disabled ? same : other)?.focus();
    } catch (error) {
      if (!ed.stale) announceError(error);
    }
  });
}

function removeQuestion(id) {
  inTurn(async () => {
    if (position(id) < 0) return; // a second quick click on Remove
    try {
      await change('DELETE', `/questions/${encodeURIComponent(id)}`);
      render();
      announce(t('editor.questionRemoved'), 'success');
      if (!holds(ed.form) && !holds(ed.details?.node)) content.querySelector('[data-testid=add-question]')?.focus();
    } catch (error) {
      if (!ed.stale) announceError(error);
    }
  });
}

function publishSection(editable) {
  const errors = el('div', { class: 'form-error', role: 'alert', 'data-testid': 'publish-errors' });
  const button = el('button', { type: 'button', class: 'primary', 'data-testid': 'publish', i18n: 'editor.publish', disabled: !editable });
  button.addEventListener('click', () => {
    clear(errors);
    inTurn(publish);
  });
  return el('section', { class: 'card stack', 'aria-labelledby': 'publish-heading' },
    el('h2', { id: 'publish-heading', i18n: 'editor.publishHeading' }), el('p', { class: 'muted', i18n: 'editor.publishHint' }), button, errors);
}

async function publish() {
  if (ed.quiz.status !== 'draft') return; // a second quick click
  // Looked up now: a change that went before may have drawn the page again.
  const errors = content.querySelector('[data-testid=publish-errors]');
  // Judged in turn, so a question saved just before has closed its form. A published quiz shows no form: the
  // question being written would be lost without a word.
  if (unsavedQuestion()) {
    errors.append(el('p', { 'data-testid': 'publish-unsaved' }, t('editor.publishUnsaved')));
    return;
  }
  // A title or setting changed and not saved would be published as it was, then shown disabled as if it were so.
  if (ed.details?.unsaved()) {
    errors.append(el('p', { 'data-testid': 'publish-unsaved' }, t('editor.publishUnsavedDetails')));
    return;
  }
  try {
    await change('POST', '/publish');
    render();
    announce(t('editor.published'), 'success');
  } catch (error) {
    if (ed.stale) return;
    const lines = Object.entries(errorsByField(error)).flatMap(([name, messages]) => messages.map((m) => fieldLine(name, m)));
    errors.append(el('p', {}, describe(error)));
    if (lines.length) errors.append(el('ul', {}, ...lines.map((line) => el('li', {}, line))));
  }
}

// The open form is drawn again in the new language; its draft, and an upload under way, are kept by the draft.
onLanguageChange(() => { ed.form?.redraw(); render(); });
if (!quizId) {
  content.append(el('p', { class: 'form-error', role: 'alert', i18n: 'editor.notFound' }));
  app.removeAttribute('aria-busy');
} else {
  load();
}
