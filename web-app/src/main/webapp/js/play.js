// The player's page (/play/): join with PIN and nickname, then follow the game over the socket. A reload or a lost
// network reconnects by itself and the server's `welcome` puts the player back where the game is. An answer is
// never lost without a word: one tapped while reconnecting waits for the welcome, and one whose link carries nothing
// back (not even the pong of the ping sent with it) is sent again on a new connection, whose welcome says whether it
// arrived. One whose pong came back was read by the server, whose reply (docs/PROTOCOL.md: received, refused or not
// saved) may be slow: the page says "sending" and waits on the same socket. A reply is applied only to the answer
// it is for (same question, same answerId once known): a late one for an earlier question changes nothing.
//
// For a screen reader: the page's one polite live region (#announcer, in play/index.html, outside #app) is told each
// thing once, when it happens (say()): the question (number and text) previewed and opened, the answer's status,
// the verdict and the points, being removed, the end and the player's place; a redraw says nothing again. The focus
// goes to the question's heading when a new question comes; a redraw keeps it where it was (show(), keepFocus()).
import { initI18n, t, onLanguageChange, formatNumber, language } from './i18n.js';
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

/**
 * How long the pong of the ping sent with an answer may take before the link is taken for dead and the connection
 * made again (after a jittered wait, live.hurry()), at most ANSWER_RECONNECTS times for one answer. Once the pong
 * came, the server has read the answer and always replies on that socket (received, refused or not saved, after up to
 * some 15 s when Kafka and the database are both away): the page waits, as reconnecting thousands of phones at once
 * would not make a busy server faster. A link that dies later is found by live.js's own watchdog.
 */
const ANSWER_REPLY_MS = 3000;
const ANSWER_RECONNECTS = 2;
/** Statuses of an answer the server has acknowledged: it is always decided (docs/PROTOCOL.md). */
const ACKNOWLEDGED = ['received', 'accepted', 'kept'];

// A PIN in the address other than the saved player's game (a new game in the same tab) forgets the saved player.
let player = savedPlayer(param('pin'));
let live = null;
// What the phone knows: the latest state, the player's answer to the current question ({questionIndex, given,
// status, tries}), results, score, and the answer being chosen (draft: kept across a reconnect).
const view = { state: null, you: null, answer: null, results: null, score: null, podium: null, ended: null, draft: null };
let answerTimer = null;
/** Numbers the answers this page sends, so each one's status is said (a refused answer tapped again says "sending"). */
let answers = 0;
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
  // (A join socket lost between `joined` and its welcome leaves no socket: the game's socket, with a hello.)
  if (joined?.socket) live.adopt(joined.socket, joined.handOver());
  else live.connect();
}

function leave(messageKey) {
  live?.close();
  live = null;
  clearTimeout(answerTimer);
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
      // Back after a reload or a drop: an answer already given shows as received (the results will say if it counted).
      // One still on its way (tapped while reconnecting, or unanswered on the last connection) goes now, if the
      // server has none and the same question is still open.
      // One acknowledged (received) on the last connection stays so on the same open question even when this welcome
      // says answered false: it comes from an instance that has not read the decision yet, and the answer is decided
      // anyway; the options are not offered again (a second tap would only be refused).
      const sending = view.answer?.status === 'sending' ? view.answer : null;
      const acknowledged = ACKNOWLEDGED.includes(view.answer?.status) ? view.answer : null;
      const sameOpen = (answer) => answer && !message.answered && message.phase === 'open'
        && message.questionIndex === answer.questionIndex;
      view.answer = message.answered ? { questionIndex: message.questionIndex, given: message.yourAnswer, status: 'kept' } : null;
      if (sameOpen(sending)) view.answer = sending;
      if (sameOpen(acknowledged)) view.answer = acknowledged;
      view.results = message.phase === 'closed' && message.yourAnswer !== undefined
        ? { yourAnswer: message.yourAnswer, correct: message.correct, distribution: [] } : null;
      setState(message);
      if (view.answer === sending) sendPending();
      else clearTimeout(answerTimer);
      break;
    }
    case 'state':
      setState(message);
      break;
    case 'answer-received':
      // Only for the answer being sent: a late receipt of an earlier question's answer is not this one's.
      if (view.answer?.status !== 'sending' || !isFor(view.answer, message)) break;
      clearTimeout(answerTimer);
      live?.calm();
      view.answer.status = 'received';
      view.answer.answerId = message.answerId;
      render();
      break;
    case 'answer-accepted':
      // Also when this page sent no answer: one given on another connection of this player (a second tab, or
      // before a reconnect to another server whose welcome could not know of it yet) counts, and is locked in.
      if (view.answer && isFor(view.answer, message)) {
        clearTimeout(answerTimer);
        view.answer.status = 'accepted';
      } else if (!view.answer && message.questionIndex === view.state?.questionIndex) {
        view.answer = { questionIndex: message.questionIndex, status: 'accepted' };
      } else {
        break;
      }
      render();
      break;
    case 'answer-refused':
      // An invalid-answer whose question could not be read (-1) is the answer being sent; other refusals, the answer
      // of their question (and answerId) only.
      if (!view.answer || !(isFor(view.answer, message) || (message.questionIndex === -1 && view.answer.status === 'sending'))) break;
      if (view.answer.status === 'accepted') break;
      clearTimeout(answerTimer);
      live?.calm();
      if (message.reason === 'already-answered' && (view.answer.tries > 1 || ACKNOWLEDGED.includes(view.answer.status))) {
        // Sent again after a reconnect: the first one did arrive, and it is the one that counts.
        view.answer = { questionIndex: view.answer.questionIndex, given: view.answer.given, status: 'kept', id: view.answer.id };
      } else {
        view.answer = { questionIndex: view.answer.questionIndex, status: 'refused', message: message.message, reason: message.reason,
          id: view.answer.id };
      }
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

