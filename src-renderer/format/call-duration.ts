const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 0:00 style call time: mm:ss, and h:mm:ss from one hour on. Negative spans (clock skew) show 00:00. */
export function formatCallDuration(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${pad2(minutes)}:${pad2(seconds)}` : `${pad2(minutes)}:${pad2(seconds)}`;
}
