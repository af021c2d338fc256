// The player's answer on its way to the server (view.answer: {questionIndex, given, status, tries, id, answerId}).
// An answer is never lost without a word: one tapped while reconnecting waits for the welcome, and one whose link
// carries nothing back (not even the pong of the ping sent with it) is sent again on a new connection, whose welcome
// says whether it arrived. One whose pong came back was read by the server, whose reply (docs/PROTOCOL.md: received,
// refused or not saved) may be slow: the page says "sending" and waits on the same socket. A reply is applied only to
// the answer it is for (same question, same answerId once known): a late one for an earlier question changes nothing.
// The reply methods change the view only; each says whether it did, and play.js then redraws.

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

/** Whether a reply (answer-received, -accepted, -refused) is for this answer: its question, and its answerId once known. */
function isFor(answer, message) {
  if (message.questionIndex !== answer.questionIndex) return false;
  return !answer.answerId || !message.answerId || message.answerId === answer.answerId;
}

export class AnswerSender {
  /**
   * @param view what the phone knows (play.js): its answer is this one's to change, its state is read
   * @param connection a function returning the game's connection now (a GameConnection, or null after leaving)
   * @param render redraws the page (an answer tapped shows as being sent at once)
   */
  constructor(view, connection, render) {
    this.view = view;
    this.connection = connection;
    this.render = render;
    this.timer = null;
    /**
     * Numbers the answers this page sends, so each one's status is said (a refused answer tapped again says
     * "sending").
     */
    this.count = 0;
  }

  /** The player's answer: shown as being sent at once, sent now or, while (re)connecting, once welcomed. */
  send(state, given) {
    this.count += 1;
    this.view.answer = { questionIndex: state.questionIndex, given, status: 'sending', tries: 0, id: this.count };
    this.render();
    this.sendPending();
  }

  /**
   * Sends the answer being sent, when the connection is welcomed (else its welcome will, and a connection not back
   * within ANSWER_REPLY_MS is asked to hurry), with a ping after it. Its pong back within ANSWER_REPLY_MS: the server
   * has read the answer, and its reply will come on this socket, however late: the page waits. No pong: a dead link;
   * the connection is made again (live.hurry(): a growing, jittered wait a welcome does not reset; at most
   * ANSWER_RECONNECTS times for one answer), whose welcome says whether the answer arrived (answered) or sends it again.
   */
  sendPending() {
    const view = this.view;
    const answer = view.answer;
    clearTimeout(this.timer);
    if (answer?.status !== 'sending') return;
    const live = this.connection();
    if (!live?.ready()) {
      this.timer = setTimeout(() => this.connection()?.probe(), ANSWER_REPLY_MS);
      return;
    }
    const sent = live.sendWithPing({ type: 'answer', questionIndex: answer.questionIndex, ...answer.given });
    answer.tries += 1;
    this.timer = setTimeout(() => {
      const stillWaiting = view.answer === answer && answer.status === 'sending' && view.state?.phase === 'open'
        && view.state.questionIndex === answer.questionIndex;
      if (!stillWaiting || this.connection()?.pongFor(sent) || (answer.reconnects ?? 0) >= ANSWER_RECONNECTS) return;
      answer.reconnects = (answer.reconnects ?? 0) + 1;
      this.connection()?.hurry();
    }, ANSWER_REPLY_MS);
  }

  /** No more waiting for the answer's reply or connection (its answer settled, gone, or the game left). */
  stop() {
    clearTimeout(this.timer);
  }

