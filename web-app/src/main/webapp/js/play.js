// The player's page (/play/): join with PIN and nickname, then follow the game over the socket. A reload or a lost
// network reconnects by itself and the server's `welcome` puts the player back where the game is; an answer is
// never lost without a word (play-answer.js).
//
// Here: a message arrives (receive()) → what the phone knows changes (view) → the screen is drawn again (render()).
// The answer's sending and resend rules are play-answer.js's, the screens play-screens.js's, and what a screen reader
// is told and where the focus goes play-screen-reader.js's; joining is play-join.js's.
import { initI18n, t, onLanguageChange } from './i18n.js';
import { el, header, param, announce } from './ui.js';
import { GameConnection } from './live.js';
import { Countdown } from './game-parts.js';
import { savedPlayer, forgetPlayer, joinForm } from './play-join.js';
import { AnswerSender } from './play-answer.js';
import { scoreLine, phaseScreen } from './play-screens.js';
import { show, keepFocus, say, forgetSaid, narrate } from './play-screen-reader.js';

await initI18n();
const app = document.getElementById('app');
const connection = el('span', { class: 'connection', role: 'status', 'data-testid': 'connection' });
document.body.prepend(header(connection));
app.removeAttribute('aria-busy');

// A PIN in the address other than the saved player's game (a new game in the same tab) forgets the saved player.
let player = savedPlayer(param('pin'));
let live = null;
// What the phone knows: the latest state, the player's answer to the current question ({questionIndex, given,
// status, tries}), results, score, and the answer being chosen (draft: kept across a reconnect).
const view = { state: null, you: null, answer: null, results: null, score: null, podium: null, ended: null, draft: null };
const answers = new AnswerSender(view, () => live, render);
const countdown = new Countdown(el('span'), () => live?.serverNow() ?? Date.now());
const screenParts = { countdown, onAnswer: (state, given) => answers.send(state, given) };

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
  // (A join socket lost between `joined` and its welcome leaves no socket: the game's socket, with a hello.)
  if (joined?.socket) live.adopt(joined.socket, joined.handOver());
  else live.connect();
}

function leave(messageKey) {
  live?.close();
  live = null;
  answers.stop();
  forgetPlayer();
  player = null;
  Object.keys(view).forEach((key) => { view[key] = null; });
  forgetSaid();
  say('left', 'left', t(messageKey));
  start(messageKey);
}

function receive(message) {
  switch (message.type) {
    case 'welcome': {
      view.you = message.you || view.you;
      // A welcome's score is a summary (no points of the question): it completes the line of its own question only,
      // never carries the points of an earlier one.
      view.score = message.score ? (message.score.questionIndex === view.score?.questionIndex
        ? { ...view.score, ...message.score } : { ...message.score }) : view.score;
      view.podium = message.podium ? { podium: message.podium, you: message.you } : view.podium;
      // Back after a reload or a drop: the answer the server has, or the one still on its way (sent once the
      // welcome's state is applied).
      const sending = answers.welcomed(message);
      view.results = message.phase === 'closed' && message.yourAnswer !== undefined
        ? { yourAnswer: message.yourAnswer, correct: message.correct, distribution: [] } : null;
      setState(message);
      answers.resume(sending);
      break;
    }
    case 'state':
      setState(message);
      break;
    case 'answer-received':
      if (answers.received(message)) render();
      break;
    case 'answer-accepted':
      if (answers.accepted(message)) render();
      break;
    case 'answer-refused':
      if (answers.refused(message)) render();
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
    if (answers.notSaved(message)) render();
  } else if (message.code === 'hello-first') {
    answers.helloFirst();
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
  answers.closedBefore(state);
  view.ended = state.phase === 'ended';
  view.state = state;
  render();
}

function render() {
  const state = view.state;
  if (!state) return;
  countdown.stop();
  keepFocus(app, state, () => show(app, scoreLine(view, player?.nickname), phaseScreen(state, view, screenParts)));
  narrate(state, view);
}

onLanguageChange(render);
start();
