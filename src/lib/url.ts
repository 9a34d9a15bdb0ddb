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

function site(): string {
  if (!import.meta.env.SITE) throw new Error('astro.config.mjs must set `site` (SITE_URL) for absolute URLs');
  return import.meta.env.SITE;
}
