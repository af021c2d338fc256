// The host's session: the access token from POST /user/api/sessions, kept in localStorage so every tab of the
// host (library, editor, big screen) shares it. It is renewed a minute before it expires; renewal retires the old
// token, so tabs always read the current one from storage, and one tab at a time renews (Web Locks).
import { api, ApiError, onUnauthorized } from './api.js';

const KEY = 'qp.session';
const RENEW_BEFORE_MS = 60_000;
let renewTimer = null;
/** Whether this page is one only a signed-in host may see (requireHost): there an expired session is over. */
let hostPage = false;
const renewedListeners = [];

/**
 * Calls back when the session's token changes, renewed by this tab or another: a game socket says hello again with
 * the new one (the server lets go of a socket whose token was retired by its renewal).
 */
export function onSessionRenewed(callback) {
  renewedListeners.push(callback);
  window.addEventListener('storage', (event) => {
    // A sign-out in another tab is not a renewal: requireHost ends this page's session then.
    if (event.key !== KEY || !event.newValue) return;
    const token = (value) => { try { return JSON.parse(value)?.accessToken; } catch { return undefined; } };
    if (token(event.newValue) && token(event.newValue) !== token(event.oldValue)) callback();
  });
}

/**
 * When the token expires, on this computer's clock: the server's expiresIn counted from its arrival, so a classroom
 * PC whose clock is an hour off is neither sent back to sign in at once nor left to renew after the real expiry.
 */
function expiresAt(session) {
  return Number.isFinite(session.expiresAtHere) ? session.expiresAtHere : Date.parse(session.expiresAt);
}

export function currentSession() {
  try {
    const session = JSON.parse(localStorage.getItem(KEY) || 'null');
    if (!session || !session.accessToken || !(expiresAt(session) > Date.now())) return null;
    return session;
  } catch {
    return null;
  }
}

export function token() {
  return currentSession()?.accessToken;
}

function store(session, user) {
  localStorage.setItem(KEY, JSON.stringify({
    accessToken: session.accessToken,
    expiresAt: session.expiresAt,
    expiresAtHere: Number.isFinite(session.expiresIn) ? Date.now() + session.expiresIn * 1000 : undefined,
    user: session.user || user,
  }));
}

export async function signIn(email, password) {
  // Same-origin credentials: the browser keeps and sends back the server's known-browser cookie, which lets its
  // owner in even while someone floods the account with wrong passwords from elsewhere.
  const { data } = await api('POST', '/user/api/sessions', { body: { email, password }, credentials: 'same-origin' });
  store(data);
  return data;
}

export async function signUp(email, displayName, password) {
  await api('POST', '/user/api/users', { body: { email, displayName, password } });
  return signIn(email, password);
}

export async function signOut() {
  const current = token();
  localStorage.removeItem(KEY);
  if (current) {
    await api('DELETE', '/user/api/sessions/current', { token: current }).catch(() => {});
  }
}

async function renew() {
  const run = async () => {
    const session = currentSession();
    if (!session) {
      if (hostPage) endedSession(); // expired before the renewal could run (asleep): over
      return;
    }
    // Another tab may have renewed it while this one waited for the lock.
    if (expiresAt(session) - Date.now() > RENEW_BEFORE_MS + 5_000) return;
    let data;
    try {
      ({ data } = await api('POST', '/user/api/sessions/refresh', { token: session.accessToken, own401: true }));
    } catch (error) {
      // Refused because another tab renewed this very token first (only one renewal of a token goes on): that
      // tab's session is this one's too. Refused otherwise (logged out, ended): the session is over.
      if (error instanceof ApiError && error.status === 401 && token() === session.accessToken) endedSession();
      throw error;
    }
    // Signed out (or in as someone else) meanwhile: the new token is not this page's to keep.
    if (token() !== session.accessToken) {
      await api('DELETE', '/user/api/sessions/current', { token: data.accessToken, own401: true }).catch(() => {});
      return;
    }
    store(data, session.user);
    renewedListeners.forEach((callback) => callback());
  };
  try {
    if (navigator.locks) {
      await navigator.locks.request('qp.session.renew', run);
    } else {
      await run();
    }
  } catch {
    // A failed renewal is tried again soon; the session ends when the token expires.
  }
  scheduleRenewal();
}

function scheduleRenewal() {
  clearTimeout(renewTimer);
  const session = currentSession();
  if (!session) return;
  const wait = Math.max(5_000, expiresAt(session) - Date.now() - RENEW_BEFORE_MS);
  renewTimer = setTimeout(renew, Math.min(wait, 2_147_000_000));
}

/**
 * For pages only a signed-in host may see: the session, renewed before it expires; without one, the visitor goes
 * to the sign-in page (which says the session ended, and brings them back here afterwards).
 */
export function requireHost() {
  const session = currentSession();
  if (!session) {
    endedSession();
    return null;
  }
  hostPage = true;
  scheduleRenewal();
  onUnauthorized(endedSession);
  window.addEventListener('storage', (event) => {
    if (event.key === KEY) {
      if (!currentSession()) endedSession(); else scheduleRenewal();
    }
  });
  // A laptop woken after the session expired goes to signing in at once, not at its first click.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && !currentSession()) endedSession();
  });
  return session;
}

/** The session is over (logged out, ended elsewhere, expired): to the sign-in page, which brings the host back here. */
export function endedSession() {
  localStorage.removeItem(KEY);
  const back = encodeURIComponent(location.pathname + location.search);
  location.replace(`/host/?ended=1&next=${back}`);
}
