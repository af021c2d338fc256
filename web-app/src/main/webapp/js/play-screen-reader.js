// The player's page for a screen reader: the page's one polite live region (#announcer, in play/index.html, outside
// #app) is told each thing once, when it happens (say()): the question (number and text) previewed and opened, the
// answer's status, the verdict and the points, being removed, the end and the player's place; a redraw says nothing
// again. The focus goes to the question's heading when a new question comes; a redraw keeps it where it was (show(),
// keepFocus()).
import { t, formatNumber } from './i18n.js';
import { announce } from './ui.js';
import { answerStatusText, verdictText } from './play-screens.js';

/**
 * Puts the screen into app (#app). The question's heading (marked data-keep) stays the same node as long as its
 * question is on screen (previewed, open, closed; redrawn for an answer's status, a score, a reconnection's welcome):
 * everything around it is replaced, it is not, so the focus stays on it and a screen reader does not read it again.
 */
export function show(app, line, section) {
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
 * Redraws app for state, and then puts the focus where it belongs: on the question's heading when a new question
 * comes; else on what had it before (the same answer button, the same field with its caret), or, gone from the
 * screen (the buttons once answered), on the screen's heading. Focus elsewhere (the language switch) is left alone.
 */
export function keepFocus(app, state, redraw) {
  const before = document.activeElement;
  const inApp = app.contains(before);
  const lost = !before || before === document.body;
  const testId = inApp ? before.dataset.testid : null;
  const caret = inApp && typeof before.selectionStart === 'number' ? [before.selectionStart, before.selectionEnd] : null;
  redraw();
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
export function say(key, topic, text) {
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

/** A new game (after leaving one): its questions are said again, and its first question takes the focus. */
export function forgetSaid() {
  said.clear();
  saying.clear();
  clearTimeout(sayTimer);
  sayTimer = null;
  focusedQuestion = null;
  shownScreen = null;
}

/** What the screen reader is told about the state on screen (view: play.js's); say() makes sure each thing is said once. */
export function narrate(state, view) {
  const index = state.questionIndex;
  const numbered = { n: index + 1, count: state.questionCount, question: state.question?.text };
  if (state.phase === 'preview') say(`preview:${index}`, 'question', t('play.said.preview', numbered));
  // Opened after its preview was said (and its heading focused, which reads the text): only that answers are open.
  if (state.phase === 'open') say(`open:${index}`, 'question', t(said.has(`preview:${index}`) ? 'play.said.answersOpen' : 'play.said.open', numbered));
  if (state.phase === 'open' || state.phase === 'closed') narrateAnswer(index, view.answer);
  if (state.phase === 'closed') {
    if (view.results) say(`verdict:${index}`, 'close', verdictText(state, view.results));
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
function narrateAnswer(index, answer) {
  if (!answer || (answer.questionIndex !== undefined && answer.questionIndex !== index)) return;
  if (answer.status === 'kept' && [...said].some((key) => key.startsWith(`answer:${index}:accepted:`))) return;
  say(`answer:${index}:${answer.status}:${answer.id ?? '-'}:${answer.reason ?? ''}`, 'answer', answerStatusText(answer));
}
