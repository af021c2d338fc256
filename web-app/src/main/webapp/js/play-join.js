// Joining: the PIN, then a nickname (POST /quiz/api/games/players). The player token is kept in sessionStorage, so a
// reload of this tab comes back as the same player, while another tab or browser joins as someone else.
import { api, ApiError, NetworkError } from './api.js';
import { t } from './i18n.js';
import { el } from './ui.js';

const KEY = 'qp.player';

export function savedPlayer() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
}

export function forgetPlayer() {
  sessionStorage.removeItem(KEY);
}

/** The message for a refused join, by the rule the server names. */
function joinError(error) {
  if (error instanceof NetworkError) return { field: null, key: 'common.networkError' };
  if (!(error instanceof ApiError)) return { field: null, key: 'common.unexpected' };
  if (error.status === 404) return { field: 'pin', key: 'play.error.unknownPin' };
  if (error.status === 429) return { field: null, key: 'play.error.tooManyAttempts' };
  const byCode = {
    'nickname-taken': ['nickname', 'play.error.nicknameTaken'],
    'nickname-invalid': ['nickname', 'play.error.nicknameInvalid'],
    'game-full': [null, 'play.error.gameFull'],
    'game-started': [null, 'play.error.gameStarted'],
    'game-ended': [null, 'play.error.gameEnded'],
  }[error.code];
  if (byCode) return { field: byCode[0], key: byCode[1], detail: error.problem.detail };
  if (error.fieldErrors.pin) return { field: 'pin', key: 'play.error.pinFormat' };
  if (error.fieldErrors.nickname) return { field: 'nickname', key: null, detail: error.fieldErrors.nickname };
  return { field: null, key: 'common.unexpected' };
}

/**
 * Shows the join form in app; resolves with the joined player ({gameId, playerId, nickname, playerToken}).
 * @param message an optional message key to show first (e.g. why the last game was left)
 */
export function joinForm(app, initialPin, message) {
  return new Promise((resolve) => {
    const pin = el('input', { id: 'pin', inputmode: 'numeric', autocomplete: 'off', maxlength: 6, required: true,
      'data-testid': 'pin-input', 'aria-describedby': 'pin-error' });
    pin.value = /^\d{6}$/.test(initialPin || '') ? initialPin : '';
    const nickname = el('input', { id: 'nickname', autocomplete: 'nickname', maxlength: 20, required: true,
      'data-testid': 'nickname-input', 'aria-describedby': 'nickname-error' });
    const pinError = el('p', { id: 'pin-error', class: 'field-error', 'data-testid': 'pin-error' });
    const nicknameError = el('p', { id: 'nickname-error', class: 'field-error', 'data-testid': 'nickname-error' });
    const formError = el('p', { class: 'form-error', role: 'alert', 'data-testid': 'join-error' });
    if (message) formError.textContent = t(message);
    const submit = el('button', { type: 'submit', class: 'primary', 'data-testid': 'join-button', i18n: 'play.join' });
    const form = el('form', { class: 'pin-form card', novalidate: true },
      el('h1', { i18n: 'play.joinHeading' }),
      el('label', { class: 'field', for: 'pin', i18n: 'play.pinLabel' }), pin, pinError,
      el('label', { class: 'field', for: 'nickname', i18n: 'play.nicknameLabel' }), nickname, nicknameError,
      formError, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      for (const [input, error] of [[pin, pinError], [nickname, nicknameError]]) {
        input.removeAttribute('aria-invalid');
        error.textContent = '';
      }
      formError.textContent = '';
      if (!/^\d{6}$/.test(pin.value.trim())) {
        pin.setAttribute('aria-invalid', 'true');
        pinError.textContent = t('play.error.pinFormat');
        pin.focus();
        return;
      }
      if (!nickname.value.trim()) {
        nickname.setAttribute('aria-invalid', 'true');
        nicknameError.textContent = t('play.error.nicknameMissing');
        nickname.focus();
        return;
      }
      submit.disabled = true;
      try {
        const { data } = await api('POST', '/quiz/api/games/players',
          { body: { pin: pin.value.trim(), nickname: nickname.value.trim() } });
        sessionStorage.setItem(KEY, JSON.stringify(data));
        resolve(data);
      } catch (error) {
        const { field, key, detail } = joinError(error);
        const text = key ? t(key) : detail;
        if (field === 'pin' || field === 'nickname') {
          const input = field === 'pin' ? pin : nickname;
          input.setAttribute('aria-invalid', 'true');
          (field === 'pin' ? pinError : nicknameError).textContent = text;
          input.focus();
        } else {
          formError.textContent = text;
        }
      } finally {
        submit.disabled = false;
      }
    });
    app.replaceChildren(form);
    (pin.value ? nickname : pin).focus();
  });
}
