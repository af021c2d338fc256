// The big screen and the host's controls for one game (/host/game.html?id=<gameId>): the lobby with PIN, join
// address and QR code; each question with its countdown and the live number of answers; at each close the correct
// answer, the distribution and the top 10; at the end the podium, the report and its CSV. The host removes a player
// from the lobby's list or from the top 10.
import { initI18n, t, onLanguageChange, formatNumber } from './i18n.js';
import { el, header, param, announce } from './ui.js';
import { endedSession, onSessionRenewed, requireHost, token } from './session.js';
import { api } from './api.js';
import { refusedCommand } from './refusals.js';
import { GameConnection } from './live.js';
import { Countdown, questionHeading, optionFace, distributionChart, podium, leaderList, removeButton } from './game-parts.js';

const MAX_NAMES_SHOWN = 300;
await initI18n();
const session = requireHost();
const gameId = param('id');
const app = document.getElementById('app');
const connection = el('span', { class: 'connection', role: 'status', 'data-testid': 'connection' });
document.body.prepend(header(connection,
  el('nav', {}, el('a', { href: '/host/quizzes.html', i18n: 'screen.library' }), el('a', { href: '/host/games.html', i18n: 'screen.pastGames' }))));
app.removeAttribute('aria-busy');

const view = { state: null, count: null, results: null, leaderboard: null, podium: null, podiumUnavailable: false };
let live = null;
const countdown = new Countdown(el('span'), () => live?.serverNow() ?? Date.now());
let renderQueued = false;

if (session && gameId) {
  live = new GameConnection(gameId, () => ({ type: 'hello', role: 'host', token: token() }), {
    onMessage: receive,
    onStatus: (status, event) => {
      connection.className = `connection ${status}`;
      connection.textContent = status === 'retrying' ? t('screen.reconnecting') : '';
      if (status === 'closed' && event?.code === 1008) {
        if (event.reason === 'session ended') endedSession();
        else app.replaceChildren(el('p', { class: 'big-message', i18n: 'screen.noSuchGame' }));
      }
    },
  });
  live.connect();
  // The server lets go of a socket whose token was renewed (1013, and this page would come back by itself); saying
  // hello again at once keeps a command from being sent on the old one meanwhile.
  onSessionRenewed(() => live.renew());
} else if (session) {
  app.replaceChildren(el('p', { class: 'big-message', i18n: 'screen.noSuchGame' }));
}

function receive(message) {
  switch (message.type) {
    case 'welcome':
    case 'state':
      if (view.state && view.state.questionIndex !== message.questionIndex) {
        view.results = null;
        view.count = null;
      }
      if (message.type === 'welcome') {
        view.leaderboard = message.leaderboard || view.leaderboard;
        if (message.podium) view.podium = { podium: message.podium };
        if (message.answered !== undefined) view.count = { answered: message.answered, playerCount: message.playerCount };
      }
      view.state = message;
      queueRender();
      break;
    case 'answer-count':
      view.count = message;
      updateCount();
      break;
    case 'results':
      view.results = message;
      queueRender();
      break;
    case 'leaderboard':
      view.leaderboard = message;
      queueRender();
      break;
    case 'podium':
      view.podium = message;
      queueRender();
      break;
    case 'podium-unavailable':
      view.podiumUnavailable = true;
      queueRender();
      break;
    case 'error':
      if (message.code === 'invalid-token') {
        // The session behind this screen has ended (a logout, a password change, a lock): sign in again.
        live.close();
        endedSession();
      } else if (message.code === 'not-your-game') {
        app.replaceChildren(el('p', { class: 'big-message', i18n: 'screen.notYourGame' }));
        live.close();
      } else if (message.code === 'slow-down') {
        announce(t('screen.slowDown'), 'error');
      } else {
        // A refused command (`refused`): said by the game's rule it broke.
        announce(refusedCommand(message), 'error');
      }
      break;
    default:
      break;
  }
}

/** Lobby changes can come twice a second with thousands of names: the page redraws at most once a frame. */
function queueRender() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}

function command(type, extra = {}) {
  if (!live.send({ type, ...extra })) announce(t('screen.notConnected'), 'error');
}

function kick(playerId) {
  command('kick', { playerId });
}

