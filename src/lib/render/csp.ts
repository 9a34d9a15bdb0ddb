/**
 * Defence in depth for third-party text: even if markup slipped through the sanitizer, no page runs an
 * inline script or one from elsewhere. Every page may run the site's own script files (`reader.js`);
 * the search page also runs Pagefind (its WebAssembly and a blob: worker). Styles stay inline-capable
 * for KaTeX's layout.
 *
 * A directive that would only repeat `default-src 'self'` is left out (reading pages' scripts, every
 * page's fonts): the browser falls back to it, and every page carries this policy.
 */
export function contentSecurityPolicy(search: boolean): string {
  const common = [
    "default-src 'self'",
    "img-src 'self' https: data:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
  const scripting = search
    ? ["script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self' blob:", "connect-src 'self'"]
    : [];
  return [...common, ...scripting].join('; ');
}
