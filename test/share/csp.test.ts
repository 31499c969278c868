import { describe, expect, it } from 'vitest';
import { connectPolicy, dataOrigins } from '../../src/share/csp';

describe('the network fence', () => {
  const page = 'https://reports.example.com/team/retention/?x=1';
  it('is the page\'s own site plus the HTTPS origins of its ?data= addresses', () => {
    const search = '?data=https%3A%2F%2Fdata.client.org%2Fa.csv&data=https://data.client.org/b.csv&data=http://plain.org/c.csv&data=local/d.csv&data=%3A%3Abad';
    expect(dataOrigins(search, page)).toEqual(['https://data.client.org']);
    expect(connectPolicy(dataOrigins(search, page))).toBe("connect-src 'self' blob: data: https://data.client.org");
  });
  it('without ?data= nothing but the own site', () => {
    expect(connectPolicy(dataOrigins('', page))).toBe("connect-src 'self' blob: data:");
  });
});
