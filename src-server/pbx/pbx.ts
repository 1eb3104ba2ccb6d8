/**
 * The embedded office PBX: SIP over WebSocket (RFC 7118) with digest auth, a registrar and a
 * B2BUA that anchors WebRTC media. `createPbx` wires the parts; the HTTP server hands it upgrades.
 */
import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import { SipAuthenticator } from './auth/authenticator.js';
import { B2bua } from './b2bua/b2bua.js';
import { type PbxCallRecord } from './b2bua/call-record.js';
import { DialogRegistry } from './b2bua/dialog-registry.js';
import { DialogSubscriptions } from './dialog-event/dialog-subscriptions.js';
import { LineStateBoard } from './dialog-event/line-state-board.js';
import { EMBEDDED_PBX_PROFILE, type PbxProfile } from '../provisioning/embedded-pbx-profile.js';
import { type PbxDirectory } from './directory.js';
import { silentLogger, type PbxLogger } from './logger.js';
import { MediaEngine } from './media/media-engine.js';
import { ParkService } from './park/park-service.js';
import { registerPickup } from './pickup/pickup-handler.js';
import { registerTransfer } from './transfer/transfer-handler.js';
import { type PstnEndpointTiming } from './pstn/pstn-endpoint.js';
import { type MediaAddressPolicy } from './media/sdp-filter.js';
import { Registrar } from './registrar/registrar.js';
import { SipRouter } from './sip-router.js';
import { createSipParser, DEFAULT_PARSE_LIMITS } from './sip/parse.js';
import { pbxAddress } from './sip/pbx-address.js';
import { SipWebSocketAcceptor } from './transport/ws-acceptor.js';
import { type FailureLimiterOptions } from './auth/failure-limiter.js';
import { type MessageBudgetLimits } from './transport/message-budget.js';
import { type AudioCodecPreference } from './media/codec-preference.js';

export interface PbxOptions {
  directory: PbxDirectory;
  logger?: PbxLogger;
  /** 'loopback' (default): media stays on 127.0.0.1 (dev and tests) */
  mediaAddress?: MediaAddressPolicy;
  /** ringing without an answer ends with 480 after this long; default 60 s */
  noAnswerTimeoutMs?: number;
  /** when the built-in PSTN simulator rings and answers (tests shorten it) */
  pstnTiming?: PstnEndpointTiming;
  /** digest nonces are stale after this long; default 5 min */
  nonceTtlMs?: number;
  /** the audio codec legs are asked to use (see codec-preference.ts); default 'opus' */
  audioCodec?: AudioCodecPreference;
  /** idle pre-gathered peer connections kept ready for new legs; default 2, 0 = none */
  warmPeerConnections?: number;
  /** told once per call when it ends, with who called whom and how it ended (the call log) */
  onCallEnded?: (record: PbxCallRecord) => void;
  /** park, pickup and slot codes (default: the embedded profile the softphones are provisioned with) */
  featureCodes?: PbxProfile['featureCodes'];
  /** lockout after repeated failed digest authentication (tests shorten it); DEFAULT_FAILURE_LIMITS */
  authFailureLimits?: Partial<FailureLimiterOptions>;
  /** the clock of digest nonces and lockouts (tests move it instead of sleeping); default Date.now */
  authClock?: () => number;
  /** SIP WebSockets one remote address may hold; default 256 */
  maxConnectionsPerAddress?: number;
  /** how long an answered leg whose connection dropped waits for its endpoint to come back (default 10 s; tests shorten it) */
  legReconnectGraceMs?: number;
  /** SIP messages one connection may send; DEFAULT_MESSAGE_BUDGET */
  messageBudget?: MessageBudgetLimits;
}

export interface PbxStats {
  registrations: number;
  calls: number;
  legs: number;
  /** peer connections held by legs (the warm pool is reported separately) */
  peerConnections: number;
  warmPeerConnections: number;
  /** audio frames open legs took into JavaScript (0 while every bridge is between two legs: those forward natively) */
  legFramesIntoJs: number;
  connections: number;
  /** outside calls holding a channel, all tenants (DESIGN.md §2) */
  channelsInUse: number;
  /** dialog-event subscriptions (colleagues and park slots watched) */
  subscriptions: number;
}

