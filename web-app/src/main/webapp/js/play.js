// The player's page (/play/): join with PIN and nickname, then follow the game over the socket. A reload or a lost
// network reconnects by itself and the server's `welcome` puts the player back where the game is.
import { initI18n, t, onLanguageChange, formatNumber } from './i18n.js';
import { el, header, param, announce } from './ui.js';
import { GameConnection } from './live.js';
import { Countdown, questionHeading, optionFace, distributionChart, podium } from './game-parts.js';
import { savedPlayer, forgetPlayer, joinForm } from './play-join.js';
import { untranslated } from './refusals.js';

await initI18n();
const app = document.getElementById('app');
const connection = el('span', { class: 'connection', role: 'status', 'data-testid': 'connection' });
document.body.prepend(header(connection));
app.removeAttribute('aria-busy');

let player = savedPlayer();
let live = null;
// What the phone knows: the latest state, the player's answer to the current question, results and score.
const view = { state: null, you: null, answer: null, answerStatus: null, results: null, score: null, podium: null, ended: null };
const countdown = new Countdown(el('span'), () => live?.serverNow() ?? Date.now());

async function start(message) {
  let joined = null;
  if (!player) {
    joined = await joinForm(app, param('pin'), message);
    player = joined.player;
  }
  app.replaceChildren(el('p', { class: 'big-message', i18n: 'common.loading' }));
  live = new GameConnection(player.gameId, () => ({ type: 'hello', role: 'player', token: player.playerToken }), {
    onMessage: receive,
    onStatus: (status, event) => {
      connection.className = `connection ${status}`;
      connection.textContent = status === 'retrying' ? t('play.reconnecting') : '';
      if (status === 'closed' && event?.code === 1008 && !view.ended) leave(view.kicked ? 'play.kicked' : 'play.gameGone');
    },
  });
  // Just joined: the join socket is already welcomed and carries the game; a reload says hello on the game's socket.
  if (joined) live.adopt(joined.socket, joined.handOver());
  else live.connect();
}

function leave(messageKey) {
  live?.close();
  live = null;
  forgetPlayer();
  player = null;
  Object.keys(view).forEach((key) => { view[key] = null; });
  start(messageKey);
}

function receive(message) {
  switch (message.type) {
    case 'welcome':
      view.you = message.you || view.you;
      view.score = message.score ? { ...view.score, ...message.score } : view.score;
      view.podium = message.podium ? { podium: message.podium, you: message.you } : view.podium;
      // Back after a reload or a drop: an answer already given shows as received (the results will say if it counted).
      view.answer = message.answered ? { given: message.yourAnswer, status: 'kept' } : null;
      view.results = message.phase === 'closed' && message.yourAnswer !== undefined
        ? { yourAnswer: message.yourAnswer, correct: message.correct, distribution: [] } : null;
      setState(message);
      break;
    case 'state':
      setState(message);
      break;
    case 'answer-received':
      if (view.answer) view.answer.status = 'received';
      render();
      break;
    case 'answer-accepted':
      // Also when this page sent no answer: one given on another connection of this player (a second tab, or
      // before a reconnect to another server whose welcome could not know of it yet) counts, and is locked in.
      if (view.answer) {
        view.answer.status = 'accepted';
      } else if (message.questionIndex === view.state?.questionIndex) {
        view.answer = { status: 'accepted' };
      }
      render();
      break;
    case 'answer-refused':
      view.answer = { status: 'refused', message: message.message, reason: message.reason };
      render();
      break;
    case 'results':
      if (message.questionIndex === view.state?.questionIndex) {
        view.results = message;
        render();
      }
      break;
    case 'score':
      view.score = message;
      render();
      break;
    case 'podium':
      view.podium = message;
      render();
      break;
    case 'kicked':
      view.kicked = true;
      break;
    case 'error':
      onError(message);
      break;
    default:
      break;
  }
}

function onError(message) {
  if (message.code === 'invalid-token' || message.code === 'wrong-game') {
    leave('play.gameGone');
  } else if (message.code === 'answer-not-saved') {
    view.answer = { status: 'not-saved' };
    render();
  } else if (message.code === 'slow-down') {
    announce(t('play.slowDown'), 'error');
  }
}

