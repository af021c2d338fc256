// Joining: the PIN, then a nickname, sent on the join socket (/quiz/ws/join, docs/PROTOCOL.md), which then carries
// the game: one connection from the form to the podium. The player token from `joined` is kept in sessionStorage
// (with the game's PIN) as soon as it arrives, so a reload of this tab, or a join socket lost before its welcome,
// comes back as the same player (hello on the game's socket), while another tab or browser joins as someone else.
import { t } from './i18n.js';
import { el } from './ui.js';

const KEY = 'qp.player';
/**
 * How long a join may wait for its answer (joined or a refusal, then the welcome) before the form is usable again. The
 * socket is still listened to: the server may only be slow to commit the join, which then counts (a late `joined`
 * and welcome carry on as that player).
 */
const JOIN_TIMEOUT_MS = 10000;
/**
 * A join tried again while the last one is unanswered is sent again on the same socket (the server makes one join of
 * a socket at most: `join-in-progress`, or `already-identified` once joined); nothing at all back within this time,
 * and the socket is taken for dead: the join goes on a new one.
 */
const JOIN_PROBE_MS = 3000;

/**
 * The player this tab joined as, if any: {gameId, playerId, nickname, playerToken, pin}. A PIN in the page's address
 * that is not the saved player's game is a new game to join: the saved player is forgotten.
 */
export function savedPlayer(pin) {
  let player;
  try {
    player = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  } catch {
    player = null;
  }
  if (player && pin && player.pin && player.pin !== pin) {
    forgetPlayer();
    return null;
  }
  return player;
}

export function forgetPlayer() {
  sessionStorage.removeItem(KEY);
}

function rememberPlayer(player) {
  sessionStorage.setItem(KEY, JSON.stringify(player));
}

/** A refusal on the join socket: the server's error code, the field it names and its (English) message. */
class JoinRefused extends Error {
  constructor(error) {
    super(error.message);
    this.code = error.code;
    this.field = error.field;
  }
}

/** No answer: the socket did not open, closed, or stayed silent before `joined`. */
class JoinDropped extends Error {}

/**
 * The join socket. A refused join keeps it open for the next try; once joined, what it received (the welcome and
 * anything after it) waits until the game's connection takes the socket over (`handOver()` returns it). Lost after
 * `joined` and before the welcome, the join still counts: it settles with the player and no socket, and the game's
 * connection says hello on the game's socket. A join unanswered in time gives the form back but not the socket: a
 * late `joined` and welcome still count (onJoined), and a late refusal is shown (onLateRefusal).
 */
class JoinSocket {
  constructor(onJoined, onLateRefusal) {
    this.onJoined = onJoined;
    this.onLateRefusal = onLateRefusal;
    this.socket = null;
    this.pending = null;
    this.timer = null;
    this.messages = [];
    this.joined = null;
    this.handedOver = false;
    /** A join was sent on this socket and not answered yet. */
    this.unanswered = false;
    /** When the socket last received anything (Date.now()). */
    this.heard = 0;
  }

