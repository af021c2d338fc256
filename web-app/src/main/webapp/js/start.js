// The start page: players enter a PIN (and go on to /play/), hosts sign in or sign up.
import { initI18n, t } from './i18n.js';
import { el, header } from './ui.js';
import { currentSession } from './session.js';

await initI18n();
const app = document.getElementById('app');
document.body.prepend(header());

const pin = el('input', {
  id: 'pin', name: 'pin', inputmode: 'numeric', autocomplete: 'off', maxlength: 6, pattern: '[0-9]{6}',
  required: true, 'data-testid': 'pin-input', 'data-i18n-attr': 'placeholder:start.pinPlaceholder',
  placeholder: t('start.pinPlaceholder'),
});
const form = el('form', { class: 'pin-form card', action: '/play/', method: 'get' },
  el('h1', { i18n: 'start.joinHeading' }),
  el('label', { for: 'pin', class: 'visually-hidden', i18n: 'start.pinLabel' }),
  pin,
  el('button', { type: 'submit', class: 'primary', 'data-testid': 'join-button', i18n: 'start.join' }));

const signedIn = currentSession();
const hosting = el('section', { class: 'card', 'aria-labelledby': 'host-heading' },
  el('h2', { id: 'host-heading', i18n: 'start.hostHeading' }),
  el('p', { i18n: 'start.hostText' }),
  el('div', { class: 'row' },
    signedIn
      ? el('a', { class: 'button primary', href: '/host/quizzes.html', 'data-testid': 'to-library', i18n: 'start.toLibrary' })
      : el('a', { class: 'button primary', href: '/host/', 'data-testid': 'sign-in-link', i18n: 'start.signIn' }),
    signedIn ? null : el('a', { class: 'button', href: '/host/?mode=sign-up', 'data-testid': 'sign-up-link', i18n: 'start.signUp' })));

app.append(form, hosting);
app.removeAttribute('aria-busy');