function setState(state) {
  const previous = view.state;
  const newQuestion = !previous || previous.questionIndex !== state.questionIndex;
  if (newQuestion && previous) {
    view.answer = null;
    view.results = null;
  }
  view.ended = state.phase === 'ended';
  view.state = state;
  render();
}

function render() {
  const state = view.state;
  if (!state) return;
  countdown.stop();
  const screens = { lobby: lobbyScreen, preview: previewScreen, open: openScreen, closed: closedScreen, ended: endedScreen };
  app.replaceChildren(scoreLine(), (screens[state.phase] || lobbyScreen)(state));
}

function scoreLine() {
  const nickname = view.you?.nickname || player?.nickname || '';
  const total = view.score?.total ?? 0;
  return el('div', { class: 'status-line', 'data-testid': 'player-line' },
    el('strong', { 'data-testid': 'my-nickname', text: nickname }),
    el('span', { 'data-testid': 'my-total', text: t('play.total', { total: formatNumber(total) }) }));
}

function lobbyScreen() {
  return el('section', { class: 'big-message', 'data-testid': 'lobby' },
    el('h1', { i18n: 'play.inLobby' }),
    el('p', { i18n: 'play.lookAtScreen' }));
}

function previewScreen(state) {
  const clock = el('span', { class: 'countdown', 'data-testid': 'countdown' });
  countdown.node = clock;
  countdown.start(state.opensAt);
  return el('section', { 'data-testid': 'preview' },
    questionHeading(state.question, state.questionIndex, state.questionCount),
    el('p', { class: 'big-message' }, el('span', { i18n: 'play.getReady' }), ' ', clock));
}

function openScreen(state) {
  const clock = el('span', { class: 'countdown', 'data-testid': 'countdown' });
  countdown.node = clock;
  countdown.start(state.closesAt);
  const question = state.question;
  const section = el('section', { 'data-testid': 'question' },
    el('div', { class: 'status-line' }, el('span', { class: 'muted', i18n: 'play.timeLeft' }), clock),
    questionHeading(question, state.questionIndex, state.questionCount));
  if (view.answer && view.answer.status !== 'refused' && view.answer.status !== 'not-saved') {
    section.append(answerStatus());
    return section;
  }
  if (view.answer) section.append(answerStatus());
  section.append(question.type === 'type-answer' ? typedAnswer(state) : optionButtons(state));
  return section;
}

/** Why an answer was refused, by the reason answer-refused names (docs/PROTOCOL.md). */
const REFUSED = {
  'already-answered': 'play.refused.alreadyAnswered', 'question-closed': 'play.refused.tooLate', 'too-late': 'play.refused.tooLate',
  'question-not-open': 'play.refused.notOpen', kicked: 'play.kicked', 'not-a-player': 'play.refused.notAPlayer',
  'invalid-answer': 'play.refused.invalid', 'unknown-game': 'play.gameGone',
};

function answerStatus() {
  const status = view.answer.status;
  const key = { sending: 'play.answerSending', received: 'play.answerReceived', kept: 'play.answerKept', accepted: 'play.answerLockedIn', 'not-saved': 'play.answerNotSaved' }[status];
  const refused = REFUSED[view.answer.reason];
  return el('p', { class: `feedback ${status === 'refused' || status === 'not-saved' ? 'wrong' : ''}`, role: 'status',
    'data-testid': 'answer-status', text: key ? t(key) : (refused ? t(refused) : untranslated(view.answer.message, 'play.answerRefused')) });
}

function sendAnswer(state, answer) {
  const message = { type: 'answer', questionIndex: state.questionIndex, ...answer };
  if (!live?.send(message)) {
    announce(t('play.notConnected'), 'error');
    return;
  }
  view.answer = { given: answer, status: 'sending' };
  app.querySelectorAll('button.option, [data-testid=submit-answer]').forEach((b) => { b.disabled = true; });
}

