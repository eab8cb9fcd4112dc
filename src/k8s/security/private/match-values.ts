import { isIP } from 'net';
import { IConstruct } from 'constructs';
import { fail } from '../../private/validation';

/** A list of match values must not be empty and must not hold empty strings (Istio rejects both). */
export function checkMatchValues(scope: IConstruct, field: string, values: readonly string[]): void {
  if (values.length === 0) fail(scope, `'${field}' is an empty list, which Istio rejects; leave the field out or give at least one value`);
  values.forEach((v, i) => {
    if (typeof v !== 'string' || v === '') fail(scope, `'${field}[${i}]' is empty; give a value or leave it out`);
  });
}

/** An IP address or CIDR block (`10.0.0.0/16`, `2001:db8::/32`). */
export function checkIpBlock(scope: IConstruct, field: string, value: string): void {
  const [address, prefix, extra] = value.split('/');
  const family = isIP(address);
  const max = family === 4 ? 32 : 128;
  const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
  if (family === 0 || !prefixOk || extra !== undefined) {
    fail(scope, `'${field}' ${JSON.stringify(value)} is not an IP address or CIDR block (for example '10.0.0.0/16' or '203.0.113.7')`);
  }
}
