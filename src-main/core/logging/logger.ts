/** The core logs through the shared seam; it never logs SIP digest secrets, passwords or tokens. */
export { createSilentLogger, errorMessage, type LogFields, type Logger } from '../../../src-shared/logging/logger.js';