export interface Pbx {
  /** Hand over an HTTP upgrade for the SIP WebSocket path (subprotocol "sip"). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  stats(): PbxStats;
  /**
   * An inbound outside call from the PSTN simulator's caller to a tenant's number (dev and tests):
   * 180 when it rings, 200 when a voice menu answered (it presses `ivrDigits` then), else
   * 404 / 480 / 486 (see B2bua.placeInboundCall).
   */
  placeInboundCall(from: string, to: string, options?: { ivrDigits?: string }): { status: number; reason: string };
  /** Ends calls, closes every SIP connection and every peer connection. */
  close(): Promise<void>;
}

const MAX_FRAME_BYTES = 64 * 1024;
const PING_INTERVAL_MS = 30_000;

export function createPbx(options: PbxOptions): Pbx {
  const logger = options.logger ?? silentLogger;
  const pbx = pbxAddress(options.directory.sipDomain);
  const authenticator = new SipAuthenticator({
    directory: options.directory,
    nonceTtlMs: options.nonceTtlMs ?? 5 * 60_000,
    logger,
    ...(options.authFailureLimits ? { failureLimits: options.authFailureLimits } : {}),
    ...(options.authClock ? { now: options.authClock } : {}),
  });
  const registrar = new Registrar({ authenticator, sipDomain: pbx.domain, logger });
  const media = new MediaEngine({
    policy: options.mediaAddress ?? 'loopback',
    logger,
    warmPeerConnections: options.warmPeerConnections ?? 2,
    ...(options.audioCodec ? { audioCodec: options.audioCodec } : {}),
  });
  const dialogs = new DialogRegistry();
  const lineStates = new LineStateBoard();
  const featureCodes = options.featureCodes ?? EMBEDDED_PBX_PROFILE.featureCodes;
  const b2bua = new B2bua({
    ctx: { pbx, dialogs, logger, ...(options.legReconnectGraceMs !== undefined ? { reconnectGraceMs: options.legReconnectGraceMs } : {}) },
    directory: options.directory,
    authenticator,
    registrar,
    media,
    noAnswerTimeoutMs: options.noAnswerTimeoutMs ?? 60_000,
    onCallEnded: options.onCallEnded,
    ...(options.pstnTiming ? { pstnTiming: options.pstnTiming } : {}),
    lineStates,
    featureCodes,
  });
  ParkService.register(b2bua); // REFER to *7 / *71–*78 parks, INVITE to a slot code retrieves
  registerPickup(b2bua); // *8 and ** + extension
  registerTransfer(b2bua); // REFERs that are not park (park takes its codes and returns the rest)
  const subscriptions = new DialogSubscriptions({
    pbx,
    dialogs,
    directory: options.directory,
    authenticator,
    board: lineStates,
    parkSlotCodes: featureCodes.parkSlots,
    logger,
  });
  const router = new SipRouter({
    parser: createSipParser(logger, { ...DEFAULT_PARSE_LIMITS, maxMessageBytes: MAX_FRAME_BYTES }),
    registrar,
    b2bua,
    dialogs,
    subscriptions,
    logger,
  });
  const acceptor = new SipWebSocketAcceptor({
    logger,
    maxPayloadBytes: MAX_FRAME_BYTES,
    pingIntervalMs: PING_INTERVAL_MS,
    maxConnectionsPerAddress: options.maxConnectionsPerAddress ?? 256,
    ...(options.messageBudget ? { messageBudget: options.messageBudget } : {}),
    onConnection: () => undefined,
    onMessage: (connection, data) => router.handleFrame(connection, data),
  });

  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    subscriptions.dispose(); // final NOTIFYs, like the BYEs below, while the sockets are open
    const calls = b2bua.close(); // BYE / CANCEL / 503 go out while the sockets are still open
    await acceptor.close(); // dropping connections releases legs still waiting for a final response
    await calls;
    registrar.dispose();
    await media.close();
  };

  return {
    handleUpgrade: (req, socket, head) => acceptor.handleUpgrade(req, socket, head),
    stats: () => ({
      registrations: registrar.registrationCount,
      calls: b2bua.callCount,
      legs: b2bua.legCount,
      peerConnections: media.peerConnections,
      warmPeerConnections: media.warmPeerConnections,
      legFramesIntoJs: media.framesIntoJs,
      connections: acceptor.connectionCount,
      channelsInUse: b2bua.channels.total,
      subscriptions: subscriptions.count,
    }),
    placeInboundCall: (from, to, options) => b2bua.placeInboundCall(from, to, options),
    close: () => (closing ??= close()),
  };
}