/**
 * The top ten as the host may act on it: a player removed since it was scored (a rude nickname on the big screen)
 * leaves it at once and those below move up (ranks are positions, ties being broken); the next question's board,
 * scored without them, fills the tenth place again.
 */
function topTen(board, state) {
  const present = new Set((state.players || []).map((p) => p.playerId));
  const leaders = board.leaders.filter((leader) => present.has(leader.playerId))
    .map((leader, i) => ({ ...leader, rank: i + 1 }));
  return leaderList(leaders, kick);
}

function controls(...buttons) {
  return el('div', { class: 'row controls' }, ...buttons,
    el('button', { class: 'danger', 'data-testid': 'end-game', onclick: () => {
      if (confirm(t('screen.confirmEnd'))) command('end');
    }, i18n: 'screen.end' }));
}

/** The lobby on the screen now, updated in place while players join: see render. */
let lobby = null;

function render() {
  const state = view.state;
  if (!state) return;
  if (state.phase === 'lobby' && lobby) {
    // Redrawn twice a second while a class joins: a rebuilt Start button lost a click pressed across the redraw, and
    // a keyboard host's focus fell back to the page.
    lobby.update(state);
    return;
  }
  countdown.stop();
  const focused = focusedControl();
  const screens = { lobby: lobbyScreen, preview: previewScreen, open: openScreen, closed: closedScreen, ended: endedScreen };
  lobby = null;
  app.replaceChildren((screens[state.phase] || lobbyScreen)(state));
  // The same control on the new screen keeps the focus (Next, after the results and the board arrive).
  if (focused) app.querySelector(focused)?.focus();
}

/** A selector for the focused control: its test id, and its player's for a ✕ (never another player's ✕). */
function focusedControl() {
  const active = document.activeElement;
  const id = active?.dataset?.testid;
  if (!id || !app.contains(active)) return null;
  const player = active.dataset.playerId;
  return `[data-testid="${CSS.escape(id)}"]${player ? `[data-player-id="${CSS.escape(player)}"]` : ''}`;
}

function lobbyScreen(state) {
  const joinAddress = `${location.origin}/play/`;
  const count = el('h2', { 'data-testid': 'player-count' });
  const waiting = el('p', { class: 'muted', i18n: 'screen.waitingForPlayers' });
  const list = el('ul', { class: 'player-list', 'aria-label': t('screen.playerList') });
  const more = el('p', { class: 'muted' });
  const start = el('button', { class: 'primary', 'data-testid': 'start-game', onclick: () => command('start'), i18n: 'screen.start' });
  const update = (now) => {
    const players = now.players || [];
    count.textContent = t('screen.players', { n: formatNumber(players.length) });
    waiting.hidden = players.length > 0;
    // A player's ✕ that had the focus keeps it (the list is drawn anew).
    const focused = list.contains(document.activeElement) ? focusedControl() : null;
    list.replaceChildren(...players.slice(0, MAX_NAMES_SHOWN).map((p) => el('li', { 'data-testid': 'lobby-player' },
      el('span', { text: p.nickname }), removeButton(p, kick))));
    if (focused) list.querySelector(focused)?.focus();
    more.hidden = players.length <= MAX_NAMES_SHOWN;
    more.textContent = more.hidden ? '' : t('screen.andMore', { n: formatNumber(players.length - MAX_NAMES_SHOWN) });
    start.disabled = players.length === 0;
  };
  update(state);
  lobby = { update };
  return el('section', { class: 'lobby', 'data-testid': 'lobby' },
    el('div', { class: 'card join-box' },
      el('p', { text: t('screen.joinAt') }),
      el('p', { class: 'join-address', 'data-testid': 'join-address', text: joinAddress }),
      el('p', { i18n: 'screen.withPin' }),
      el('p', { class: 'pin-display', 'data-testid': 'game-pin', text: state.pin }),
      el('img', { class: 'qr', 'data-testid': 'join-qr', alt: t('screen.qrAlt'),
        src: `/qr.svg?text=${encodeURIComponent(`${joinAddress}?pin=${state.pin}`)}` })),
    el('div', { class: 'card stack' }, count, waiting, list, more, controls(start)));
}

