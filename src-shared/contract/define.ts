import type { z } from 'zod';

/** A request in a contract: its argument schema, and its result type as a phantom. */
export interface RequestSpec<A extends z.ZodType, R> {
  args: A;
  result: R;
}

/** `request<Result>()(argsSchema)`: curried so the result type is named and the schema inferred. */
export const request =
  <R>() =>
  <A extends z.ZodType>(args: A): RequestSpec<A, R> => ({ args, result: undefined as unknown as R });

export type AnyRequests = Record<string, RequestSpec<z.ZodType, unknown>>;
export type ArgsOf<C extends AnyRequests, M extends keyof C> = z.input<C[M]['args']>;
export type ParsedArgsOf<C extends AnyRequests, M extends keyof C> = z.output<C[M]['args']>;
export type ResultOf<C extends AnyRequests, M extends keyof C> = C[M]['result'];

/** Handlers for every request of a contract, taking validated arguments. */
export type HandlersOf<C extends AnyRequests> = {
  [M in keyof C]: (args: ParsedArgsOf<C, M>) => Promise<ResultOf<C, M>> | ResultOf<C, M>;
};
