import { connect, type Socket } from "node:net";
import type { Clock } from "@quantkit/core";
import type { FixCodec } from "../fixCodec.js";
import { FixError } from "../fixError.js";
import type { FixSeqStore } from "./fixSeqStore.js";
import { FixSession, type FixSessionOptions } from "./fixSession.js";

/** Where to connect and how often to run the session timers. */
export interface FixTcpAddress {
  readonly host: string;
  readonly port: number;
  /** Timer period in ms for heartbeats/TestRequests (default 1000). */
  readonly tickMs?: number;
}

/**
 * A {@link FixSession} over a TCP socket (node:net): connects, sends Logon, feeds received bytes to the session,
 * runs its timers every `tickMs`, and marks it disconnected when the socket closes.
 *
 * @example
 * const conn = await FixTcpConnection.open({ senderCompId: "QK", targetCompId: "VENUE", heartBtInt: 30 },
 *   { codec, clock: new WallClock() }, { host: "127.0.0.1", port: 9878 });
 * conn.session.state; // → "logonSent" (then "active" once the acceptor answers)
 * @see https://nodejs.org/api/net.html
 */
export class FixTcpConnection {
  readonly session: FixSession;
  private readonly socket: Socket;
  private timer: NodeJS.Timeout | undefined;
  /** Called with every outgoing frame; returning false drops it (tests use it to simulate a lost message). */
  outboundFilter: ((bytes: Buffer) => boolean) | undefined;

  private constructor(
    options: FixSessionOptions,
    deps: { codec: FixCodec; clock: Clock; store?: FixSeqStore },
    socket: Socket,
  ) {
    this.socket = socket;
    this.session = new FixSession(options, {
      ...deps,
      send: (bytes) => {
        if (this.outboundFilter && !this.outboundFilter(bytes)) return;
        if (!socket.destroyed) socket.write(bytes);
      },
    });
    socket.on("data", (chunk) => this.session.receive(chunk));
    socket.on("close", () => {
      this.stopTimer();
      this.session.disconnect("socket closed");
    });
    socket.on("error", () => {
      // "close" follows and reports the disconnect.
    });
  }

  /**
   * Connects, sends Logon and starts the session timers.
   *
   * @param options - session options (CompIDs, HeartBtInt in seconds, …).
   * @param deps - codec, clock and optional sequence store.
   * @param address - host, port and timer period.
   */
  static open(
    options: FixSessionOptions,
    deps: { codec: FixCodec; clock: Clock; store?: FixSeqStore },
    address: FixTcpAddress,
  ): Promise<FixTcpConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: address.host, port: address.port });
      socket.setNoDelay(true);
      const fail = (e: Error) =>
        reject(
          new FixError({
            reason: "Truncated",
            expected: `a connection to ${address.host}:${address.port}`,
            actual: e.message,
          }),
        );
      socket.once("error", fail);
      socket.once("connect", () => {
        socket.off("error", fail);
        const conn = new FixTcpConnection(options, deps, socket);
        conn.timer = setInterval(() => conn.session.tick(), address.tickMs ?? 1000);
        conn.session.on((e) => {
          if (e.type === "state" && e.state === "disconnected") {
            conn.stopTimer();
            socket.end();
          }
        });
        conn.session.logon();
        resolve(conn);
      });
    });
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Closes the socket without a Logout (a dropped connection). */
  close(): void {
    this.stopTimer();
    this.socket.destroy();
  }
}
