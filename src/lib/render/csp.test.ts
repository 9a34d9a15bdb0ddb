import { expect, test } from 'vitest';
import { contentSecurityPolicy } from './csp.ts';

const directives = (policy: string) =>
  new Map(policy.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));

/** The sources a fetch directive allows: its own, or `default-src`'s when the policy leaves it out. */
const effective = (policy: Map<string | undefined, string[]>, directive: string) =>
  policy.get(directive) ?? policy.get('default-src');

test('reading pages run only the site’s own script files: nothing inline, evaluated or from elsewhere', () => {
  const policy = directives(contentSecurityPolicy(false));
  expect(effective(policy, 'script-src')).toEqual(["'self'"]);
  expect(effective(policy, 'font-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.has('worker-src')).toBe(false);
});

test('the search page allows only same-origin scripts and WebAssembly, never inline scripts', () => {
  const policy = directives(contentSecurityPolicy(true));
  expect(effective(policy, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
  expect(policy.get('object-src')).toEqual(["'none'"]);
});
