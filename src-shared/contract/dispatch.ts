import { ContractFailure, fail, ok, type Result } from './result.js';
import type { AnyRequests, HandlersOf } from './define.js';

/**
 * Validate a request against its contract and run its handler. Unknown methods, bad
 * arguments and thrown errors all come back as `{ok:false}`; nothing escapes.
 */
export async function dispatchRequest<C extends AnyRequests>(
  contract: C,
  handlers: HandlersOf<C>,
  method: unknown,
  rawArgs: unknown,
): Promise<Result<unknown>> {
  if (typeof method !== 'string' || !Object.prototype.hasOwnProperty.call(contract, method)) {
    return fail('invalid-argument', `unknown method: ${String(method).slice(0, 64)}`);
  }
  const spec = contract[method]!;
  const parsed = spec.args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
    return fail('invalid-argument', `${where}${first?.message ?? 'invalid arguments'}`);
  }
  try {
    const handler = handlers[method as keyof C];
    return ok(await handler(parsed.data as never));
  } catch (error) {
    if (error instanceof ContractFailure) return fail(error.code, error.message);
    const message = error instanceof Error ? error.message : String(error);
    return fail('internal', message);
  }
}
