/**
 * Build settings from environment variables, checked: a typo in a deploy workflow must stop the
 * build with a message, not publish an empty feed or localhost links.
 */

type Env = Record<string, string | undefined>;

/** A positive whole number, or the fallback when the variable is unset. */
export function readPositiveInteger(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

/** The site's origin. Required on GitHub Actions, where a localhost default would end up in feeds. */
export function readSiteUrl(env: Env): string {
  const raw = env.SITE_URL;
  if (!raw) {
    if (env.GITHUB_ACTIONS === 'true')
      throw new Error('SITE_URL must be set when building on GitHub Actions');
    return 'http://localhost:4321';
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SITE_URL must be an absolute URL like https://user.github.io, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`SITE_URL must be http(s), got "${raw}"`);
  return url.origin;
}

/** The path the site lives under, always with leading and trailing slashes (`/`, `/paperboy/`). */
export function readBasePath(env: Env): string {
  const raw = (env.BASE_PATH ?? '').trim();
  if (raw.includes('://')) throw new Error(`BASE_PATH is a path like /paperboy/, not a URL: "${raw}"`);
  const trimmed = raw.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}
