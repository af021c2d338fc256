// How the editor's changes to a quiz go out: one at a time, each with the ETag the one before brought back, and each
// sent again under the same Idempotency-Key when no answer came.
import { api, NetworkError } from '../api.js';
import { token } from '../session.js';

// Sent side by side, two quick clicks carried the same If-Match and the second was refused (412) as if someone else
// had saved.
let turns = Promise.resolve();

/** Runs step after every step asked for before it has finished; returns what step returns. */
export function inTurn(step) {
  const turn = turns.then(step);
  turns = turn.catch(() => {});
  return turn;
}

const ATTEMPTS = 3;

/** A random key (crypto.randomUUID needs a secure context; a school's server may be plain HTTP). */
function changeKey() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sends one change; returns api()'s answer. The server may have written a change before the network dropped: sent
 * again with its key, it is answered with what was done, where a new request would be a 412 that blamed someone else
 * (and cost the open draft).
 */
export async function sendChange(method, url, ifMatch, body) {
  const headers = { 'Idempotency-Key': changeKey() };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await api(method, url, { token: token(), ifMatch, body, headers });
    } catch (error) {
      if (!(error instanceof NetworkError) || attempt === ATTEMPTS) throw error;
      await new Promise((resolve) => { setTimeout(resolve, 1000 * attempt); });
    }
  }
}
