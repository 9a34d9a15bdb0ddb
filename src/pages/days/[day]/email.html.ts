import type { APIRoute, GetStaticPaths } from 'astro';
import { digest, pageKeys } from '../../../lib/site/build-data.ts';
import { dayEmail } from '../../../lib/site/downloads.ts';

export const getStaticPaths = (() =>
  digest.days.map((day) => ({
    params: { day: day.day },
    props: { day },
    cacheKey: pageKeys.dayFile(day),
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(dayEmail(props.day), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
