// The host's sign-in and sign-up page (/host/, /host/?mode=sign-up). ?ended=1 says the session ended; ?next= is
// where to go afterwards, taken only when it is a path of this site.
import { initI18n, t } from './i18n.js';
import { el, header, param, clear, announce } from './ui.js';
import { signIn, signUp, currentSession } from './session.js';
import { ApiError } from './api.js';
import { field, showFieldErrors, setFieldError, describe } from './host/common.js';

await initI18n();

/**
 * next when it is one of the host's pages on this origin. Judged on the path as the browser resolves it, not as
 * written: "/.//evil.example" resolves to the path "//evil.example", which a browser then reads as another site.
 */
function safeNext(next) {
  if (!next || !next.startsWith('/')) return null;
  try {
    const url = new URL(next, location.origin);
    return url.origin === location.origin && /^\/host\/[\w.-]*$/.test(url.pathname)
      ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

const next = safeNext(param('next'));
let ended = param('ended') === '1';
let mode = param('mode') === 'sign-up' ? 'sign-up' : 'sign-in';

if (!ended && mode === 'sign-in' && currentSession()) {
  location.replace(next || '/host/quizzes.html');
}

const app = document.getElementById('app');
document.body.prepend(header());

function input(id, type, autocomplete, extra = {}) {
  return el('input', { id, name: id, type, autocomplete, required: true, 'data-testid': id, ...extra });
}

function render() {
  const signingUp = mode === 'sign-up';
  const p = signingUp ? 'sign-up' : 'sign-in';
  const fields = {
    email: field('host.email', input(`${p}-email`, 'email', 'username', { maxlength: 254 })),
  };
  if (signingUp) fields.displayName = field('host.displayName', input(`${p}-name`, 'text', 'nickname', { maxlength: 60 }));
  fields.password = field('host.password',
    input(`${p}-password`, 'password', signingUp ? 'new-password' : 'current-password', { maxlength: 128 }),
    signingUp ? 'host.passwordRules' : null);

  const formError = el('div', { class: 'form-error', role: 'alert', 'data-testid': `${p}-error` });
  const submit = el('button', { type: 'submit', class: 'primary', 'data-testid': `${p}-submit`, i18n: signingUp ? 'host.signUp' : 'host.signIn' });
  const form = el('form', { class: 'card auth-form stack', novalidate: true, 'aria-labelledby': 'auth-heading' },
    el('h1', { id: 'auth-heading', i18n: signingUp ? 'host.signUpHeading' : 'host.signInHeading' }),
    ended && !signingUp ? el('p', { class: 'notice', role: 'alert', 'data-testid': 'session-ended', i18n: 'host.sessionEnded' }) : null,
    ...Object.values(fields).map((f) => f.wrap),
    formError,
    submit,
    el('p', {},
      el('a', {
        href: signingUp ? '/host/' : '/host/?mode=sign-up',
        'data-testid': signingUp ? 'to-sign-in' : 'to-sign-up',
        i18n: signingUp ? 'host.haveAccount' : 'host.noAccount',
        onclick: (event) => { event.preventDefault(); switchMode(signingUp ? 'sign-in' : 'sign-up'); },
      })));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formError.textContent = '';
    // The browser's own checks first, shown the same way as the server's.
    let invalid = false;
    for (const f of Object.values(fields)) {
      const missing = !f.control.value.trim();
      setFieldError(f, missing ? t('host.required') : null);
      if (missing && !invalid) { f.control.focus(); invalid = true; }
    }
    if (invalid) return;
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const email = fields.email.control.value.trim();
      const password = fields.password.control.value;
      if (signingUp) await signUp(email, fields.displayName.control.value.trim(), password);
      else await signIn(email, password);
      location.assign(next || '/host/quizzes.html');
      return;
    } catch (error) {
      const rest = showFieldErrors(fields, error);
      if (error instanceof ApiError && error.status === 401) formError.textContent = t('host.wrongCredentials');
      else if (error instanceof ApiError && error.status === 403) formError.textContent = t('host.accountLocked');
      else if (rest.length || !Object.keys(error?.fieldErrors || {}).length) formError.textContent = rest.join(' ') || describe(error);
    }
    submit.disabled = false;
    form.removeAttribute('aria-busy');
  });

  clear(app).append(form);
  app.removeAttribute('aria-busy');
  document.documentElement.dataset.i18nTitle = signingUp ? 'host.title.signUp' : 'host.title.signIn';
  document.title = t(document.documentElement.dataset.i18nTitle);
}

function switchMode(newMode) {
  mode = newMode;
  ended = false;
  const query = new URLSearchParams(location.search);
  if (mode === 'sign-up') query.set('mode', 'sign-up'); else query.delete('mode');
  query.delete('ended');
  history.replaceState(null, '', `${location.pathname}${query.size ? `?${query}` : ''}`);
  render();
  document.querySelector(`#${mode}-email`)?.focus();
  announce(t(mode === 'sign-up' ? 'host.signUpHeading' : 'host.signInHeading'));
}

render();
