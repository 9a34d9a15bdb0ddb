/** arXiv authors write inline math as `\( … \)` and display math as `\[ … \]`; remark-math reads `$`. */
export function normaliseMathDelimiters(text: string): string {
  return text
    .replace(/\\\[([\s\S]+?)\\\]/g, (_, math: string) => `$$${math.trim()}$$`)
    .replace(/\\\(([\s\S]+?)\\\)/g, (_, math: string) => `$${math.trim()}$`);
}

/** Record math is untrusted: no \\href or \\html* commands, no page-sized boxes, no macro bombs. */
export const KATEX_LIMITS = { strict: 'ignore', trust: false, maxSize: 10, maxExpand: 1000 } as const;
