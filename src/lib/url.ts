import { absoluteUrl, pathWithBase, siteRoot } from './paths.ts';

/** `pathWithBase` bound to this build's base path. */
export function href(route: string): string {
  return pathWithBase(route, import.meta.env.BASE_URL);
}

/** `absoluteUrl` bound to this build's site and base. */
export function absoluteHref(route: string): string {
  return absoluteUrl(route, site(), import.meta.env.BASE_URL);
}

/** The site root with the base path, for feeds. */
export function siteWithBase(): string {
  return siteRoot(site(), import.meta.env.BASE_URL);
}

/** astro.config.mjs always sets `site` (src/lib/env.ts). */
function site(): string {
  return String(import.meta.env.SITE);
}
