import { isIP } from 'node:net';
import { describe, expect, test } from 'vitest';
import { isLoopback, normalizeHost, parseHostRule } from '../../../src/cassette/guard/hosts.js';

// hosts.ts reads addresses without node:net's `isIP` (whose first calls in a process cost
// milliseconds); these tables hold it to the same answers.
describe('host rules and loopback without node:net', () => {
  const bareIPv6 = [
    '::1',
    '::',
    '1::',
    'fe80::1',
    '0:0:0:0:0:0:0:1',
    'FE80::A',
    '::ffff:1.2.3.4',
    '1:2:3:4:5:6:1.2.3.4',
    '::1%eth0',
    'fe80::1%25eth0',
    '::1%wlan-0:1',
    '1:2:3:4:5:6:7:8:9',
    '12345::1',
    '::1::',
    'g::1',
    ':1',
    '1:',
    '::ffff:256.1.1.1',
    'fe80::1%',
    '::1%a%b',
    'fe80::1%_x',
  ];
  test.each(bareIPv6)('a bare %s is a rule exactly when node:net calls it IPv6', (entry) => {
    const rule = parseHostRule(entry);
    expect(rule !== undefined).toBe(isIP(entry) === 6);
    if (rule) {
      expect(rule).toEqual({ host: normalizeHost(entry), port: undefined });
    }
  });

  const hosts = [
    '127.0.0.1',
    '127.255.255.255',
    '127.1.2.3',
    '127.1',
    '127.0.0.256',
    '127.00.0.1',
    '127.0.0.01',
    '0127.0.0.1',
    '128.0.0.1',
    '10.0.0.1',
    '127.0.0.1.example.com',
    'api.openai.com',
  ];
  test.each(hosts)('%s is loopback exactly when it is IPv4 in 127.0.0.0/8 by node:net', (host) => {
    expect(isLoopback(host)).toBe(isIP(host) === 4 && host.startsWith('127.'));
  });

  test('names and IPv6 loopback keep their rules', () => {
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('api.localhost')).toBe(true);
    expect(isLoopback('[::1]')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('::2')).toBe(false);
    expect(parseHostRule('[::1]:8080')).toEqual({ host: '::1', port: 8080 });
    expect(parseHostRule('db.internal:5432')).toEqual({ host: 'db.internal', port: 5432 });
    expect(parseHostRule('db.internal:0')).toBeUndefined();
  });
});
