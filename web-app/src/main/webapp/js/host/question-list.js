// The quiz's questions in play order. The order changes by drag and drop (HTML5) or, for keyboards and touch
// screens, by the move up / move down buttons; both end in one onMove(questionId, newIndex).
import { t } from '../i18n.js';
import { el } from '../ui.js';

/**
 * opts: {questions, editable, editingId, form (node shown in place of the question being edited),
 *        onEdit(id), onMove(id, newIndex), onRemove(id)}
 */
export function questionList(opts) {
  const list = el('ol', { class: 'question-list', 'data-testid': 'question-list', 'aria-labelledby': 'questions-heading' });
  let dragged = null;

  opts.questions.forEach((question, index) => {
    if (question.id === opts.editingId && opts.form) {
      list.append(el('li', { class: 'question-row editing', 'data-question-id': question.id }, opts.form));
      return;
    }
    const number = index + 1;
    const buttons = opts.editable ? el('div', { class: 'row actions' },
      el('button', { type: 'button', 'data-testid': 'edit-question', i18n: 'editor.edit',
        'aria-label': t('editor.editNumber', { number }), onclick: () => opts.onEdit(question.id) }),
      el('button', { type: 'button', 'data-testid': 'move-up', disabled: index === 0, 'aria-label': t('editor.moveUp', { number }),
        onclick: () => opts.onMove(question.id, index - 1) }, '↑'),
      el('button', { type: 'button', 'data-testid': 'move-down', disabled: index === opts.questions.length - 1,
        'aria-label': t('editor.moveDown', { number }), onclick: () => opts.onMove(question.id, index + 1) }, '↓'),
      el('button', { type: 'button', class: 'danger', 'data-testid': 'remove-question', i18n: 'editor.remove',
        'aria-label': t('editor.removeNumber', { number }), onclick: () => opts.onRemove(question.id) })) : null;

    const item = el('li', {
      class: 'question-row card', 'data-testid': 'question-row', 'data-question-id': question.id,
      draggable: opts.editable ? 'true' : null,
    },
    el('div', { class: 'question-summary' },
      opts.editable ? el('span', { class: 'drag-handle', 'aria-hidden': 'true', title: t('editor.dragHint') }, '⠿') : null,
      el('span', { class: 'question-number' }, t('editor.questionNumber', { number })),
      el('span', { class: 'badge' }, t(`editor.type.${question.type}`)),
      el('p', { class: 'question-line', 'data-testid': 'question-row-text' }, question.text),
      el('p', { class: 'muted small' },
        t('editor.seconds', { seconds: question.timeLimitSeconds }), ' · ', t(`editor.points.${question.points}`),
        question.imageUrl ? ` · ${t('editor.hasImage')}` : '')),
    buttons);

    if (opts.editable) {
      item.addEventListener('dragstart', (event) => {
        dragged = question.id;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', question.id);
        item.classList.add('dragging');
      });
      item.addEventListener('dragend', () => {
        item.classList.remove('dragging');
        list.querySelectorAll('.drop-target').forEach((n) => n.classList.remove('drop-target'));
      });
      item.addEventListener('dragover', (event) => {
        if (!dragged || dragged === question.id) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        item.classList.add('drop-target');
      });
      item.addEventListener('dragleave', () => item.classList.remove('drop-target'));
      item.addEventListener('drop', (event) => {
        event.preventDefault();
        item.classList.remove('drop-target');
        const id = dragged || event.dataTransfer.getData('text/plain');
        dragged = null;
        if (id && id !== question.id) opts.onMove(id, index);
      });
    }
    list.append(item);
  });
  return list;
}

/** The ids in order after moving id to newIndex. */
export function moved(questions, id, newIndex) {
  const ids = questions.map((q) => q.id).filter((x) => x !== id);
  ids.splice(Math.max(0, Math.min(newIndex, ids.length)), 0, id);
  return ids;
}
