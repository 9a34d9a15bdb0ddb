import { settings } from '../../settings.ts';
import { absoluteUrl, pathWithBase, siteRoot } from './paths.ts';

/** `pathWithBase` bound to this build's base path. */
export function href(route: string): string {
  return pathWithBase(route, settings.basePath);
}

/** `absoluteUrl` bound to this build's site and base. */
export function absoluteHref(route: string): string {
  return absoluteUrl(route, settings.siteUrl, settings.basePath);
}

/** The site root with the base path, for feeds. */
export function siteWithBase(): string {
  return siteRoot(settings.siteUrl, settings.basePath);
}
