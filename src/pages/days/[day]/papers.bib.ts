import type { APIRoute, GetStaticPaths } from 'astro';
import { digest, pageKeys } from '../../../lib/build/data.ts';
import { dayBibtex } from '../../../lib/build/downloads.ts';

export const getStaticPaths = (() =>
  digest.days.map((day) => ({
    params: { day: day.day },
    props: { day },
    cacheKey: pageKeys.dayFile(day),
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(dayBibtex(props.day), { headers: { 'Content-Type': 'application/x-bibtex; charset=utf-8' } });
