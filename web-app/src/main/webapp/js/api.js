// One way to call the platform's REST APIs. A refusal arrives as an ApiError carrying the problem details
// (RFC 9457) and its errors by field, so forms can show each message next to its field.
export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds = null) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    /** A 429's Retry-After, in seconds (the login's window is a quarter of an hour, not "a minute"); else null. */
    this.retryAfterSeconds = retryAfterSeconds;
    this.fieldErrors = {};
    for (const error of this.problem.errors || []) {
      if (error && error.field) this.fieldErrors[error.field] = error.message;
    }
  }

  /** The rule a refusal names: game rules arrive as "Game rule: <code>"; otherwise null. */
  get code() {
    if (this.problem.code) return this.problem.code;
    const title = String(this.problem.title || '');
    return title.startsWith('Game rule: ') ? title.slice('Game rule: '.length) : null;
  }
}

/** A network failure (no answer at all): the caller may say the network is slow or away. */
export class NetworkError extends Error {}

let unauthorizedHandler = null;

/** What to do when a call with a token is answered 401 (the session has ended). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/**
 * Calls path (e.g. "/quiz/api/quizzes") with method; body is sent as JSON unless it is a Blob/File (sent as is).
 * Returns {status, headers, data}; data is the parsed JSON, the text, or a Blob when options.blob is set. A 401 on a
 * call with a token ends the session (onUnauthorized) unless options.own401 says the caller judges it.
 * options.credentials: 'same-origin' for the one call that keeps a cookie (the login); no cookies otherwise.
 */
export async function api(method, path, options = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...(options.headers || {}) };
  if ('token' in options && !options.token && unauthorizedHandler) {
    // A host's call after the session expired (a laptop asleep past it, no renewal ran): the server would refuse it in
    // its own words and nothing would lead back to signing in. Over: to sign in; the call is not sent, never settles.
    unauthorizedHandler();
    return new Promise(() => {});
  }
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  let body;
  if (options.body instanceof Blob) {
    body = options.body;
    headers['Content-Type'] = options.body.type || 'application/octet-stream';
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    // No cookies (the token goes in a header), but for the login's known-browser cookie (options.credentials).
    // A bound on each call: on a half-open link a call that never answers held up every change queued behind it.
    // Bodies that are files (an image, a quiz with its images) get longer on a slow school network.
    const timeout = AbortSignal.timeout(options.body instanceof Blob ? 300_000 : 30_000);
    response = await fetch(path, { method, headers, body, credentials: options.credentials || 'omit', cache: 'no-store', signal: timeout });
  } catch (e) {
    throw new NetworkError(String(e));
  }
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (options.blob && response.ok) {
    data = await response.blob();
  } else if (type.includes('json')) {
    data = await response.json().catch(() => null);
  } else if (response.status !== 204) {
    data = await response.text();
  }
  if (!response.ok && response.status !== 304) {
    if (response.status === 401 && options.token && !options.own401 && unauthorizedHandler) unauthorizedHandler();
    const retryAfter = /^\d{1,6}$/.test(response.headers.get('Retry-After') || '') ? Number(response.headers.get('Retry-After')) : null;
    throw new ApiError(response.status, data && typeof data === 'object' ? data : { title: response.statusText }, retryAfter);
  }
  return { status: response.status, headers: response.headers, data };
}
