/** Audio byte counters from a getStats() report (inbound-rtp / outbound-rtp, kind audio). */
export function audioByteCounts(report: RTCStatsReport): { bytesReceived: number; bytesSent: number } {
  let bytesReceived = 0;
  let bytesSent = 0;
  report.forEach((entry: RTCStats & Record<string, unknown>) => {
    // older stacks (and @roamhq/wrtc) name the kind `mediaType`
    const kind = entry['kind'] ?? entry['mediaType'];
    if (kind !== 'audio') return;
    if (entry.type === 'inbound-rtp') bytesReceived += numberOr0(entry['bytesReceived']);
    if (entry.type === 'outbound-rtp') bytesSent += numberOr0(entry['bytesSent']);
  });
  return { bytesReceived, bytesSent };
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