  /**
   * The answer after a welcome (back after a reload or a drop): one already given shows as received (the results will
   * say if it counted). One still on its way (tapped while reconnecting, or unanswered on the last connection) goes
   * now, if the server has none and the same question is still open: returned, for resume() once the welcome's state
   * is applied.
   * One acknowledged (received) on the last connection stays so on the same open question even when this welcome
   * says answered false: it comes from an instance that has not read the decision yet, and the answer is decided
   * anyway; the options are not offered again (a second tap would only be refused).
   */
  welcomed(message) {
    const view = this.view;
    const sending = view.answer?.status === 'sending' ? view.answer : null;
    const acknowledged = ACKNOWLEDGED.includes(view.answer?.status) ? view.answer : null;
    const sameOpen = (answer) => answer && !message.answered && message.phase === 'open'
      && message.questionIndex === answer.questionIndex;
    view.answer = message.answered ? { questionIndex: message.questionIndex, given: message.yourAnswer, status: 'kept' } : null;
    if (sameOpen(sending)) view.answer = sending;
    if (sameOpen(acknowledged)) view.answer = acknowledged;
    return sending;
  }

  /** After the welcome's state: the answer still being sent (from welcomed()) goes now; any other wait is over. */
  resume(sending) {
    if (this.view.answer === sending) this.sendPending();
    else this.stop();
  }

  /**
   * answer-received: only for the answer being sent; a late receipt of an earlier question's answer is not this
   * one's.
   */
  received(message) {
    const answer = this.view.answer;
    if (answer?.status !== 'sending' || !isFor(answer, message)) return false;
    this.stop();
    this.connection()?.calm();
    answer.status = 'received';
    answer.answerId = message.answerId;
    return true;
  }

  /**
   * answer-accepted: also when this page sent no answer: one given on another connection of this player (a second
   * tab, or before a reconnect to another server whose welcome could not know of it yet) counts, and is locked in.
   */
  accepted(message) {
    const view = this.view;
    if (view.answer && isFor(view.answer, message)) {
      this.stop();
      view.answer.status = 'accepted';
    } else if (!view.answer && message.questionIndex === view.state?.questionIndex) {
      view.answer = { questionIndex: message.questionIndex, status: 'accepted' };
    } else {
      return false;
    }
    return true;
  }

  /**
   * answer-refused: an invalid-answer whose question could not be read (-1) is the answer being sent; other refusals,
   * the answer of their question (and answerId) only.
   */
  refused(message) {
    const view = this.view;
    if (!view.answer || !(isFor(view.answer, message) || (message.questionIndex === -1 && view.answer.status === 'sending'))) return false;
    if (view.answer.status === 'accepted') return false;
    this.stop();
    this.connection()?.calm();
    if (message.reason === 'already-answered' && (view.answer.tries > 1 || ACKNOWLEDGED.includes(view.answer.status))) {
      // Sent again after a reconnect: the first one did arrive, and it is the one that counts.
      view.answer = { questionIndex: view.answer.questionIndex, given: view.answer.given, status: 'kept', id: view.answer.id };
    } else {
      view.answer = { questionIndex: view.answer.questionIndex, status: 'refused', message: message.message, reason: message.reason,
        id: view.answer.id };
    }
    return true;
  }

  /**
   * The error answer-not-saved: the reply to the answer being sent (nothing was recorded); not to one already
   * acknowledged.
   */
  notSaved(message) {
    const view = this.view;
    if (view.answer?.status !== 'sending') return false;
    if (message.questionIndex !== undefined && message.questionIndex !== view.answer.questionIndex) return false;
    this.stop();
    this.connection()?.calm();
    view.answer = { questionIndex: view.answer?.questionIndex, status: 'not-saved', id: view.answer?.id };
    return true;
  }

  /**
   * The error hello-first: an answer that reached a new connection before its hello was done: the welcome will
   * bring it back (held).
   */
  helloFirst() {
    if (this.view.answer?.status === 'sending') {
      this.stop();
      this.view.answer.tries -= 1;
    }
  }

  /**
   * A new state: an answer whose question closed before it could be sent is dropped (the closed screen says the
   * player did not answer).
   */
  closedBefore(state) {
    const view = this.view;
    if (view.answer?.status === 'sending' && (state.phase !== 'open' || state.questionIndex !== view.answer.questionIndex)) {
      this.stop();
      view.answer = null;
    }
  }
}
