// The game socket (docs/PROTOCOL.md): connects, says hello, and comes back by itself after any drop but 1008
// (kicked, unknown game, too slow), waiting longer each time (250 ms doubling to 5 s, with jitter). Every
// (re)connection gets the whole state again in `welcome`. It also keeps the offset between this device's clock
// and the server's, so countdowns end when the server's timer does.
//
// A link can die without a close (Wi-Fi lost, a phone waking with its NAT mapping gone): the browser then hears of
// it only when its closing handshake times out, minutes later. So a socket silent too long, or one that does not
// answer a ping when the page comes back to the foreground or the device back online, is let go of at once (its
// late events ignored) and a new one made, without waiting for its close.
//
// An answer's caller may ask for the same when nothing at all came back since the answer (hurry()): that wait grows
// with each such request (1 s doubling to 5 s, jittered) and a welcome does not reset it, so a slow server does not
// see every phone that answered reconnect at the same moment, over and over. The pong of the ping sent with the
// answer (sendWithPing(), pongFor()) tells the caller the server has read the answer: the server reads a socket's
// messages in order, so its reply will come on that socket.
const MAX_BACKOFF_MS = 5000;
const PING_EVERY_MS = 15000;
const SILENT_LIMIT_MS = 35000;
/** How long a ping sent on waking (page visible again, device online again) may wait for an answer. */
const WAKE_PROBE_MS = 3000;

export class GameConnection {
  /**
   * @param gameId the game
   * @param hello a function returning the hello message ({type:'hello', role, token}), asked at every connection
   * @param handlers {onMessage(message), onStatus(status, detail)} where status is connecting, open, retrying, closed
   */
  constructor(gameId, hello, handlers) {
    this.gameId = gameId;
    this.hello = hello;
    this.handlers = handlers;
    this.attempt = 0;
    this.stopped = false;
    this.clockOffsetMs = 0;
    this.socket = null;
    this.welcomed = false;
    this.lastHeard = 0;
    this.watchdog = null;
    this.retryTimer = null;
    this.probeTimer = null;
    /** Reconnections asked for by hurry() since the last calm(): the next one waits longer. */
    this.hurried = 0;
    /** Pings sent and pongs heard on the current socket: the n-th pong answers the n-th ping. */
    this.pings = 0;
    this.pongs = 0;
    this.wake = () => {
      if (document.visibilityState === 'visible') this.probe();
    };
    this.listening = false;
  }

