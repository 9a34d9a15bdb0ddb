/**
 * Where a redirect may lead. The fetcher asks two configured APIs; a redirect that leaves the API's own
 * host (to a cloud metadata address, another service, a `file:` URL) is refused, unless the host is
 * listed in `PAPERBOY_FETCH_ALLOWED_HOSTS` (a mirror, a CDN the API moved to).
 */

/** Whether `url` is on one of the listed hosts: `name` allows any port of it, `name:port` that port only. */
export function onAllowedHost(url: URL, allowedHosts: readonly string[]): boolean {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowedHosts.some((entry) => {
    const withPort = /^(.*):(\d+)$/.exec(entry);
    if (withPort === null) return entry === url.hostname;
    return withPort[1] === url.hostname && withPort[2] === port;
  });
}

/**
 * Why a redirect from `from` to `to` is refused, or `undefined` when it may be followed. `requested` is
 * the URL first asked for: its host is the configured one.
 */
export function redirectRefusal(
  requested: URL,
  from: URL,
  to: URL,
  allowedHosts: readonly string[],
): string | undefined {
  if (to.protocol !== 'http:' && to.protocol !== 'https:')
    return `refused a redirect from ${from.host} to a ${to.protocol} URL: only http(s) is fetched`;
  if (from.protocol === 'https:' && to.protocol === 'http:')
    return `refused a redirect from https://${from.host} to plain http://${to.host}`;
  if (to.host === requested.host || onAllowedHost(to, allowedHosts)) return undefined;
  const listed = allowedHosts.length > 0 ? ` (${allowedHosts.join(', ')})` : '';
  return (
    `refused a redirect from ${from.host} to ${to.host}: a fetch stays on ${requested.host} and the hosts of ` +
    `PAPERBOY_FETCH_ALLOWED_HOSTS${listed}; add ${to.hostname} there if you trust it`
  );
}
