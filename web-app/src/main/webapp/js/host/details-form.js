// The quiz's "Title and settings" form. The editor keeps its node across redraws, so what the host is typing there
// stays (a redraw shows the server's copy only in a control the host has not changed) and so does a refusal on it.
import { el } from '../ui.js';
import { field, setFieldError, showFieldErrors, errorsByField, describe } from './common.js';

const same = (a, b) => (typeof a === 'string' ? a.trim() === String(b).trim() : a === b);

/**
 * opts: {onSave(body) -> Promise: resolves once saved (or once there is nothing to say here), rejects with the
 * refusal to show}. Returns {node, show(quiz, editable), unsaved()}.
 */
export function detailsForm(opts) {
  const title = field('host.quizTitle', el('input', { id: 'quiz-title', maxlength: 120, required: true, 'data-testid': 'quiz-title' }));
  const description = field('host.quizDescription', el('textarea', { id: 'quiz-description', rows: 2, maxlength: 2000, 'data-testid': 'quiz-description' }));
  const speed = el('input', { id: 'speed-scoring', type: 'checkbox', 'data-testid': 'speed-scoring' });
  const streak = el('input', { id: 'streak-bonus', type: 'checkbox', 'data-testid': 'streak-bonus' });
  const error = el('p', { class: 'form-error', role: 'alert' });
  const save = el('button', { type: 'submit', class: 'primary', 'data-testid': 'save-details', i18n: 'editor.saveDetails' });
  const node = el('form', { class: 'card stack', novalidate: true, 'aria-labelledby': 'details-heading' },
    el('h2', { id: 'details-heading', i18n: 'editor.details' }), title.wrap, description.wrap,
    el('div', { class: 'check' }, speed, el('label', { for: 'speed-scoring', i18n: 'editor.speedScoring' })),
    el('div', { class: 'check' }, streak, el('label', { for: 'streak-bonus', i18n: 'editor.streakBonus' })),
    error, save);

  const controls = {
    title: { get: () => title.control.value, set: (v) => { title.control.value = v; } },
    description: { get: () => description.control.value, set: (v) => { description.control.value = v; } },
    speed: { get: () => speed.checked, set: (v) => { speed.checked = v; } },
    streak: { get: () => streak.checked, set: (v) => { streak.checked = v; } },
  };
  // What each control last showed of the server's copy: one that holds something else holds the host's input.
  const shown = {};

  function show(quiz, editable) {
    const server = {
      title: quiz.title, description: quiz.description || '',
      speed: quiz.settings?.speedScoring !== false, streak: quiz.settings?.streakBonus !== false,
    };
    for (const [name, control] of Object.entries(controls)) {
      const value = control.get();
      if (!(name in shown) || same(value, shown[name]) || same(value, server[name])) control.set(server[name]);
      shown[name] = server[name];
    }
    [title.control, description.control, speed, streak].forEach((c) => { c.disabled = !editable; });
    save.classList.toggle('hidden', !editable); // buttons are display: inline-block, which [hidden] loses to
  }

  node.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const body = {
      title: title.control.value.trim(), description: description.control.value.trim() || null,
      settings: { speedScoring: speed.checked, streakBonus: streak.checked },
    };
    try {
      await opts.onSave(body);
      setFieldError(title, null);
      setFieldError(description, null);
    } catch (e) {
      const rest = showFieldErrors({ title, description }, e);
      if (rest.length || !Object.keys(errorsByField(e)).length) error.textContent = rest.join(' ') || describe(e);
    }
  });
  /** A control holds the host's input, not the server's copy (a title typed, a box ticked, not saved). */
  const unsaved = () => Object.entries(controls).some(([name, control]) => name in shown && !same(control.get(), shown[name]));
  return { node, show, unsaved };
}
