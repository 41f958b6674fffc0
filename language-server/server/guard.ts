import { ErrorCodes, ResponseError } from 'vscode-languageserver';

/**
 * Every handler runs inside this: a ResponseError goes to the client as it is; anything else
 * (a bug, input no check foresaw) becomes an InternalError reply naming the method, with the
 * stack in the server log — the request fails, the server keeps serving.
 */
export function guard<P extends unknown[], R>(method: string, log: (line: string) => void, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/**
 * The connection as feature providers see it: every handler they register is guarded the same
 * way, however deep it sits (`connection.languages.inlayHint.on(…)`).
 */
export function guardedConnection<T extends object>(connection: T, log: (line: string) => void, path = 'connection'): T {
  return new Proxy(connection, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      const name = `${path}.${String(property)}`;
      if (typeof value === 'function') {
        return (...args: unknown[]) =>
          (value as (...a: unknown[]) => unknown).apply(
            target,
            args.map((arg) => (typeof arg === 'function' ? guard(name, log, arg as (...a: unknown[]) => unknown) : arg)),
          );
      }
      if (value !== null && typeof value === 'object') return guardedConnection(value, log, name);
      return value;
    },
  });
}

// --- parameter checks: a malformed request is answered with InvalidParams, never a crash ------

export function invalidParams(method: string, message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${message}`);
}

export function objectParams(method: string, params: unknown): Record<string, unknown> {
  if (params === null || typeof params !== 'object' || Array.isArray(params)) throw invalidParams(method, 'expected an object of parameters.');
  return params as Record<string, unknown>;
}

export function stringParam(method: string, params: Record<string, unknown>, key: string): string {
  const value = params[key];
  if (typeof value !== 'string') throw invalidParams(method, `'${key}' must be a string.`);
  return value;
}

export function optionalString(method: string, params: Record<string, unknown>, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParams(method, `'${key}' must be a string when given.`);
  return value;
}

export function optionalInteger(method: string, params: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalidParams(method, `'${key}' must be a whole number from ${min} to ${max}.`);
  return value;
}