  /** A new socket, and what was learnt on the last one forgotten. */
  open(onOpen) {
    this.letGo();
    this.messages = [];
    this.joined = null;
    this.unanswered = false;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/quiz/ws/join`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.socket === socket) onOpen();
    });
    socket.addEventListener('message', (event) => {
      if (this.socket === socket) this.receive(event);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket || this.handedOver) return;
      this.socket = null;
      this.dropped();
    });
  }

  /** Forgets the socket (a late event of it is ignored) and closes it. */
  letGo() {
    const socket = this.socket;
    this.socket = null;
    this.unanswered = false;
    if (!socket) return;
    // Closing a socket that is still connecting makes the browser log an error; close it once it opens instead.
    if (socket.readyState === WebSocket.CONNECTING) socket.addEventListener('open', () => socket.close(1000, 'gave up'));
    else if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'gave up');
  }

  /** The socket is gone: joined already, the player carries on without it; else the join failed. */
  dropped() {
    this.unanswered = false;
    if (this.joined) this.settle({ player: this.joined, socket: null, handOver: () => [] });
    else this.settle(null, new JoinDropped());
  }

  receive(event) {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (this.handedOver) return;
    this.heard = Date.now();
    if (this.joined) {
      this.messages.push(message);
      if (message.type === 'welcome') {
        const handOver = () => {
          this.handedOver = true;
          return this.messages;
        };
        this.settle({ player: this.joined, socket: this.socket, handOver });
      }
    } else if (message.type === 'joined') {
      this.unanswered = false;
      this.joined = { gameId: message.gameId, playerId: message.playerId, nickname: message.nickname,
        playerToken: message.playerToken, pin: this.pin };
      rememberPlayer(this.joined);
    } else if (message.type === 'error') {
      // A join sent again on this socket while the first is committing: the first one's answer is still to come.
      if (message.code === 'join-in-progress' || message.code === 'already-identified') return;
      this.unanswered = false;
      this.settle(null, new JoinRefused(message));
    }
  }

  /** The join's outcome: joined (also after the form came back: onJoined), or why not. */
  settle(value, error) {
    clearTimeout(this.timer);
    const pending = this.pending;
    this.pending = null;
    if (value) {
      this.onJoined(value);
      pending?.resolve(value);
    } else if (pending) {
      pending.reject(error);
    } else if (error instanceof JoinRefused) {
      this.onLateRefusal(error);
    }
  }

  /** No answer in time: the form is usable again; the socket is still listened to (a late answer counts). */
  timedOut() {
    clearTimeout(this.timer);
    if (this.joined) {
      // Joined, and the welcome did not follow: the player is in the game; carry on with a hello elsewhere.
      this.letGo();
      this.dropped();
      return;
    }
    const pending = this.pending;
    this.pending = null;
    pending?.reject(new JoinDropped());
  }

  join(pin, nickname) {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.pin = pin;
      clearTimeout(this.timer);
      const send = () => {
        this.unanswered = true;
        this.socket.send(JSON.stringify({ type: 'join', pin, nickname }));
      };
      const wait = (ms) => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.timedOut(), ms);
      };
      if (this.socket?.readyState === WebSocket.OPEN && this.unanswered) {
        // Tried again while the last join is unanswered: not a second join, the same one asked on the same socket.
        const asked = Date.now();
        send();
        this.timer = setTimeout(() => {
          if (this.heard >= asked) {
            wait(JOIN_TIMEOUT_MS - JOIN_PROBE_MS);
            return;
          }
          this.open(send);
          wait(JOIN_TIMEOUT_MS);
        }, JOIN_PROBE_MS);
        return;
      }
      wait(JOIN_TIMEOUT_MS);
      if (this.socket?.readyState === WebSocket.OPEN) send();
      else this.open(send);
    });
  }
}

/** The message for a refused join, by the rule the server names. */
function joinError(error) {
  if (!(error instanceof JoinRefused)) return { field: null, key: 'common.networkError' };
  const byCode = {
    'unknown-pin': ['pin', 'play.error.unknownPin'],
    'invalid-pin': ['pin', 'play.error.pinFormat'],
    'too-many-attempts': [null, 'play.error.tooManyAttempts'],
    'nickname-taken': ['nickname', 'play.error.nicknameTaken'],
    'nickname-invalid': ['nickname', 'play.error.nicknameInvalid'],
    'game-full': [null, 'play.error.gameFull'],
    'game-started': [null, 'play.error.gameStarted'],
    'game-ended': [null, 'play.error.gameEnded'],
    'game-busy': [null, 'play.error.gameBusy'],
  }[error.code];
  if (byCode) return { field: byCode[0], key: byCode[1] };
  return { field: null, key: 'common.unexpected' };
}

/**
 * Shows the join form in app; resolves once joined and welcomed with {player, socket, handOver}: the player
 * ({gameId, playerId, nickname, playerToken, pin}, already saved), the open socket, and handOver() which returns
 * what the socket received so far (the welcome first) and leaves the socket to its new owner. When the socket was
 * lost between `joined` and the welcome, socket is null: the caller connects to the game's socket with a hello.
 * @param message an optional message key to show first (e.g. why the last game was left)
 */
export function joinForm(app, initialPin, message) {
  return new Promise((resolve) => {
    const joinSocket = new JoinSocket(resolve, (error) => showRefusal(error));
    const pin = el('input', { id: 'pin', inputmode: 'numeric', autocomplete: 'off', maxlength: 6, required: true,
      'data-testid': 'pin-input', 'aria-describedby': 'pin-error' });
    pin.value = /^\d{6}$/.test(initialPin || '') ? initialPin : '';
    const nickname = el('input', { id: 'nickname', autocomplete: 'nickname', maxlength: 20, required: true,
      'data-testid': 'nickname-input', 'aria-describedby': 'nickname-error' });
    const pinError = el('p', { id: 'pin-error', class: 'field-error', 'data-testid': 'pin-error' });
    const nicknameError = el('p', { id: 'nickname-error', class: 'field-error', 'data-testid': 'nickname-error' });
    // The message this form opens with (why the last game was left) is said in the page's live region: an alert
    // inserted with its text would say it twice, or not at all. A refused join later is said by this alert.
    const formError = el('p', { class: 'form-error', role: message ? null : 'alert', 'data-testid': 'join-error' });
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
      formError.setAttribute('role', 'alert');
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
        await joinSocket.join(pin.value.trim(), nickname.value.trim());
      } catch (error) {
        showRefusal(error);
      } finally {
        submit.disabled = false;
      }
    });
    /** Why the join did not go through (also a refusal that comes after the form was given back). */
    function showRefusal(error) {
      const { field, key } = joinError(error);
      const text = t(key);
      formError.textContent = '';
      formError.setAttribute('role', 'alert');
      if (field === 'pin' || field === 'nickname') {
        const input = field === 'pin' ? pin : nickname;
        input.setAttribute('aria-invalid', 'true');
        (field === 'pin' ? pinError : nicknameError).textContent = text;
        input.focus();
      } else {
        formError.textContent = text;
      }
    }
    app.replaceChildren(form);
    (pin.value ? nickname : pin).focus();
  });
}
