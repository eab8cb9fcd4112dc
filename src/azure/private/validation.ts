import { IConstruct } from 'constructs';

/** Throws an error that names the construct path, so the user finds the bad input in a large app. */
export function fail(scope: IConstruct, message: string): never {
  throw new Error(`[${scope.node.path}] ${message}`);
}

/** JSON of a value for error messages, with `nothing` for undefined. */
export function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** `value` is a whole number in [min, max]. */
export function isIntegerIn(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}
