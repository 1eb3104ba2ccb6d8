/**
 * IPC channel between the hidden media window and main, carrying wire.ts envelopes. Must equal
 * src-main/electron/ipc/media-rpc-channel.ts (the preload may not import src-main; a unit test
 * there keeps the two equal).
 */
export const MEDIA_RPC_CHANNEL = 'plusphone:media-rpc';
export const MEDIA_HOST_READY_TOPIC = 'media.ready';
