// The player's screens, one per phase of the game (lobby, preview, open, closed, ended), drawn from what the phone
// knows (play.js's view), and the player's line above them. Nothing here changes the view but the answer being
// chosen (its draft); a tapped answer goes to opts.onAnswer (play-answer.js sends it).
import { t, formatNumber, language } from './i18n.js';
import { el } from './ui.js';
import { questionHeading, optionFace, distributionChart, podium } from './game-parts.js';
import { forgetPlayer } from './play-join.js';
import { untranslated } from './refusals.js';

/** The player's nickname and total; nickname: the joined player's, until a welcome names the player. */
export function scoreLine(view, nickname) {
  const name = view.you?.nickname || nickname || '';
  const total = view.score?.total ?? 0;
  return el('div', { class: 'status-line', 'data-testid': 'player-line' },
    el('strong', { 'data-testid': 'my-nickname', text: name }),
    el('span', { 'data-testid': 'my-total', text: t('play.total', { total: formatNumber(total) }) }));
}

/**
 * The screen of the state's phase. opts: {countdown (the page's Countdown, shown on the preview and open screens),
 * onAnswer(state, given)}.
 */
export function phaseScreen(state, view, opts) {
  const screens = { lobby: lobbyScreen, preview: previewScreen, open: openScreen, closed: closedScreen, ended: endedScreen };
  return (screens[state.phase] || lobbyScreen)(state, view, opts);
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

function previewScreen(state, view, { countdown }) {
  const clock = el('span', { class: 'countdown', 'data-testid': 'countdown' });
  countdown.node = clock;
  countdown.start(state.opensAt);
  return el('section', { 'data-testid': 'preview' },
    heading(state),
    el('p', { class: 'big-message' }, el('span', { i18n: 'play.getReady' }), ' ', clock));
}

function openScreen(state, view, opts) {
  const { countdown } = opts;
  const clock = el('span', { class: 'countdown', 'data-testid': 'countdown' });
  countdown.node = clock;
  countdown.start(state.closesAt);
  const question = state.question;
  const section = el('section', { 'data-testid': 'question' },
    el('div', { class: 'status-line' }, el('span', { class: 'muted', i18n: 'play.timeLeft' }), clock),
    heading(state));
  if (view.answer && view.answer.status !== 'refused' && view.answer.status !== 'not-saved') {
    section.append(answerStatus(view.answer));
    return section;
  }
  if (view.answer) section.append(answerStatus(view.answer));
  section.append(question.type === 'type-answer' ? typedAnswer(state, view, opts) : optionButtons(state, view, opts));
  return section;
}

/** Why an answer was refused, by the reason answer-refused names (docs/PROTOCOL.md). */
const REFUSED = {
  'already-answered': 'play.refused.alreadyAnswered', 'question-closed': 'play.refused.tooLate', 'too-late': 'play.refused.tooLate',
  'question-not-open': 'play.refused.notOpen', kicked: 'play.kicked', 'not-a-player': 'play.refused.notAPlayer',
  'invalid-answer': 'play.refused.invalid', 'unknown-game': 'play.gameGone',
};

export function answerStatusText(answer) {
  const status = answer.status;
  const key = { sending: 'play.answerSending', received: 'play.answerReceived', kept: 'play.answerKept', accepted: 'play.answerLockedIn', 'not-saved': 'play.answerNotSaved' }[status];
  const refused = REFUSED[answer.reason];
  return key ? t(key) : (refused ? t(refused) : untranslated(answer.message, 'play.answerRefused'));
}

/** The answer's status on screen (the live region says it: this is no live region of its own). */
function answerStatus(answer) {
  const status = answer.status;
  return el('p', { class: `feedback ${status === 'refused' || status === 'not-saved' ? 'wrong' : ''}`,
    'data-testid': 'answer-status', text: answerStatusText(answer) });
}

/** The answer being chosen for the question on screen (options ticked, text typed), kept across renders. */
function draft(state, view) {
  if (view.draft?.questionIndex !== state.questionIndex) view.draft = { questionIndex: state.questionIndex, chosen: new Set(), text: '' };
  return view.draft;
}

function optionButtons(state, view, { onAnswer }) {
  const question = state.question;
  const several = question.type === 'multiple-choice';
  const { chosen } = draft(state, view);
  const submit = several ? el('button', { class: 'primary', 'data-testid': 'submit-answer', disabled: chosen.size === 0, i18n: 'play.submit' }) : null;
  const buttons = question.options.map((option, i) => {
    const button = el('button', { type: 'button', class: `option opt-${i % 6}`, 'data-testid': `option-${i}`,
      'aria-pressed': several ? String(chosen.has(option.id)) : null }, ...optionFace(option, i));
    button.addEventListener('click', () => {
      if (!several) {
        onAnswer(state, { optionIds: [option.id] });
        return;
      }
      if (chosen.has(option.id)) chosen.delete(option.id); else chosen.add(option.id);
      button.setAttribute('aria-pressed', String(chosen.has(option.id)));
      submit.disabled = chosen.size === 0;
    });
    return button;
  });
  submit?.addEventListener('click', () => onAnswer(state, { optionIds: [...chosen] }));
  return el('div', {}, el('div', { class: 'options', role: 'group', 'aria-label': t('play.chooseAnswer') }, ...buttons), submit);
}

function typedAnswer(state, view, { onAnswer }) {
  const typing = draft(state, view);
  const input = el('input', { id: 'typed', maxlength: 100, autocomplete: 'off', 'data-testid': 'typed-answer' });
  input.value = typing.text;
  input.addEventListener('input', () => { typing.text = input.value; });
  const form = el('form', { class: 'stack card' },
    el('label', { class: 'field', for: 'typed', i18n: 'play.typeYourAnswer' }), input,
    el('button', { type: 'submit', class: 'primary', 'data-testid': 'submit-answer', i18n: 'play.submit' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) onAnswer(state, { text });
  });
  return form;
}

function closedScreen(state, view) {
  const section = el('section', { 'data-testid': 'closed' }, heading(state));
  if (view.results) {
    const mine = view.results.yourAnswer;
    section.append(el('p', { class: `feedback ${mine?.correct ? 'right' : (mine && !isPoll(state) ? 'wrong' : '')}`,
      'data-testid': 'verdict', text: verdictText(state, view.results) }));
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
export function verdictText(state, results) {
  const mine = results?.yourAnswer;
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

function endedScreen(state, view) {
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
