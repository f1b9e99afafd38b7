import { describe, expect, it } from 'vitest';
import { isSecureUrl, secureUrlOf } from './secure-url.js';

describe('isSecureUrl', () => {
  it.each([
    'https://login.example.com/tfp',
    'http://127.0.0.1:7071/b2c',
    'http://localhost:9000',
    'http://[::1]:8080/x',
  ])('accepts %s', (value) => {
    expect(isSecureUrl(value)).toBe(true);
  });

  it.each([
    'http://login.example.com',
    'http://127.0.0.2',
    'http://localhost.example.com',
    'ftp://127.0.0.1',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('refuses %s', (value) => {
    expect(isSecureUrl(value)).toBe(false);
  });

  it('gives the parsed URL, so callers can check more of it', () => {
    expect(secureUrlOf('https://user:pw@receiver.example/in')?.username).toBe('user');
    expect(secureUrlOf('http://receiver.example/in')).toBeNull();
  });
});