  connect() {
    this.stopped = false;
    this.listen();
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/quiz/ws/games/${encodeURIComponent(this.gameId)}`);
    this.handlers.onStatus?.(this.attempt === 0 ? 'connecting' : 'retrying');
    socket.addEventListener('open', () => {
      if (this.socket !== socket) return;
      this.lastHeard = Date.now();
      socket.send(JSON.stringify(this.hello()));
      this.startWatchdog();
    });
    this.attach(socket);
  }

  /**
   * Takes over a socket that is open and already welcomed (the join socket, after its join): the messages it
   * received so far are handled first, and a later drop reconnects to the game's socket with hello, as ever.
   */
  adopt(socket, messages) {
    this.stopped = false;
    this.listen();
    this.lastHeard = Date.now();
    this.attach(socket);
    this.startWatchdog();
    messages.forEach((message) => this.deliver(message));
  }

  attach(socket) {
    this.socket = socket;
    this.welcomed = false;
    this.pings = 0;
    this.pongs = 0;
    socket.addEventListener('message', (event) => {
      if (this.socket !== socket) return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      this.deliver(message);
    });
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      clearInterval(this.watchdog);
      this.socket = null;
      this.welcomed = false;
      if (this.stopped || event.code === 1008) {
        this.handlers.onStatus?.('closed', event);
        return;
      }
      this.retry();
    });
  }

  deliver(message) {
    this.lastHeard = Date.now();
    if (message.serverTime) this.clockOffsetMs = Date.parse(message.serverTime) - Date.now();
    if (message.type === 'welcome') {
      this.attempt = 0;
      this.welcomed = true;
      this.handlers.onStatus?.('open');
    }
    if (message.type === 'pong') this.pongs += 1;
    else this.handlers.onMessage(message);
  }

  retry() {
    const base = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempt);
    this.attempt += 1;
    this.connectAfter(base);
  }

  /** A new connection after a jittered wait of half to all of base ms, "retrying" shown meanwhile. */
  connectAfter(base) {
    this.handlers.onStatus?.('retrying');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, base / 2 + Math.random() * base / 2);
  }

  /**
   * Lets go of the socket now (whatever it does later is ignored: on a dead link its close may come minutes later)
   * and makes a new one at once.
   */
  reconnect() {
    if (this.stopped) return;
    this.letGo();
    this.attempt += 1;
    this.connect();
  }

  /**
   * Lets go of the socket now and makes a new one after a jittered wait, longer at each call until calm(): for an
   * answer whose link carries nothing back. A welcome does not shorten the next wait.
   */
  hurry() {
    if (this.stopped) return;
    this.letGo();
    const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.hurried);
    this.hurried += 1;
    this.attempt += 1;
    this.connectAfter(base);
  }

  /** An answer got its reply: the server keeps up, and the next hurry() waits the shortest time again. */
  calm() {
    this.hurried = 0;
  }

  letGo(code = 4000, reason = 'silent') {
    const socket = this.socket;
    this.socket = null;
    this.welcomed = false;
    clearInterval(this.watchdog);
    clearTimeout(this.probeTimer);
    if (!socket) return;
    // Closing a socket that is still connecting makes the browser log an error; close it once it opens instead.
    if (socket.readyState === WebSocket.CONNECTING) socket.addEventListener('open', () => socket.close(1000, 'replaced'));
    else if (socket.readyState === WebSocket.OPEN) socket.close(code, reason);
  }

  /**
   * The page is visible again or the device back online: a socket that was alive may not be any more. A ping must
   * be answered within WAKE_PROBE_MS, or the socket is replaced; a reconnection waiting out its back-off goes now.
   */
  probe() {
    if (this.stopped) return;
    if (!this.socket) {
      if (this.retryTimer) this.connect();
      return;
    }
    clearTimeout(this.probeTimer);
    const socket = this.socket;
    // Answered by the pong of this very ping (the n-th pong answers the n-th ping), not by any message heard since:
    // an earlier ping's pong arriving the same millisecond passed for it, and a dead link was kept. A ping the server
    // refused (slow-down) never gets its pong, so every later probe on that socket replaces it: a reconnection too
    // many, never a dead link kept.
    let answered = () => false;
    if (socket.readyState === WebSocket.OPEN && this.welcomed) {
      this.ping(socket);
      const ping = this.pings;
      answered = () => this.pongs >= ping;
    } else if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) {
      // Still saying hello: its welcome answers the probe. A ping before it is refused (hello first), and replacing
      // the socket tore down a connection about to be welcomed (the page's wake events come in pairs).
      answered = () => this.welcomed;
    }
    this.probeTimer = setTimeout(() => {
      if (this.socket === socket && !(this.welcomed && answered())) this.reconnect();
    }, WAKE_PROBE_MS);
  }

  listen() {
    if (this.listening) return;
    this.listening = true;
    document.addEventListener('visibilitychange', this.wake);
    window.addEventListener('online', this.wake);
  }

  /** Pings now and then; a connection silent for too long (a dead network) is let go of and made again. */
  startWatchdog() {
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      if (Date.now() - this.lastHeard > SILENT_LIMIT_MS) {
        this.reconnect();
        return;
      }
      if (this.welcomed) this.ping(socket); // before the welcome the server refuses it (hello first)
    }, PING_EVERY_MS);
  }

  ping(socket) {
    socket.send('{"type":"ping"}');
    this.pings += 1;
  }

  /**
   * Sends a message and a ping after it; returns what pongFor() takes to tell whether the server has read the message
   * (its pong came), or null when not connected.
   */
  sendWithPing(message) {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return null;
    socket.send(JSON.stringify(message));
    this.ping(socket);
    return { socket, ping: this.pings };
  }

  /**
   * Whether the link that carried what sendWithPing() sent is known alive: its pong came back, or the socket was
   * replaced meanwhile (the new one's welcome settles the answer; hurrying would tear that reconnection down).
   */
  pongFor(sent) {
    return sent !== null && (this.socket !== sent.socket || this.pongs >= sent.ping);
  }

  /**
   * Sends a message; false when not connected and welcomed (the caller may say so and let the host try again): sent
   * during a reconnection (one follows each token renewal) a command was refused as "hello first".
   */
  send(message) {
    if (!this.ready()) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Connected and welcomed: what is sent now is read by the server as this player's (or host's). */
  ready() {
    return this.welcomed && this.socket?.readyState === WebSocket.OPEN;
  }

  /** The server's clock, as well as this device can tell. */
  serverNow() {
    return Date.now() + this.clockOffsetMs;
  }

  /**
   * Says hello again, with the token the session has now: the socket is made again at once (no back-off, nothing
   * shown: the link is fine) and its welcome brings the game. A command until then is refused by send() as ever.
   */
  renew() {
    // Nothing to renew without a socket: one let go for good (1008) stays so, a reconnection due says hello anew.
    if (this.stopped || !this.socket) return;
    this.letGo(4001, 'renewed');
    this.connect();
  }

  close() {
    this.stopped = true;
    clearInterval(this.watchdog);
    clearTimeout(this.retryTimer);
    clearTimeout(this.probeTimer);
    if (this.listening) {
      document.removeEventListener('visibilitychange', this.wake);
      window.removeEventListener('online', this.wake);
      this.listening = false;
    }
    this.socket?.close(1000, 'bye');
  }
}
