// A finished game's report (/host/report.html?id=): podium, every player's line, each question's answers, and
// the player table as a CSV file. Until scoring has finished the game the API answers 409 (404 while it has not
// heard of a game the quiz service knows): we say so and retry.
import { initI18n, t, formatNumber, formatDate, onLanguageChange } from '../i18n.js';
import { el, clear, param, shape, shapeName } from '../ui.js';
import { api, ApiError } from '../api.js';
import { requireHost, token } from '../session.js';
import { hostHeader, describe, saveBlob } from './common.js';
import { knownSentence, sentenceKey } from '../refusals.js';

// Without a session the visitor is on the way to the sign-in page: nothing more to do here.
if (!requireHost()) await new Promise(() => {});
await initI18n();
const app = document.getElementById('app');
document.body.prepend(hostHeader('games'));
const gameId = param('id');
const base = `/scoring/api/games/${encodeURIComponent(gameId || '')}`;
const RETRY_MS = 3000;
// A completion given up on waits for an admin's retry or its late tally: asked again now and then, not every 3 s.
const FAILED_RETRY_MS = 60_000;
let report = null;
let retryTimer = null;
// Asks made for a game the quiz service knows and scoring has not heard of yet (its events on the way): each waits
// twice as long as the one before, up to FAILED_RETRY_MS.
let unheardAsks = 0;
// A game of 10,000 players: the table grows on request (the CSV has every player), so the page stays quick.
const PLAYERS_AT_ONCE = 100;
let playersShown = PLAYERS_AT_ONCE;

const content = el('div', { class: 'stack' });
app.append(el('p', {}, el('a', { href: '/host/games.html', 'data-testid': 'back-to-games', i18n: 'report.back' })), content);
app.removeAttribute('aria-busy');

async function load() {
  clearTimeout(retryTimer);
  try {
    const { data } = await api('GET', `${base}/report`, { token: token() });
    report = data;
    unheardAsks = 0;
    render();
  } catch (error) {
    report = null;
    if (error instanceof ApiError && error.status === 409) {
      unheardAsks = 0;
      const failed = sentenceKey(error.problem.detail) === 'refusal.report.failed';
      notReady(error, failed);
      retryTimer = setTimeout(load, failed ? FAILED_RETRY_MS : RETRY_MS);
    } else if (error instanceof ApiError && error.status === 404 && await hostsGame()) {
      notReady(error, false);
      retryTimer = setTimeout(load, Math.min(FAILED_RETRY_MS, RETRY_MS * 2 ** unheardAsks));
      unheardAsks += 1;
    } else {
      clear(content).append(el('p', { class: 'form-error', role: 'alert', 'data-testid': 'report-error' },
        error instanceof ApiError && (error.status === 404 || error.status === 403) ? t('report.notFound') : describe(error)));
    }
  }
}

/**
 * Whether the quiz service knows this game as this host's: a 404 from scoring is then "not yet" (a game just made, its
 * events still on the way to scoring), not "no such game".
 */
async function hostsGame() {
  try {
    await api('GET', `/quiz/api/games/${encodeURIComponent(gameId || '')}`, { token: token() });
    return true;
  } catch {
    return false;
  }
}

function notReady(error, failed) {
  const why = failed ? null : knownSentence(error.problem.detail);
  clear(content).append(el('div', { class: 'notice', role: 'status', 'data-testid': 'report-pending' },
    el('p', { i18n: failed ? 'report.failed' : 'report.pending', 'data-testid': failed ? 'report-failed' : null }),
    why ? el('p', { class: 'muted small', 'data-testid': 'report-pending-reason' }, why) : null,
    el('button', { type: 'button', 'data-testid': 'report-retry', i18n: 'report.retry', onclick: askNow })));
}

/** The host's "try again": asked now, and a later wait starts short again. */
function askNow() {
  unheardAsks = 0;
  load();
}

// The CSV needs the token, so it is fetched and saved from a Blob; the link works by keyboard like any other.
function csvLink() {
  const link = el('a', { href: `${base}/report.csv`, class: 'button', 'data-testid': 'report-csv', i18n: 'report.csv' });
  link.addEventListener('click', async (event) => {
    event.preventDefault();
    try {
      const { data } = await api('GET', `${base}/report.csv`, { token: token(), blob: true });
      saveBlob(new Blob([data], { type: 'text/csv' }), `game-${gameId}-report.csv`);
    } catch (error) {
      link.after(el('p', { class: 'form-error', role: 'alert' }, describe(error)));
    }
  });
  return link;
}

function render() {
  if (!report) return;
  clear(content).append(...[
    el('h1', { 'data-testid': 'report-heading' }, t('report.heading')),
    el('p', { class: 'muted' }, t('report.summary', {
      players: formatNumber(report.players), questions: formatNumber(report.questionsPlayed), ended: formatDate(report.endedAt),
    })),
    el('div', { class: 'row' }, csvLink()),
    podium(report.podium || []),
    players(report.ranking || []),
    questions(report.questions || [])].filter(Boolean));
}

