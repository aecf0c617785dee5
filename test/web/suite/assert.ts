/**
 * What the suites use of `node:assert/strict`, for the browser's extension host, which has no
 * Node: test/web/build.mjs bundles this module wherever a suite imports `node:assert/strict`, so
 * the end-to-end suites (test/e2e/suite/) run unchanged in the web worker.
 */

/** A failed assertion, with what was expected and what was seen. */
export class AssertionError extends Error {
  constructor(
    message: string,
    readonly actual?: unknown,
    readonly expected?: unknown,
  ) {
    super(message);
    this.name = 'AssertionError';
  }
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function fail(message: string | Error | undefined, fallback: string, actual?: unknown, expected?: unknown): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ? `${message}\n  ${fallback}` : fallback, actual, expected);
}

/** Deep strict equality of plain data (what the suites compare: arrays, objects, strings, numbers). */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`, value, true);
}

const assert = Object.assign(ok, {
  ok,
  equal(actual: unknown, expected: unknown, message?: string | Error): void {
    if (!Object.is(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`, actual, expected);
  },
  notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
    if (Object.is(actual, expected)) fail(message, `expected anything but ${show(expected)}`, actual, expected);
  },
  deepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
    if (!same(actual, expected)) fail(message, `expected ${show(expected)}\n  got      ${show(actual)}`, actual, expected);
  },
  match(text: string, pattern: RegExp, message?: string | Error): void {
    if (typeof text !== 'string' || !pattern.test(text)) fail(message, `expected ${show(text)} to match ${pattern}`, text, pattern);
  },
  doesNotMatch(text: string, pattern: RegExp, message?: string | Error): void {
    if (typeof text !== 'string' || pattern.test(text)) fail(message, `expected ${show(text)} not to match ${pattern}`, text, pattern);
  },
  fail(message?: string): never {
    return fail(message, 'failed');
  },
});

export default assert;

