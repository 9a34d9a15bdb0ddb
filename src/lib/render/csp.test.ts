import { expect, test } from 'vitest';
import { contentSecurityPolicy } from './csp.ts';

const directives = (policy: string) =>
  new Map(policy.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));

test('reading pages run only the site’s own script files: nothing inline, evaluated or from elsewhere', () => {
  const policy = directives(contentSecurityPolicy(false));
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.has('worker-src')).toBe(false);
});

test('the search page allows only same-origin scripts and WebAssembly, never inline scripts', () => {
  const policy = directives(contentSecurityPolicy(true));
  expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
  expect(policy.get('object-src')).toEqual(["'none'"]);
});
