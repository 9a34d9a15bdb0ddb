import type { APIRoute, GetStaticPaths } from 'astro';
import { digest, pageKeys } from '../../../lib/build/data.ts';
import { dayEmail } from '../../../lib/build/downloads.ts';
import { settings } from '../../../settings.ts';

// The latest days only: an e-mail page is for mailing a day, not an archive (PAPERBOY_EMAIL_DAYS).
export const getStaticPaths = (() =>
  digest.days.slice(0, settings.emailDays).map((day) => ({
    params: { day: day.day },
    props: { day },
    cacheKey: pageKeys.dayFile(day),
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(dayEmail(props.day), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
