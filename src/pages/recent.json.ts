import type { APIRoute } from 'astro';
import { recentPapersFile } from '../lib/build/data.ts';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(recentPapersFile()), { headers: { 'Content-Type': 'application/json' } });
