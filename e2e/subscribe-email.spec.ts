import { expect, test } from '@playwright/test';
import { E2E_MAIL_LIST } from './builds.ts';

/**
 * `/subscribe/` and the e-mail list: the base-path build sets `PAPERBOY_MAIL_SUBSCRIBE` (e2e/builds.ts),
 * so its page says how to join and leave; the root build does not, so its page says the site sends no
 * e-mail and points to RSS-to-e-mail services.
 */

test('/subscribe/ says how to join and leave the e-mail list when the site has one, and that it has none otherwise', async ({
  page,
}, testInfo) => {
  await page.goto('subscribe/');
  const section = page.locator('section', { has: page.getByRole('heading', { name: 'By e-mail' }) });
  if (testInfo.project.name === 'base-path') {
    const join = section.getByRole('link', { name: E2E_MAIL_LIST.PAPERBOY_MAIL_SUBSCRIBE });
    await expect(join).toHaveAttribute(
      'href',
      `mailto:${E2E_MAIL_LIST.PAPERBOY_MAIL_SUBSCRIBE}?subject=subscribe`,
    );
    await expect(section).toContainText('with the subject “subscribe”');
    // Leaving: the sender's address with the subject "unsubscribe", as the List-Unsubscribe header says.
    const leave = section.getByRole('link', { name: 'digest@example.org' });
    await expect(leave).toHaveAttribute('href', 'mailto:digest@example.org?subject=unsubscribe');
    await expect(section).toContainText('Unsubscribe link at the end of any of its e-mails');
    await expect(section).not.toContainText('sends no e-mail');
  } else {
    await expect(section).toContainText('This site sends no e-mail itself');
    await expect(section.locator('a[href^="mailto:"]')).toHaveCount(0);
  }
});
