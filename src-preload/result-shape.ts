import { fail, type ContractError, type Result } from '../src-shared/contract/result.js';

/** A value that crossed a process boundary, checked to be a Result before a page sees it. */
export function asResult(value: unknown): Result<unknown> {
  if (typeof value === 'object' && value !== null) {
    const candidate = value as { ok?: unknown; value?: unknown; error?: unknown };
    if (candidate.ok === true) return { ok: true, value: candidate.value };
    if (candidate.ok === false && isContractError(candidate.error)) {
      return { ok: false, error: { code: candidate.error.code, message: candidate.error.message } };
    }
  }
  return fail('internal', '不正な応答です (malformed result)');
}

function isContractError(error: unknown): error is ContractError {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && typeof message === 'string';
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
