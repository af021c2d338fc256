// The host's past and running games (/host/games.html), newest first: a running one opens its big screen, an
// ended one its report.
import { initI18n, t, formatDate, formatNumber, onLanguageChange } from '../i18n.js';
import { el, clear } from '../ui.js';
import { api, ApiError } from '../api.js';
import { requireHost, token } from '../session.js';
import { hostHeader, describe, pager } from './common.js';

// Without a session the visitor is on the way to the sign-in page: nothing more to do here.
if (!requireHost()) await new Promise(() => {});
await initI18n();
const PAGE_SIZE = 20;
const app = document.getElementById('app');
document.body.prepend(hostHeader('games'));

let items = [];
const status = el('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'games-status' });
const body = el('tbody', {});
const table = el('table', { 'data-testid': 'games-table', 'aria-labelledby': 'games-heading' },
  el('thead', {}, el('tr', {},
    ...['host.gameDate', 'host.gameQuiz', 'host.gamePlayers', 'host.gamePhase', 'host.gameOpen']
      .map((key) => el('th', { scope: 'col', i18n: key })))),
  body);
const pages = pager((page) => load(page));
app.append(
  el('h1', { id: 'games-heading', i18n: 'host.gamesHeading' }),
  status,
  // A wide table scrolls sideways on a phone; the region can take focus so a keyboard can scroll it too.
  el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'games-heading' }, table),
  pages.node);
app.removeAttribute('aria-busy');

async function load(page) {
  const ticket = pages.ask();
  status.textContent = t('common.loading');
  try {
    const query = new URLSearchParams({ scope: 'mine', page: String(page), size: String(PAGE_SIZE) });
    const { data } = await api('GET', `/quiz/api/games?${query}`, { token: token() });
    if (!pages.latest(ticket)) return;
    const found = data.items || [];
    if (!pages.update(page, found.length, PAGE_SIZE)) {
      load(page - 1);
      return;
    }
    items = [...found].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    render();
  } catch (error) {
    if (!pages.latest(ticket)) return;
    // The page shown before stays (a refused first load shows no empty table).
    table.hidden = !items.length;
    status.textContent = error instanceof ApiError && (error.status === 404 || error.status === 405)
      ? t('host.gamesUnavailable') : describe(error);
  }
}

function render() {
  clear(body);
  status.textContent = items.length ? '' : t('host.noGames');
  table.hidden = !items.length;
  for (const game of items) {
    const ended = game.phase === 'ended';
    const id = encodeURIComponent(game.id);
    const link = ended
      ? el('a', { href: `/host/report.html?id=${id}`, 'data-testid': 'open-report', i18n: 'host.openReport' })
      : el('a', { href: `/host/game.html?id=${id}`, 'data-testid': 'open-game', i18n: 'host.openGame' });
    body.append(el('tr', { 'data-testid': 'past-game-row', 'data-game-id': game.id, 'data-phase': game.phase },
      el('td', {}, formatDate(game.createdAt)),
      el('td', { class: 'wrap' }, game.quizTitle || t('host.untitled')),
      el('td', {}, formatNumber(game.playerCount ?? 0)),
      el('td', {}, el('span', { class: `badge phase-${game.phase}` }, t(`host.phase.${game.phase}`))),
      el('td', {}, link)));
  }
}

onLanguageChange(() => { render(); pages.render(); });
load(0);
