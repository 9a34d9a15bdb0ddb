import type { MailList } from '../../settings.ts';

/** How `/subscribe/` tells readers to join and leave the e-mail list (`PAPERBOY_MAIL_SUBSCRIBE`). */

export interface MailListLink {
  href: string;
  /** The address of a `mailto:` link, else the URL itself. */
  label: string;
  byMail: boolean;
  /** A `mailto:` link's subject, which readers should keep. */
  subject?: string | undefined;
}

function mailListLink(url: string): MailListLink {
  if (!url.toLowerCase().startsWith('mailto:')) return { href: url, label: url, byMail: false };
  const [address = '', query = ''] = url.slice('mailto:'.length).split('?');
  return {
    href: url,
    label: decodeURIComponent(address),
    byMail: true,
    subject: new URLSearchParams(query).get('subject') ?? undefined,
  };
}

export function mailListView(list: MailList): { join: MailListLink; leave: MailListLink } {
  return { join: mailListLink(list.subscribe), leave: mailListLink(list.unsubscribe) };
}
