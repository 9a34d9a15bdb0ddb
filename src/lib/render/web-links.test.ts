import { expect, test } from 'vitest';
import { EXTERNAL_REL, recordLinkRel } from './web-links.ts';

test("a paper's own archive pages are plain links; every other record link is not endorsed and sends no referrer", () => {
  for (const url of [
    'https://arxiv.org/abs/2410.18775',
    'https://arxiv.org/pdf/2410.18775',
    'https://arxiv.org/search/?searchtype=title&query=A%20title',
    'https://huggingface.co/papers/2410.18775',
  ])
    expect(recordLinkRel(url), url).toBeUndefined();
  for (const url of [
    'https://github.com/Shilin-LU/VINE',
    'https://huggingface.co/spaces/someone/demo',
    'https://huggingface.co/someone/model',
    'https://arxiv.org.example.com/abs/2410.18775',
    'https://arxiv.org@example.com/abs/2410.18775',
    'https://example.com/?next=https://arxiv.org/abs/2410.18775',
    'http://arxiv.org/abs/2410.18775',
    'https://huggingface.co/papersx/2410.18775',
  ])
    expect(recordLinkRel(url), url).toBe(EXTERNAL_REL);
});
