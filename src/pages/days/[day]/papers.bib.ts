import { dayBibtex, dayFile } from '../../../lib/build/downloads.ts';

export const { getStaticPaths, GET } = dayFile(dayBibtex, 'application/x-bibtex; charset=utf-8');
