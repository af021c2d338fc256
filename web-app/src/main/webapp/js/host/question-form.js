// The form for one question of any type. It edits a draft object (kept by the editor, so a re-render of the page
// keeps what the host typed) and hands it to onSave; the server's messages come back next to their fields.
import { t } from '../i18n.js';
import { el, shape, shapeName } from '../ui.js';
import { field, showFieldErrors, errorsByField, describe } from './common.js';
import { imageField, uploadOf } from './image-field.js';

export const TYPES = ['single-choice', 'multiple-choice', 'true-false', 'type-answer', 'poll'];
export const TIME_LIMITS = [5, 10, 20, 30, 60, 90, 120, 240];
export const POINTS = [0, 1000, 2000];
const MAX_OPTIONS = 6;
const MIN_OPTIONS = 2;
/** The refusal of a save whose image could not be uploaded (no request was made). */
const IMAGE_FAILED = Symbol('image failed');
const MAX_ANSWERS = 10;

const optionId = () => `o${crypto.randomUUID().slice(0, 8)}`;
const blankOption = () => ({ id: optionId(), text: '', correct: false });

export function newDraft() {
  return { type: 'single-choice', text: '', imageUrl: null, timeLimitSeconds: 20, points: 1000,
    options: [blankOption(), blankOption(), blankOption(), blankOption()], acceptedAnswers: [] };
}

/** A copy of a question from the API that the form may change freely. */
export function draftOf(question) {
  return { ...structuredClone(question), options: structuredClone(question.options || []), acceptedAnswers: [...(question.acceptedAnswers || [])] };
}

/** Keeps what still fits when the host picks another type. */
function changeType(draft, type) {
  const from = draft.type;
  draft.type = type;
  if (type === 'true-false') {
    draft.options = [{ id: 'true', text: t('editor.true'), correct: true }, { id: 'false', text: t('editor.false'), correct: false }];
  } else if (type === 'type-answer') {
    draft.options = [];
    if (!draft.acceptedAnswers.length) draft.acceptedAnswers = [''];
  } else if (from === 'type-answer' || from === 'true-false') {
    draft.options = [blankOption(), blankOption(), blankOption(), blankOption()];
  }
  if (type !== 'type-answer') draft.acceptedAnswers = [];
  if (type === 'poll') {
    draft.options.forEach((o) => { o.correct = false; });
    draft.points = 0;
  }
  if (type === 'single-choice') {
    let seen = false;
    draft.options.forEach((o) => { o.correct = o.correct && !seen; seen ||= o.correct; });
  }
  if (from === 'poll' && type !== 'poll' && draft.points === 0) draft.points = 1000;
}

/** What the API takes: no stray options or answers for the type. */
export function payload(draft) {
  const typed = draft.type === 'type-answer';
  return {
    type: draft.type,
    text: draft.text,
    imageUrl: draft.imageUrl || null,
    timeLimitSeconds: Number(draft.timeLimitSeconds),
    points: Number(draft.points),
    options: typed ? [] : draft.options.map((o) => ({ id: o.id, text: o.text, correct: draft.type === 'poll' ? false : Boolean(o.correct) })),
    acceptedAnswers: typed ? draft.acceptedAnswers : [],
  };
}

/** A field name of a refusal ("question.options[1].text", "questions[2].points") as this form names it. */
export function localField(name) {
  return String(name).replace(/^questions?(\[\d+\])?\./, '').replace(/^(options\[\d+\])\.id$/, '$1.text');
}

/**
 * Builds the form. opts: {draft, isNew, onSave(draft) -> Promise (rejects with an ApiError), onCancel(), disabled}.
 * Returns the <form>.
 */
