// Pieces of the live game shared by the player's phone and the big screen: the question with its image, answer
// options (colour + shape + text), the countdown, the distribution chart and the podium.
import { t, formatNumber } from './i18n.js';
import { el, shape, shapeName } from './ui.js';

/** Only images this platform serves (or plain https/http addresses, which the CSP then blocks) are shown. */
export function questionImage(url) {
  if (!url || !url.startsWith('/quiz/api/images/')) return null;
  return el('img', { class: 'question-image', src: url, alt: t('game.questionImage'), 'data-testid': 'question-image' });
}

export function questionHeading(question, index, count) {
  return el('div', { class: 'question-head' },
    el('p', { class: 'muted', 'data-testid': 'question-number', text: t('game.questionOf', { n: index + 1, count }) }),
    el('h1', { class: 'question-text', 'data-testid': 'question-text', text: question.text }),
    questionImage(question.imageUrl));
}

/** One option's face: its shape, then its text; screen readers hear "triangle: Paris". */
export function optionFace(option, index) {
  return [shape(index), el('span', { class: 'visually-hidden', text: `${shapeName(index)}: ` }),
    el('span', { class: 'option-text', text: option.text })];
}

/**
 * A countdown to a moment of the server's clock, written into node every 200 ms as whole seconds. It keeps the
 * same width all along (tabular digits, fixed min-width), so nothing moves while it runs.
 */
export class Countdown {
  constructor(node, serverNow) {
    this.node = node;
    this.serverNow = serverNow;
    this.timer = null;
  }

  start(untilIso, onZero) {
    this.stop();
    const until = Date.parse(untilIso);
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - this.serverNow()) / 1000));
      this.node.textContent = String(left);
      this.node.setAttribute('aria-label', t('game.secondsLeft', { n: left }));
      if (left === 0) {
        this.stop();
        onZero?.();
      }
    };
    tick();
    this.timer = setInterval(tick, 200);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }
}

/** Bars of how many chose each option, the correct ones marked with a tick and words (not colour alone). */
export function distributionChart(question, results) {
  const counts = new Map((results.distribution || []).map((d) => [d.optionId, d.count]));
  const correct = new Set(results.correct?.optionIds || []);
  const max = Math.max(1, ...counts.values());
  const rows = (question.options || []).map((option, i) => {
    const count = counts.get(option.id) || 0;
    const bar = el('div', { class: `bar opt-${i % 6}` });
    bar.style.width = `${(100 * count) / max}%`;
    return el('div', { class: 'bar-row', 'data-testid': 'distribution-row' },
      shape(i),
      el('div', {},
        el('div', { class: 'bar-label' },
          el('span', { text: option.text }),
          correct.has(option.id) ? el('strong', { class: 'correct-mark', text: ` ✓ ${t('game.correctAnswer')}` }) : null),
        bar),
      el('span', { class: 'bar-count', 'data-testid': 'distribution-count', text: formatNumber(count) }));
  });
  const typed = (results.textAnswers || []).map((a) =>
    el('li', { text: `${a.text} (${formatNumber(a.count)})${a.correct ? ` ✓ ${t('game.correctAnswer')}` : ''}` }));
  return el('section', { class: 'chart', 'data-testid': 'distribution', 'aria-label': t('game.distribution') },
    ...rows,
    typed.length ? el('ul', { class: 'typed-answers' }, ...typed) : null,
    (results.correct?.acceptedAnswers || []).length
      ? el('p', { 'data-testid': 'accepted-answers', text: t('game.acceptedAnswers', { answers: results.correct.acceptedAnswers.join(', ') }) })
      : null);
}

/** The top three, second place left, first in the middle, third right. */
export function podium(entries) {
  return el('ol', { class: 'podium', 'data-testid': 'podium', 'aria-label': t('game.podium') },
    ...(entries || []).slice(0, 3).map((entry) => el('li', { class: `step place-${entry.rank}` },
      el('div', { class: 'place', text: t('game.place', { rank: entry.rank }) }),
      el('div', { class: 'name', 'data-testid': 'podium-name', text: entry.nickname }),
      el('div', { class: 'total', text: t('common.points', { points: formatNumber(entry.total) }) }))));
}

/** The top ten; given `remove`, each row also has a button that removes its player (the host's screen). */
export function leaderList(leaders, remove) {
  return el('ol', { class: `leaders${remove ? ' removable' : ''}`, 'data-testid': 'leaderboard', 'aria-label': t('game.topTen') },
    ...(leaders || []).map((leader) => el('li', { 'data-testid': 'leader-row' },
      el('span', { class: 'rank', text: `${leader.rank}.` }),
      el('span', { class: 'name', text: leader.nickname }),
      el('span', { class: 'total', text: formatNumber(leader.total) }),
      remove ? removeButton(leader, remove) : null)));
}

/** The host's ✕ next to a player's name (lobby and top ten). */
export function removeButton(player, remove) {
  return el('button', { type: 'button', 'data-testid': 'kick-player', 'data-player-id': player.playerId,
    'aria-label': t('screen.kick', { nickname: player.nickname }),
    onclick: () => remove(player.playerId), text: '✕' });
}
