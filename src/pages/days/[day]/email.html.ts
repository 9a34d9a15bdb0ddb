import { dayEmail, dayFile } from '../../../lib/build/downloads.ts';
import { settings } from '../../../settings.ts';

// The latest days only: an e-mail page is for mailing a day, not an archive (PAPERBOY_EMAIL_DAYS).
export const { getStaticPaths, GET } = dayFile(dayEmail, 'text/html; charset=utf-8', settings.emailDays);
