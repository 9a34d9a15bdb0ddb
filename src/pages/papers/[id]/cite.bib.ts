import type { APIRoute, GetStaticPaths } from 'astro';
import { digest, pageKeys } from '../../../lib/site/build-data.ts';
import { paperBibtex } from '../../../lib/site/downloads.ts';

export const getStaticPaths = (() =>
  digest.papers.map((paper) => ({
    params: { id: paper.id },
    props: { paper },
    cacheKey: pageKeys.record(paper),
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(paperBibtex(props.paper), {
    headers: { 'Content-Type': 'application/x-bibtex; charset=utf-8' },
  });
