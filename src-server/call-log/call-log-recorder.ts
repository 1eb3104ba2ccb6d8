import type { Logger } from '../log/logger.js';
import type { PbxCallRecord } from '../pbx/index.js';
import { callLogEntryOf } from './call-log-entry.js';
import type { CallLogQueries } from './call-log-queries.js';

/**
 * The PBX's onCallEnded listener: prices the call and stores it. A failure to write is logged
 * and swallowed: a full disk must never take a phone call down with it.
 */
export function createCallLogRecorder(queries: CallLogQueries, logger: Logger): (record: PbxCallRecord) => void {
  return (record) => {
    try {
      const terminal = record.callerIdId === undefined ? null : queries.terminalKindOf(record.callerIdId);
      queries.insert(callLogEntryOf(record, terminal));
    } catch (error) {
      logger.error('call could not be written to the call log', { call: record.callId, tenantId: record.tenantId, error });
    }
  };
}
