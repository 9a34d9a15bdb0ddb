import { readdirSync, readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';

/**
 * What the e2e tests know about the demo site, read from the content folder itself (the
 * database), never from the code under test.
 */
const papersDir = new URL('../content/papers/', import.meta.url);

export const days = readdirSync(papersDir)
  .filter((name) => /^\d{4}-\d{2}-\d{2}$/.test(name))
  .sort()
  .reverse();
export const latestDay = days[0] as string;

export function paperFiles(day: string): string[] {
  return readdirSync(new URL(`${day}/`, papersDir)).filter((name) => name.endsWith('.md'));
}

/** Frontmatter `id` and `title` of a paper file, read with plain string matching. */
export function paperRecord(day: string, file: string): { id: string; title: string } {
  const text = readFileSync(new URL(`${day}/${file}`, papersDir), 'utf8');
  const field = (name: string) => {
    const match = text.match(new RegExp(`^${name}: (.*)$`, 'm'));
    if (!match?.[1]) throw new Error(`${file}: no ${name}`);
    const raw = match[1].trim();
    return raw.startsWith("'")
      ? raw.slice(1, -1).replace(/''/g, "'")
      : raw.startsWith('"')
        ? JSON.parse(raw)
        : raw;
  };
  return { id: field('id'), title: field('title') };
}

export const aPaper = paperRecord(latestDay, paperFiles(latestDay)[0] as string);

/** One URL of every page type, relative to the project's baseURL. */
export async function pageTypes(request: APIRequestContext): Promise<{ name: string; path: string }[]> {
  const paperPage = await (await request.get(`papers/${aPaper.id}/`)).text();
  const topicHref = paperPage.match(/href="[^"]*\/topics\/([a-z0-9-]+)\/"/);
  if (!topicHref) throw new Error('The paper page links to no topic');
  return [
    { name: 'home', path: '' },
    { name: 'archive', path: 'days/' },
    { name: 'day', path: `days/${latestDay}/` },
    { name: 'paper', path: `papers/${aPaper.id}/` },
    { name: 'topics', path: 'topics/' },
    { name: 'topic', path: `topics/${topicHref[1]}/` },
    { name: 'search', path: 'search/?q=protein' },
    { name: '404', path: 'no/such/page/' },
  ];
}

/** Every href/src in an HTML document, resolved against its URL. */
export function linksIn(html: string, pageUrl: string): string[] {
  const urls = [...html.matchAll(/\s(?:href|src)="([^"]+)"/g)].map((match) =>
    (match[1] as string).replace(/&amp;/g, '&'),
  );
  return urls.map((url) => new URL(url, pageUrl).href);
}