function podium(standings) {
  if (!standings.length) return el('p', { class: 'muted', i18n: 'report.noPlayers' });
  return el('section', { 'aria-labelledby': 'podium-heading' },
    el('h2', { id: 'podium-heading', i18n: 'report.podium' }),
    el('ol', { class: 'podium', 'data-testid': 'podium' }, ...standings.slice(0, 3).map((s) =>
      el('li', { class: `step place-${s.rank}` },
        el('div', { class: 'place' }, t('report.place', { rank: s.rank })),
        el('div', { class: 'name' }, s.nickname),
        el('div', {}, t('common.points', { points: formatNumber(s.total) }))))));
}

function players(ranking) {
  if (!ranking.length) return null;
  const seconds = (ms) => (ms === null || ms === undefined ? '–' : t('report.secondsValue', { seconds: formatNumber(Math.round(ms / 100) / 10) }));
  const row = (p) => el('tr', { 'data-testid': 'report-player-row' },
    el('td', {}, String(p.rank)), el('td', { class: 'wrap' }, p.nickname), el('td', {}, formatNumber(p.score)),
    el('td', {}, t('report.correctOf', { correct: p.correctAnswers, answered: p.answered })),
    el('td', {}, seconds(p.averageResponseMs)));
  const body = el('tbody', {}, ...ranking.slice(0, playersShown).map(row));
  const shown = el('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'report-players-shown' });
  const more = el('button', { type: 'button', 'data-testid': 'report-more-players' });
  const update = () => {
    const count = Math.min(playersShown, ranking.length);
    shown.textContent = count < ranking.length
      ? t('report.playersShown', { shown: formatNumber(count), count: formatNumber(ranking.length) }) : '';
    more.textContent = t('report.morePlayers', { count: formatNumber(Math.min(PLAYERS_AT_ONCE, ranking.length - count)) });
    if (count >= ranking.length) {
      // Every player shown: the button goes, and the focus it had to the table.
      if (document.activeElement === more) table.focus();
      more.remove();
    }
  };
  // The new rows are added below the ones shown: the button keeps the focus, and nothing else is drawn again.
  more.addEventListener('click', () => {
    body.append(...ranking.slice(playersShown, playersShown + PLAYERS_AT_ONCE).map(row));
    playersShown += PLAYERS_AT_ONCE;
    update();
  });
  const table = el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'players-heading' },
    el('table', { 'data-testid': 'report-players' },
      el('thead', {}, el('tr', {}, ...['report.rank', 'report.nickname', 'report.score', 'report.correct', 'report.avgTime']
        .map((key) => el('th', { scope: 'col', i18n: key })))),
      body));
  const section = el('section', { 'aria-labelledby': 'players-heading' },
    el('h2', { id: 'players-heading', i18n: 'report.players' }), table, shown, more);
  update();
  return section;
}

function questions(lines) {
  return el('section', { class: 'stack', 'aria-labelledby': 'questions-heading' },
    el('h2', { id: 'questions-heading', i18n: 'report.questions' }),
    ...lines.map((q) => {
      const max = Math.max(1, ...(q.distribution || []).map((o) => o.count), ...(q.textAnswers || []).map((a) => a.count));
      const right = q.percentCorrect === null || q.percentCorrect === undefined ? null
        : t('report.percentRight', { percent: formatNumber(q.percentCorrect) });
      return el('article', { class: 'card stack', 'data-testid': 'report-question' },
        el('h3', {}, t('report.questionNumber', { number: q.index + 1 }), ' · ', el('span', { class: 'wrap' }, q.text)),
        el('p', { class: 'muted' }, q.played ? [t('report.answered', { count: formatNumber(q.answered) }), right ? ` · ${right}` : '']
          : t('report.notPlayed')),
        q.played ? distribution(q, max) : null);
    }));
}

function distribution(q, max) {
  const rows = (q.distribution || []).map((o, i) => bar(i, o.text, o.count, max, o.correct, true));
  for (const a of q.textAnswers || []) rows.push(bar(null, a.text, a.count, max, false, false));
  if (!rows.length) return null;
  return el('ul', { class: 'chart report-chart', 'aria-label': t('report.distribution') }, ...rows);
}

function bar(index, text, count, max, correct, isOption) {
  const fill = el('span', { class: `bar ${index === null ? 'bar-text' : `opt-${index % 6}`}` });
  fill.style.width = `${Math.round((count / max) * 100)}%`;
  return el('li', { class: 'report-bar' },
    isOption ? shape(index) : el('span', { 'aria-hidden': 'true' }),
    el('span', { class: 'wrap' }, isOption ? el('span', { class: 'visually-hidden' }, `${shapeName(index)}: `) : null, text,
      correct ? el('strong', { class: 'correct-mark' }, ` ✓ ${t('report.correctAnswer')}`) : null),
    el('span', { class: 'bar-track' }, fill),
    el('span', { class: 'count' }, formatNumber(count)));
}

onLanguageChange(() => render());
if (gameId) load();
else content.append(el('p', { class: 'form-error', role: 'alert', i18n: 'report.notFound' }));
