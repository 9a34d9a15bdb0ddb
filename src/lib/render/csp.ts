/**
 * Defence in depth for third-party text: even if markup slipped through the sanitizer, a page that
 * forbids scripts cannot run one. Only the search page runs Pagefind (same-origin scripts, its
 * WebAssembly and a blob: worker). Styles stay inline-capable for KaTeX's layout.
 */
export function contentSecurityPolicy(scripts: boolean): string {
  const common = [
    "default-src 'self'",
    "img-src 'self' https: data:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
  const scripting = scripts
    ? ["script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self' blob:", "connect-src 'self'"]
    : ["script-src 'none'"];
  return [...common, ...scripting].join('; ');
}
