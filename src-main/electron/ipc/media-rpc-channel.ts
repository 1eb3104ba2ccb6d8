/**
 * The Electron IPC channel between main and the hidden media window. Both directions carry
 * src-shared/contract/wire.ts envelopes: main → media `request`, media → main `response`, and
 * once the page serves, media → main the `event` MEDIA_HOST_READY_TOPIC.
 * The preload has the same constants (src-preload/channels.ts); a unit test keeps them equal.
 */
export const MEDIA_RPC_CHANNEL = 'plusphone:media-rpc';
export const MEDIA_HOST_READY_TOPIC = 'media.ready';
