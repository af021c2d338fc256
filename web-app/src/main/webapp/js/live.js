// The game socket (docs/PROTOCOL.md): connects, says hello, and comes back by itself after any drop but 1008
// (kicked, unknown game, too slow), waiting longer each time (250 ms doubling to 5 s, with jitter). Every
// (re)connection gets the whole state again in `welcome`. It also keeps the offset between this device's clock
// and the server's, so countdowns end when the server's timer does.
const MAX_BACKOFF_MS = 5000;
const PING_EVERY_MS = 15000;
const SILENT_LIMIT_MS = 35000;

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
    this.lastHeard = 0;
    this.watchdog = null;
  }

  connect() {
    this.stopped = false;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/quiz/ws/games/${encodeURIComponent(this.gameId)}`);
    this.handlers.onStatus?.(this.attempt === 0 ? 'connecting' : 'retrying');
    socket.addEventListener('open', () => {
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
    this.lastHeard = Date.now();
    this.attach(socket);
    this.startWatchdog();
    messages.forEach((message) => this.deliver(message));
  }

  attach(socket) {
    this.socket = socket;
    socket.addEventListener('message', (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      this.deliver(message);
    });
    socket.addEventListener('close', (event) => {
      clearInterval(this.watchdog);
      if (this.socket !== socket) return;
      this.socket = null;
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
      this.handlers.onStatus?.('open');
    }
    if (message.type !== 'pong') this.handlers.onMessage(message);
  }

  retry() {
    const base = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempt);
    this.attempt += 1;
    this.handlers.onStatus?.('retrying');
    setTimeout(() => { if (!this.stopped) this.connect(); }, base / 2 + Math.random() * base / 2);
  }

  /** Pings now and then; a connection silent for too long (a dead network) is dropped and made again. */
  startWatchdog() {
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return;
      if (Date.now() - this.lastHeard > SILENT_LIMIT_MS) {
        this.socket.close(4000, 'silent');
        return;
      }
      this.socket.send('{"type":"ping"}');
    }, PING_EVERY_MS);
  }

  /** Sends a message; false when not connected (the caller may say so and let the player try again). */
  send(message) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** The server's clock, as well as this device can tell. */
  serverNow() {
    return Date.now() + this.clockOffsetMs;
  }

  /** Says hello again, with the token the session has now: the socket is made again and its welcome brings the game. */
  renew() {
    this.socket?.close(4001, 'renewed');
  }

  close() {
    this.stopped = true;
    clearInterval(this.watchdog);
    this.socket?.close(1000, 'bye');
  }
}
