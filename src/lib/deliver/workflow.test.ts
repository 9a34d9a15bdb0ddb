import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { ENVIRONMENT } from '../../settings.ts';

/**
 * The delivery's place in the workflows, which actionlint cannot judge: it runs only after a deploy
 * that succeeded, sends with read-only access, gets its secrets through `env:` only (never `${{ }}`
 * inside a script, where a value would become shell code), and hands its state file to the one job
 * that may push, which commits nothing else.
 */

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  secrets?: Record<string, string>;
  permissions?: Record<string, string>;
  steps?: Step[];
}
interface Workflow {
  on: Record<string, { inputs?: Record<string, unknown>; secrets?: Record<string, unknown> } | null>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const dailyText = read('.github/workflows/daily.yml');
const deliverText = read('.github/workflows/deliver.yml');
const daily = parse(dailyText) as Workflow;
const deliver = parse(deliverText) as Workflow;
const call = daily.jobs.deliver as Job;
const SECRETS = [
  'PAPERBOY_SMTP_URL',
  'PAPERBOY_MAIL_TO',
  'PAPERBOY_SLACK_WEBHOOK_URL',
  'PAPERBOY_DISCORD_WEBHOOK_URL',
  'PAPERBOY_TELEGRAM_BOT_TOKEN',
  'PAPERBOY_TELEGRAM_CHAT_ID',
  'PAPERBOY_WEBHOOK_URL',
  'PAPERBOY_WEBHOOK_SECRET',
];

describe('daily.yml delivers after a successful deploy, through deliver.yml', () => {
  test('the delivery job needs the deploy and runs only when it succeeded', () => {
    expect(call.uses).toBe('./.github/workflows/deliver.yml');
    expect([call.needs].flat()).toContain('deploy');
    // No always(), failure() or cancelled(): a failed or skipped deploy skips the delivery.
    expect(call.if).toBe("needs.deploy.result == 'success'");
    expect(call.with?.ref).toBe(`\${{ needs.commit.outputs.commit }}`);
  });

  test('deliver.yml starts only from daily.yml or by hand, never on a push or a schedule', () => {
    expect(Object.keys(deliver.on).sort()).toEqual(['workflow_call', 'workflow_dispatch']);
    expect(deliver.permissions).toEqual({});
  });

  test('the secrets deliver.yml declares are passed by name, each from the secret of the same name', () => {
    expect(Object.keys(deliver.on.workflow_call?.secrets ?? {})).toEqual(SECRETS);
    expect(call.secrets).toEqual(
      Object.fromEntries(SECRETS.map((name) => [name, `\${{ secrets.${name} }}`])),
    );
  });

  test('the sending job reads only; the recording job, the only one that writes, commits only the state file', () => {
    const { deliver: sending, record } = deliver.jobs;
    expect(sending?.permissions).toEqual({ contents: 'read', pages: 'read' });
    expect(record?.permissions).toEqual({ contents: 'write' });
    expect([record?.needs].flat()).toEqual(['deliver']);
    // Also after a failed delivery: its claims must be committed.
    expect(record?.if).toBe("always() && needs.deliver.result != 'skipped'");
    const commit = record?.steps?.find((step) => step.run?.includes('git commit'));
    expect(commit?.run).toContain('git add content/delivery-state.json\n');
    expect(commit?.run).toMatch(/git commit .* -- content\/delivery-state\.json/);
    // The caller grants what both jobs ask, and no more.
    expect(call.permissions).toEqual({ contents: 'write', pages: 'read' });
  });

  test('the state file travels as an artifact, uploaded even when the delivery failed', () => {
    const upload = deliver.jobs.deliver?.steps?.find((step) =>
      step.uses?.startsWith('actions/upload-artifact@'),
    );
    const download = deliver.jobs.record?.steps?.find((step) =>
      step.uses?.startsWith('actions/download-artifact@'),
    );
    expect(upload?.if).toBe('always()');
    expect(upload?.with?.name).toBe(download?.with?.name);
    const run = deliver.jobs.deliver?.steps?.find((step) => step.run?.includes('npm run deliver'));
    expect(upload?.with?.path).toBe(run?.env?.PAPERBOY_DELIVER_STATE);
    expect(`${download?.with?.path}/delivery-state.json`).toBe(
      ENVIRONMENT.find((variable) => variable.name === 'PAPERBOY_DELIVER_STATE')?.default,
    );
  });

  test('one delivery at a time, in a group of its own that daily.yml does not take', () => {
    expect(deliver.concurrency).toEqual({ group: 'paperboy-delivery', 'cancel-in-progress': false });
    expect(dailyText).not.toContain('paperboy-delivery');
  });

  test('secrets reach the script through env: only, never as an expression inside run:', () => {
    for (const workflow of [daily, deliver])
      for (const job of Object.values(workflow.jobs))
        for (const step of job.steps ?? []) {
          expect(step.run ?? '').not.toContain('${{');
          for (const value of Object.values(step.with ?? {})) expect(String(value)).not.toMatch(/secrets\./);
        }
    const run = deliver.jobs.deliver?.steps?.find((step) => step.run?.includes('npm run deliver'));
    for (const name of SECRETS) expect(run?.env?.[name]).toBe(`\${{ secrets.${name} }}`);
    // Every mention of a secret is one of those env entries or the call's pass-through.
    expect(deliverText.match(/secrets\.\w+/g)?.length).toBe(SECRETS.length);
    expect(dailyText.match(/secrets\.\w+/g)?.length).toBe(SECRETS.length);
  });

  test('every variable and secret the delivery reads is a setting the README documents', () => {
    const readme = read('README.md');
    const names = new Set(ENVIRONMENT.map((variable) => variable.name));
    const used = [...deliverText.matchAll(/\b(?:vars|secrets)\.([A-Z_]+)/g)].map(
      (match) => match[1] as string,
    );
    for (const name of used) {
      expect(names.has(name)).toBe(true);
      expect(readme).toContain(`\`${name}\``);
    }
  });
});
