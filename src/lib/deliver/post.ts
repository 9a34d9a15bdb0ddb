import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration, type HttpOptions, parseRetryAfter, retryDelay } from '../fetch/http.ts';

/**
 * One POST of a delivery, with the fetcher's retry policy (backoff doubled each time, `Retry-After`
 * honoured up to a cap) but a narrower rule for what is retried: only an answer of 429 or 5xx, which
 * says the message was not taken. A timeout or a dropped connection is never retried, since the
 * message may have arrived: a reader must not get it twice. Redirects are not followed (a POST
 * redirected would turn into a GET).
 */

export type PostOptions = HttpOptions & {
  /** A wait the service asks for in its body rather than a header (Telegram's `parameters.retry_after`). */
  retryAfterOf?: (body: string) => number | undefined;
};

export type PostResult =
  | { ok: true; status: number; body: string }
  | { ok: false; message: string; status?: number; attempts: number };

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** What a failed request means for the message: a timeout or a cut connection may have delivered it. */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${formatDuration(timeoutMs)} (timed out; it may have arrived, so it is not sent again)`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return `the request failed${code}: ${error instanceof Error ? error.message : String(error)} (not sent again: it may have arrived)`;
}

/** The start of an error answer, on one line, so a message can say what the service objected to. */
function excerptBody(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/** POSTs `body` to `url`, retrying on 429 and 5xx only; `label` names the message in retry lines. */
export async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
  label: string,
): Promise<PostResult> {
  const total = options.retries + 1;
  for (let attempt = 1; ; attempt += 1) {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'user-agent': options.userAgent, ...headers },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      return { ok: false, message: describeFailure(error, options.timeoutMs), attempts: attempt };
    }
    if (response.status >= 200 && response.status < 300)
      return { ok: true, status: response.status, body: text };
    const problem = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${text ? `: ${excerptBody(text)}` : ''}`;
    if (!retryable(response.status))
      return { ok: false, message: problem, status: response.status, attempts: attempt };
    if (attempt >= total)
      return {
        ok: false,
        message: `${problem}, after ${total} attempts`,
        status: response.status,
        attempts: attempt,
      };
    const asked = parseRetryAfter(response.headers.get('retry-after')) ?? options.retryAfterOf?.(text);
    const wait = retryDelay(attempt, asked, options);
    const why =
      asked === undefined
        ? ''
        : asked > options.maxWaitMs
          ? ` (asked for ${formatDuration(asked)}, capped)`
          : ' (as asked)';
    options.onRetry?.(
      label,
      `HTTP ${response.status}; sending again in ${formatDuration(wait)}${why} (attempt ${attempt + 1} of ${total})`,
    );
    await sleep(wait);
  }
}