function previewScreen(state) {
  const clock = el('span', { class: 'countdown', 'data-testid': 'countdown' });
  countdown.node = clock;
  countdown.start(state.opensAt);
  return el('section', { class: 'stack', 'data-testid': 'preview' },
    questionHeading(state.question, state.questionIndex, state.questionCount),
    el('p', { class: 'big-message' }, el('span', { i18n: 'screen.getReady' }), ' ', clock),
    controls());
}

function countText() {
  const answered = view.count?.answered ?? 0;
  const of = view.count?.playerCount ?? view.state?.playerCount ?? 0;
  return t('screen.answered', { answered: formatNumber(answered), players: formatNumber(of) });
}

function updateCount() {
  const node = app.querySelector('[data-testid=answer-count]');
  if (node) node.textContent = countText();
}

function openScreen(state) {
  const clock = el('span', { class: 'countdown', 'data-testid': 'countdown' });
  countdown.node = clock;
  countdown.start(state.closesAt);
  const options = state.question.type === 'type-answer'
    ? el('p', { class: 'big-message', i18n: 'screen.typeOnPhones' })
    : el('div', { class: 'options' }, ...(state.question.options || []).map((option, i) =>
      el('div', { class: `option opt-${i % 6}`, 'data-testid': 'screen-option' }, ...optionFace(option, i))));
  return el('section', { class: 'stack', 'data-testid': 'question' },
    el('div', { class: 'status-line' },
      el('span', { class: 'answer-count', 'data-testid': 'answer-count', 'aria-live': 'polite', text: countText() }),
      clock),
    questionHeading(state.question, state.questionIndex, state.questionCount),
    options,
    controls(el('button', { 'data-testid': 'skip', onclick: () => command('skip'), i18n: 'screen.skip' })));
}

function closedScreen(state) {
  const last = state.questionIndex + 1 >= state.questionCount;
  const results = view.results && view.results.questionIndex === state.questionIndex ? view.results : null;
  const board = view.leaderboard && view.leaderboard.questionIndex === state.questionIndex ? view.leaderboard : null;
  return el('section', { class: 'stack', 'data-testid': 'closed' },
    questionHeading(state.question, state.questionIndex, state.questionCount),
    results
      ? el('div', { class: 'card' },
        el('p', { 'data-testid': 'results-summary', text: t('screen.resultsSummary', { answered: formatNumber(results.answered), correct: formatNumber(results.correctCount) }) }),
        distributionChart(state.question, results))
      : el('p', { class: 'muted', i18n: 'screen.countingAnswers' }),
    el('div', { class: 'card' }, el('h2', { i18n: 'screen.topTen' }),
      board ? topTen(board, state) : el('p', { class: 'muted', i18n: 'screen.scoring' })),
    controls(el('button', { class: 'primary', 'data-testid': 'next', onclick: () => command('next'),
      i18n: last ? 'screen.finish' : 'screen.next' })));
}

function endedScreen() {
  const section = el('section', { class: 'stack', 'data-testid': 'ended' }, el('h1', { i18n: 'screen.gameOver' }));
  if (view.podium) {
    section.append(podium(view.podium.podium),
      el('div', { class: 'row' },
        el('a', { class: 'button primary', href: `/host/report.html?id=${encodeURIComponent(gameId)}`, 'data-testid': 'report-link', i18n: 'screen.report' }),
        el('button', { 'data-testid': 'download-csv', onclick: downloadCsv, i18n: 'screen.downloadCsv' })));
  } else if (view.podiumUnavailable) {
    section.append(el('p', { class: 'form-error', 'data-testid': 'podium-unavailable', i18n: 'screen.podiumUnavailable' }));
  } else {
    section.append(el('p', { class: 'muted', i18n: 'screen.waitingForPodium' }));
  }
  return section;
}

async function downloadCsv() {
  try {
    const { data } = await api('GET', `/scoring/api/games/${encodeURIComponent(gameId)}/report.csv`, { token: token(), blob: true,
      headers: { Accept: 'text/csv, application/problem+json' } });
    const link = el('a', { href: URL.createObjectURL(data), download: `game-${gameId}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (error) {
    announce(error.status === 409 ? t('screen.reportNotReady') : t('common.unexpected'), 'error');
  }
}

onLanguageChange(() => {
  lobby = null; // its fixed texts too
  render();
});