function optionButtons(state) {
  const question = state.question;
  const several = question.type === 'multiple-choice';
  const chosen = new Set();
  const submit = several ? el('button', { class: 'primary', 'data-testid': 'submit-answer', disabled: true, i18n: 'play.submit' }) : null;
  const buttons = question.options.map((option, i) => {
    const button = el('button', { type: 'button', class: `option opt-${i % 6}`, 'data-testid': `option-${i}`,
      'aria-pressed': several ? 'false' : null }, ...optionFace(option, i));
    button.addEventListener('click', () => {
      if (!several) {
        sendAnswer(state, { optionIds: [option.id] });
        return;
      }
      if (chosen.has(option.id)) chosen.delete(option.id); else chosen.add(option.id);
      button.setAttribute('aria-pressed', String(chosen.has(option.id)));
      submit.disabled = chosen.size === 0;
    });
    return button;
  });
  submit?.addEventListener('click', () => sendAnswer(state, { optionIds: [...chosen] }));
  return el('div', {}, el('div', { class: 'options', role: 'group', 'aria-label': t('play.chooseAnswer') }, ...buttons), submit);
}

function typedAnswer(state) {
  const input = el('input', { id: 'typed', maxlength: 100, autocomplete: 'off', 'data-testid': 'typed-answer' });
  const form = el('form', { class: 'stack card' },
    el('label', { class: 'field', for: 'typed', i18n: 'play.typeYourAnswer' }), input,
    el('button', { type: 'submit', class: 'primary', 'data-testid': 'submit-answer', i18n: 'play.submit' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) sendAnswer(state, { text });
  });
  queueMicrotask(() => input.focus());
  return form;
}

function closedScreen(state) {
  const section = el('section', { 'data-testid': 'closed' },
    questionHeading(state.question, state.questionIndex, state.questionCount));
  const mine = view.results?.yourAnswer;
  const isPoll = state.question.type === 'poll';
  if (view.results) {
    let key = 'play.noAnswer';
    if (mine && isPoll) key = 'play.thanksForVoting';
    else if (mine) key = mine.correct ? 'play.correct' : 'play.wrong';
    section.append(el('p', { class: `feedback ${mine?.correct ? 'right' : (mine && !isPoll ? 'wrong' : '')}`,
      role: 'status', 'data-testid': 'verdict', text: t(key) }));
  } else {
    section.append(el('p', { class: 'big-message muted', i18n: 'play.waitingForResults' }));
  }
  if (view.score && view.score.questionIndex === state.questionIndex) section.append(scoreCard(view.score));
  if (view.results?.distribution?.length) section.append(distributionChart(state.question, view.results));
  return section;
}

function scoreCard(score) {
  return el('div', { class: 'card stack', 'data-testid': 'score-card' },
    el('p', { 'data-testid': 'score-points', text: t('play.pointsThisQuestion', { points: formatNumber(score.points ?? 0) }) }),
    score.streak > 1 ? el('p', { 'data-testid': 'score-streak', text: t('play.streak', { n: score.streak, bonus: formatNumber(score.bonus ?? 0) }) }) : null,
    el('p', { 'data-testid': 'score-rank', text: t('play.rank', { rank: score.rank, players: score.players }) }),
    score.ahead
      ? el('p', { 'data-testid': 'score-ahead', text: t('play.ahead', { nickname: score.ahead.nickname, total: formatNumber(score.ahead.total) }) })
      : el('p', { 'data-testid': 'score-ahead', i18n: 'play.leading' }));
}

function endedScreen() {
  const section = el('section', { class: 'stack', 'data-testid': 'ended' }, el('h1', { i18n: 'play.gameOver' }));
  if (!view.podium) {
    section.append(el('p', { class: 'muted', i18n: 'play.waitingForPodium' }));
    return section;
  }
  const you = view.podium.you;
  if (you?.rank) {
    section.append(el('p', { class: 'feedback right', 'data-testid': 'final-place',
      text: t('play.finalPlace', { rank: you.rank, total: formatNumber(you.total) }) }));
  }
  section.append(podium(view.podium.podium));
  section.append(el('a', { class: 'button', href: '/', 'data-testid': 'play-again', i18n: 'play.again' }));
  return section;
}

onLanguageChange(render);
start();
