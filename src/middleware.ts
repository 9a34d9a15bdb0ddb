import { defineMiddleware } from 'astro:middleware';
import { compactHtml } from './lib/render/compact-html.ts';

/**
 * Every HTML page the build renders, in fewer bytes (`render/compact-html.ts`: optional quotes and
 * implied end tags left out). Not the e-mail-ready days: mail clients read HTML their own way, and
 * those pages are few. Pages the incremental build copies from the previous build were compacted
 * when they were rendered.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const html = response.headers.get('content-type')?.startsWith('text/html') ?? false;
  if (!html || context.url.pathname.endsWith('/email.html')) return response;
  return new Response(compactHtml(await response.text()), response);
});
