/** The bundled server's address on this PC, used when nothing else says where it is. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:7080';