/** Whether a reply (answer-received, -accepted, -refused) is for this answer: its question, and its answerId once known. */
function isFor(answer, message) {
  if (message.questionIndex !== answer.questionIndex) return false;
  return !answer.answerId || !message.answerId || message.answerId === answer.answerId;
}

function onError(message) {
  if (message.code === 'invalid-token' || message.code === 'wrong-game') {
    leave('play.gameGone');
  } else if (message.code === 'answer-not-saved') {
    // The reply to the answer being sent (nothing was recorded); not to one already acknowledged.
    if (view.answer?.status !== 'sending') return;
    if (message.questionIndex !== undefined && message.questionIndex !== view.answer.questionIndex) return;
    clearTimeout(answerTimer);
    live?.calm();
    view.answer = { questionIndex: view.answer?.questionIndex, status: 'not-saved', id: view.answer?.id };
    render();
  } else if (message.code === 'hello-first') {
    // An answer that reached a new connection before its hello was done: the welcome will bring it back (held).
    if (view.answer?.status === 'sending') {
      clearTimeout(answerTimer);
      view.answer.tries -= 1;
    }
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
  if (view.answer?.status === 'sending' && (state.phase !== 'open' || state.questionIndex !== view.answer.questionIndex)) {
    // Closed before it could be sent: the closed screen says the player did not answer.
    clearTimeout(answerTimer);
    view.answer = null;
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
  keepFocus(() => show(scoreLine(), (screens[state.phase] || lobbyScreen)(state)));
  narrate(state);
}

/**
 * Puts the screen into #app. The question's heading (marked data-keep) stays the same node as long as its question
 * is on screen (previewed, open, closed; redrawn for an answer's status, a score, a reconnection's welcome):
 * everything around it is replaced, it is not, so the focus stays on it and a screen reader does not read it again.
 */
function show(line, section) {
  const keep = section.querySelector(':scope > [data-keep]')?.dataset.keep;
  const shown = app.querySelector(':scope > section');
  const kept = keep ? shown?.querySelector(`:scope > [data-keep="${keep}"]`) : null;
  if (!kept) {
    app.replaceChildren(line, section);
    return;
  }
  for (const name of shown.getAttributeNames()) if (!section.hasAttribute(name)) shown.removeAttribute(name);
  for (const name of section.getAttributeNames()) shown.setAttribute(name, section.getAttribute(name));
  const parts = [...section.childNodes];
  const at = parts.findIndex((node) => node.dataset?.keep === keep);
  [...shown.childNodes].forEach((node) => { if (node !== kept) node.remove(); });
  kept.before(...parts.slice(0, at));
  kept.after(...parts.slice(at + 1));
  [...app.childNodes].forEach((node) => { if (node !== shown) node.remove(); });
  shown.before(line);
}

/** The question whose heading last got the focus: a new one takes it there (and the screen reader reads it). */
let focusedQuestion = null;
/** The screen last shown (phase and question): a new one whose focus was lost puts it on its heading. */
let shownScreen = null;

/**
 * Redraws, and then puts the focus where it belongs: on the question's heading when a new question comes; else on
 * what had it before (the same answer button, the same field with its caret), or, gone from the screen (the
 * buttons once answered), on the screen's heading. Focus elsewhere (the language switch) is left alone.
 */
function keepFocus(redraw) {
  const before = document.activeElement;
  const inApp = app.contains(before);
  const lost = !before || before === document.body;
  const testId = inApp ? before.dataset.testid : null;
  const caret = inApp && typeof before.selectionStart === 'number' ? [before.selectionStart, before.selectionEnd] : null;
  redraw();
  const state = view.state;
  const screen = `${state.phase}:${state.questionIndex}`;
  const newScreen = screen !== shownScreen;
  shownScreen = screen;
  const questionShown = ['preview', 'open', 'closed'].includes(state.phase);
  const newQuestion = questionShown && focusedQuestion !== state.questionIndex;
  if (questionShown) focusedQuestion = state.questionIndex;
  if (!inApp && !lost) return;
  if (newQuestion) {
    app.querySelector('h1')?.focus();
    return;
  }
  if (inApp && before.isConnected) return;
  const same = testId ? app.querySelector(`[data-testid="${testId}"]`) : null;
  if (same && inApp) {
    same.focus();
    if (caret) same.setSelectionRange?.(...caret);
  } else if (inApp || newScreen) {
    app.querySelector('h1')?.focus();
  }
}

/** Keys of what was said for this game (never twice), and what waits to be said together (topic -> text). */
const said = new Set();
const saying = new Map();
let sayTimer = null;
/** Things that happen within this time (a status that changes at once, a verdict and its points) are said together. */
const SAY_TOGETHER_MS = 300;

/**
 * Says text in the live region, once for key. Said within SAY_TOGETHER_MS of one another, texts are said together,
 * a later one on the same topic in place of the earlier (an answer "sending" that is at once "locked in").
 */
function say(key, topic, text) {
  if (said.has(key)) return;
  said.add(key);
  saying.delete(topic);
  saying.set(topic, text);
  if (sayTimer) return;
  sayTimer = setTimeout(() => {
    sayTimer = null;
    // Each part a sentence of its own ("Game over. You finished…"), so that a screen reader pauses between them.
    const all = [...saying.values()].map((text, i, parts) => (i < parts.length - 1 && !/[.!?…]$/.test(text) ? `${text}.` : text)).join(' ');
    saying.clear();
    announce(all, 'spoken');
  }, SAY_TOGETHER_MS);
}

/** A new game (after leaving one): its questions are said again. */
function forgetSaid() {
  said.clear();
  saying.clear();
  clearTimeout(sayTimer);
  sayTimer = null;
  focusedQuestion = null;
  shownScreen = null;
}

/** What the screen reader is told about the state on screen; say() makes sure each thing is said once. */
function narrate(state) {
  const index = state.questionIndex;
  const numbered = { n: index + 1, count: state.questionCount, question: state.question?.text };
  if (state.phase === 'preview') say(`preview:${index}`, 'question', t('play.said.preview', numbered));
  // Opened after its preview was said (and its heading focused, which reads the text): only that answers are open.
  if (state.phase === 'open') say(`open:${index}`, 'question', t(said.has(`preview:${index}`) ? 'play.said.answersOpen' : 'play.said.open', numbered));
  if (state.phase === 'open' || state.phase === 'closed') narrateAnswer(index);
  if (state.phase === 'closed') {
    if (view.results) say(`verdict:${index}`, 'close', verdictText(state));
    else say(`closed:${index}`, 'close', t('play.waitingForResults'));
    const score = view.score;
    if (score?.questionIndex === index && score.points !== undefined && view.results) {
      say(`score:${index}`, 'score', t('play.said.score', { points: formatNumber(score.points ?? 0), rank: score.rank, players: score.players }));
    }
  }
  if (state.phase === 'ended') {
    say('ended', 'end', t('play.gameOver'));
    const you = view.podium?.you;
    if (you?.rank) say('place', 'place', t('play.finalPlace', { rank: you.rank, total: formatNumber(you.total) }));
  }
}

/** The answer's status, once per status of each answer ("kept" after "locked in" on a reconnection is not news). */
function narrateAnswer(index) {
  const answer = view.answer;
  if (!answer || (answer.questionIndex !== undefined && answer.questionIndex !== index)) return;
  if (answer.status === 'kept' && [...said].some((key) => key.startsWith(`answer:${index}:accepted:`))) return;
  say(`answer:${index}:${answer.status}:${answer.id ?? '-'}:${answer.reason ?? ''}`, 'answer', answerStatusText());
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
    el('h1', { i18n: 'play.inLobby', tabindex: -1, 'data-keep': `lobby-${language()}` }),
    el('p', { i18n: 'play.lookAtScreen' }));
}

/** The question's heading: focusable (tabindex -1) and kept across redraws of its question (show()). */
function heading(state) {
  const head = questionHeading(state.question, state.questionIndex, state.questionCount);
  head.dataset.keep = `question-${state.questionIndex}-${language()}`;
  head.querySelector('h1').tabIndex = -1;
  return head;
}

function previewScreen(state) {
  const clock = el('span', { class: 'countdown', 'data-testid': 'countdown' });
  countdown.node = clock;
  countdown.start(state.opensAt);
  return el('section', { 'data-testid': 'preview' },
    heading(state),
    el('p', { class: 'big-message' }, el('span', { i18n: 'play.getReady' }), ' ', clock));
}

function openScreen(state) {
  const clock = el('span', { class: 'countdown', 'data-testid': 'countdown' });
  countdown.node = clock;
  countdown.start(state.closesAt);
  const question = state.question;
  const section = el('section', { 'data-testid': 'question' },
    el('div', { class: 'status-line' }, el('span', { class: 'muted', i18n: 'play.timeLeft' }), clock),
    heading(state));
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

function answerStatusText() {
  const status = view.answer.status;
  const key = { sending: 'play.answerSending', received: 'play.answerReceived', kept: 'play.answerKept', accepted: 'play.answerLockedIn', 'not-saved': 'play.answerNotSaved' }[status];
  const refused = REFUSED[view.answer.reason];
  return key ? t(key) : (refused ? t(refused) : untranslated(view.answer.message, 'play.answerRefused'));
}

/** The answer's status on screen (the live region says it: this is no live region of its own). */
function answerStatus() {
  const status = view.answer.status;
  return el('p', { class: `feedback ${status === 'refused' || status === 'not-saved' ? 'wrong' : ''}`,
    'data-testid': 'answer-status', text: answerStatusText() });
}

/** The player's answer: shown as being sent at once, sent now or, while (re)connecting, once welcomed. */
function sendAnswer(state, answer) {
  answers += 1;
  view.answer = { questionIndex: state.questionIndex, given: answer, status: 'sending', tries: 0, id: answers };
  render();
  sendPending();
}

/**
 * Sends the answer being sent, when the connection is welcomed (else its welcome will, and a connection not back
 * within ANSWER_REPLY_MS is asked to hurry), with a ping after it. Its pong back within ANSWER_REPLY_MS: the server
 * has read the answer, and its reply will come on this socket, however late: the page waits. No pong: a dead link;
 * the connection is made again (live.hurry(): a growing, jittered wait a welcome does not reset; at most
 * ANSWER_RECONNECTS times for one answer), whose welcome says whether the answer arrived (answered) or sends it again.
 */
function sendPending() {
  const answer = view.answer;
  clearTimeout(answerTimer);
  if (answer?.status !== 'sending') return;
  if (!live?.ready()) {
    answerTimer = setTimeout(() => live?.probe(), ANSWER_REPLY_MS);
    return;
  }
  const sent = live.sendWithPing({ type: 'answer', questionIndex: answer.questionIndex, ...answer.given });
  answer.tries += 1;
  answerTimer = setTimeout(() => {
    const stillWaiting = view.answer === answer && answer.status === 'sending' && view.state?.phase === 'open'
      && view.state.questionIndex === answer.questionIndex;
    if (!stillWaiting || live?.pongFor(sent) || (answer.reconnects ?? 0) >= ANSWER_RECONNECTS) return;
    answer.reconnects = (answer.reconnects ?? 0) + 1;
    live?.hurry();
  }, ANSWER_REPLY_MS);
}

/** The answer being chosen for the question on screen (options ticked, text typed), kept across renders. */
function draft(state) {
  if (view.draft?.questionIndex !== state.questionIndex) view.draft = { questionIndex: state.questionIndex, chosen: new Set(), text: '' };
  return view.draft;
}

function optionButtons(state) {
  const question = state.question;
  const several = question.type === 'multiple-choice';
  const { chosen } = draft(state);
  const submit = several ? el('button', { class: 'primary', 'data-testid': 'submit-answer', disabled: chosen.size === 0, i18n: 'play.submit' }) : null;
  const buttons = question.options.map((option, i) => {
    const button = el('button', { type: 'button', class: `option opt-${i % 6}`, 'data-testid': `option-${i}`,
      'aria-pressed': several ? String(chosen.has(option.id)) : null }, ...optionFace(option, i));
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
  const typing = draft(state);
  const input = el('input', { id: 'typed', maxlength: 100, autocomplete: 'off', 'data-testid': 'typed-answer' });
  input.value = typing.text;
  input.addEventListener('input', () => { typing.text = input.value; });
  const form = el('form', { class: 'stack card' },
    el('label', { class: 'field', for: 'typed', i18n: 'play.typeYourAnswer' }), input,
    el('button', { type: 'submit', class: 'primary', 'data-testid': 'submit-answer', i18n: 'play.submit' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) sendAnswer(state, { text });
  });
  return form;
}

function closedScreen(state) {
  const section = el('section', { 'data-testid': 'closed' }, heading(state));
  if (view.results) {
    const mine = view.results.yourAnswer;
    section.append(el('p', { class: `feedback ${mine?.correct ? 'right' : (mine && !isPoll(state) ? 'wrong' : '')}`,
      'data-testid': 'verdict', text: verdictText(state) }));
  } else {
    section.append(el('p', { class: 'big-message muted', i18n: 'play.waitingForResults' }));
  }
  if (view.score && view.score.questionIndex === state.questionIndex) section.append(scoreCard(view.score));
  if (view.results?.distribution?.length) section.append(distributionChart(state.question, view.results));
  return section;
}

function isPoll(state) {
  return state.question.type === 'poll';
}

/** Right, wrong, not answered, or thanks for a poll's vote. */
function verdictText(state) {
  const mine = view.results?.yourAnswer;
  if (!mine) return t('play.noAnswer');
  if (isPoll(state)) return t('play.thanksForVoting');
  return t(mine.correct ? 'play.correct' : 'play.wrong');
}

function scoreCard(score) {
  return el('div', { class: 'card stack', 'data-testid': 'score-card' },
    score.points !== undefined ? el('p', { 'data-testid': 'score-points', text: t('play.pointsThisQuestion', { points: formatNumber(score.points) }) }) : null,
    score.streak > 1 ? el('p', { 'data-testid': 'score-streak', text: t('play.streak', { n: score.streak, bonus: formatNumber(score.bonus ?? 0) }) }) : null,
    el('p', { 'data-testid': 'score-rank', text: t('play.rank', { rank: score.rank, players: score.players }) }),
    score.ahead
      ? el('p', { 'data-testid': 'score-ahead', text: t('play.ahead', { nickname: score.ahead.nickname, total: formatNumber(score.ahead.total) }) })
      : el('p', { 'data-testid': 'score-ahead', i18n: 'play.leading' }));
}

function endedScreen() {
  const section = el('section', { class: 'stack', 'data-testid': 'ended' }, el('h1', { i18n: 'play.gameOver', tabindex: -1, 'data-keep': `ended-${language()}` }));
  if (!view.podium) {
    section.append(el('p', { class: 'muted', i18n: 'play.waitingForPodium' }), playAgain());
    return section;
  }
  const you = view.podium.you;
  if (you?.rank) {
    section.append(el('p', { class: 'feedback right', 'data-testid': 'final-place',
      text: t('play.finalPlace', { rank: you.rank, total: formatNumber(you.total) }) }));
  }
  section.append(podium(view.podium.podium));
  section.append(playAgain());
  return section;
}

/** The way out of an ended game, podium or not: to the start page, this game's player forgotten. */
function playAgain() {
  return el('a', { class: 'button', href: '/', 'data-testid': 'play-again', i18n: 'play.again', onclick: () => forgetPlayer() });
}

onLanguageChange(render);
start();