export function questionForm(opts) {
  const { draft } = opts;
  const form = el('form', { class: 'question-form card stack', novalidate: true, 'data-testid': 'question-form',
    'aria-label': t(opts.isNew ? 'editor.newQuestion' : 'editor.editQuestion') });
  const formError = el('div', { class: 'form-error', role: 'alert', 'data-testid': 'question-error' });
  const status = el('p', { class: 'muted', role: 'status', 'data-testid': 'question-status' });
  let fields = {};
  // While a save is under way; the form may be drawn again meanwhile, and its Save must stay off.
  let saving = false;
  // Why the last save was not made (an ApiError, or IMAGE_FAILED) and of which draft, shown again when the form is
  // drawn in another language while the draft is still that one: the field lines are drawn anew with the fields, and
  // the form's line would stay in the old language. A draft changed since is not described by it any more.
  let refusal = null;
  let refused = null;

  function render(focusId) {
    fields = {};
    form.setAttribute('aria-label', t(opts.isNew ? 'editor.newQuestion' : 'editor.editQuestion'));
    const type = field('editor.type', el('select', { id: 'question-type', 'data-testid': 'question-type' },
      ...TYPES.map((name) => el('option', { value: name, i18n: `editor.type.${name}` }))));
    type.control.value = draft.type;
    type.control.addEventListener('change', () => { changeType(draft, type.control.value); render('question-type'); });

    const text = field('editor.text', el('textarea', { id: 'question-text', rows: 3, maxlength: 500, required: true, 'data-testid': 'question-text' }));
    text.control.value = draft.text || '';
    text.control.addEventListener('input', () => { draft.text = text.control.value; });

    const time = field('editor.timeLimit', el('select', { id: 'time-limit', 'data-testid': 'time-limit' },
      ...[...new Set([...TIME_LIMITS, Number(draft.timeLimitSeconds)])].sort((a, b) => a - b)
        .map((s) => el('option', { value: s }, t('editor.seconds', { seconds: s })))));
    time.control.value = String(draft.timeLimitSeconds);
    time.control.addEventListener('change', () => { draft.timeLimitSeconds = Number(time.control.value); });

    const points = field('editor.points', el('select', { id: 'points', 'data-testid': 'points', disabled: draft.type === 'poll' },
      ...POINTS.map((p) => el('option', { value: p, i18n: `editor.points.${p}` }))), draft.type === 'poll' ? 'editor.pollPoints' : null);
    points.control.value = String(draft.points);
    points.control.addEventListener('change', () => { draft.points = Number(points.control.value); });

    const image = imageField(draft);
    Object.assign(fields, { type, text, timeLimitSeconds: time, points, imageUrl: image.field });

    const answers = draft.type === 'type-answer' ? acceptedAnswers() : options();
    form.replaceChildren(
      el('h3', { i18n: opts.isNew ? 'editor.newQuestion' : 'editor.editQuestion' }),
      type.wrap, text.wrap, image.wrap, el('div', { class: 'row two' }, time.wrap, points.wrap), answers,
      formError,
      el('div', { class: 'row' },
        el('button', { type: 'submit', class: 'primary', 'data-testid': 'save-question', disabled: opts.disabled || saving, i18n: 'editor.saveQuestion' }),
        el('button', { type: 'button', 'data-testid': 'cancel-question', i18n: 'host.cancel', onclick: () => opts.onCancel() }),
        status));
    if (focusId) form.querySelector(`#${focusId}`)?.focus();
  }

  function options() {
    const single = draft.type === 'single-choice' || draft.type === 'true-false';
    const fixed = draft.type === 'true-false';
    const group = el('fieldset', { class: 'options-edit', 'aria-describedby': 'options-error' },
      el('legend', { i18n: draft.type === 'poll' ? 'editor.pollOptions' : single ? 'editor.optionsSingle' : 'editor.optionsMultiple' }));
    draft.options.forEach((option, i) => {
      const input = el('input', { id: `option-text-${i}`, maxlength: 120, required: true, 'data-testid': `option-text-${i}`, readonly: fixed });
      input.value = option.text || '';
      input.addEventListener('input', () => { option.text = input.value; });
      const textField = field(null, input);
      textField.wrap.querySelector('label').textContent = t('editor.option', { number: i + 1, shape: shapeName(i) });
      fields[`options[${i}].text`] = textField;
      let correct = null;
      if (draft.type !== 'poll') {
        const box = el('input', { id: `option-correct-${i}`, type: single ? 'radio' : 'checkbox', name: 'correct', 'data-testid': `option-correct-${i}` });
        box.checked = Boolean(option.correct);
        box.addEventListener('change', () => {
          if (single) draft.options.forEach((o, j) => { o.correct = j === i; });
          else option.correct = box.checked;
        });
        correct = el('span', { class: 'correct-toggle' }, box, el('label', { for: box.id, i18n: 'editor.correct' }));
      }
      const remove = !fixed && draft.options.length > MIN_OPTIONS
        ? el('button', { type: 'button', class: 'danger small', 'data-testid': `remove-option-${i}`, 'aria-label': t('editor.removeOption', { number: i + 1 }),
          onclick: () => { draft.options.splice(i, 1); render(draft.options.length ? `option-text-${Math.min(i, draft.options.length - 1)}` : null); } }, '✕')
        : null;
      group.append(el('div', { class: `option-edit opt-${i}` }, shape(i), textField.wrap, correct, remove));
    });
    const error = el('p', { class: 'field-error', id: 'options-error', 'data-testid': 'options-error', hidden: true });
    fields.options = { control: group, error };
    group.append(error);
    if (!fixed && draft.options.length < MAX_OPTIONS) {
      group.append(el('button', { type: 'button', 'data-testid': 'add-option', i18n: 'editor.addOption',
        onclick: () => { draft.options.push(blankOption()); render(`option-text-${draft.options.length - 1}`); } }));
    }
    return group;
  }

  function acceptedAnswers() {
    const group = el('fieldset', { class: 'answers-edit', 'aria-describedby': 'accepted-error' }, el('legend', { i18n: 'editor.acceptedAnswers' }),
      el('p', { class: 'hint muted', i18n: 'editor.acceptedHint' }));
    draft.acceptedAnswers.forEach((answer, i) => {
      const input = el('input', { id: `accepted-answer-${i}`, maxlength: 100, required: true, 'data-testid': `accepted-answer-${i}` });
      input.value = answer;
      input.addEventListener('input', () => { draft.acceptedAnswers[i] = input.value; });
      const f = field(null, input);
      f.wrap.querySelector('label').textContent = t('editor.acceptedAnswer', { number: i + 1 });
      fields[`acceptedAnswers[${i}]`] = f;
      const remove = draft.acceptedAnswers.length > 1
        ? el('button', { type: 'button', class: 'danger small', 'data-testid': `remove-accepted-answer-${i}`, 'aria-label': t('editor.removeAnswer', { number: i + 1 }),
          onclick: () => { draft.acceptedAnswers.splice(i, 1); render(`accepted-answer-${Math.max(0, i - 1)}`); } }, '✕')
        : null;
      group.append(el('div', { class: 'answer-edit' }, f.wrap, remove));
    });
    const error = el('p', { class: 'field-error', id: 'accepted-error', 'data-testid': 'accepted-answers-error', hidden: true });
    fields.acceptedAnswers = { control: group, error };
    group.append(error);
    if (draft.acceptedAnswers.length < MAX_ANSWERS) {
      group.append(el('button', { type: 'button', 'data-testid': 'add-accepted-answer', i18n: 'editor.addAnswer',
        onclick: () => { draft.acceptedAnswers.push(''); render(`accepted-answer-${draft.acceptedAnswers.length - 1}`); } }));
    }
    return group;
  }

  function refuse(why) {
    refusal = why;
    refused = JSON.stringify(payload(draft));
    showRefusal(true);
  }

  /** Shows the refusal: each field's lines beside it (the first focused when focus), the rest in the form's line. */
  function showRefusal(focus) {
    if (refusal && refused !== JSON.stringify(payload(draft))) {
      refusal = null;
      formError.textContent = '';
    } else if (refusal === IMAGE_FAILED) {
      formError.textContent = t('editor.notSavedImageFailed');
    } else if (refusal) {
      const rest = showFieldErrors(fields, refusal, localField, focus);
      formError.textContent = rest.join(' ') || (Object.keys(errorsByField(refusal)).length ? '' : describe(refusal));
    }
  }

  function setSaving(on) {
    saving = on;
    form.querySelector('[data-testid=save-question]').disabled = on || Boolean(opts.disabled);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (saving) return;
    formError.textContent = '';
    refusal = null;
    setSaving(true);
    try {
      // Sent now, the question would go without the picture being uploaded: its URL comes with the upload's answer.
      const upload = uploadOf(draft);
      if (upload) {
        status.textContent = t('editor.saveAfterUpload');
        const failure = await upload;
        status.textContent = '';
        if (failure) {
          refuse(IMAGE_FAILED);
          setSaving(false);
          return;
        }
      }
      await opts.onSave(draft);
    } catch (error) {
      refuse(error);
      setSaving(false);
    }
  });

  render();
  // Drawn again in another language by its page, not built anew: a new form would forget a save under way and take a
  // second Save of the same new question.
  form.redraw = () => {
    render();
    // The lines its page added stay (the editor's "save or cancel first", translated with the page).
    const added = [...formError.children];
    showRefusal(false);
    formError.append(...added);
  };
  return form;
}
