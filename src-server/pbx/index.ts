/** The embedded PBX: the factory and the types the server wires it with. */
export { createPbx, type Pbx, type PbxOptions, type PbxStats } from './pbx.js';
export { type PbxDirectory, type PbxIdentity, type TenantDirectory, type CompanyNumber } from './directory.js';
export { type PbxLogger } from './logger.js';
export { type PbxCallKind, type PbxCallOutcome, type PbxCallRecord } from './b2bua/call-record.js';
export { type MediaAddressPolicy } from './media/sdp-filter.js';
export { AUDIO_CODEC_PREFERENCES, type AudioCodecPreference } from './media/codec-preference.js';
export { SIP_SUBPROTOCOL } from './transport/ws-acceptor.js';
