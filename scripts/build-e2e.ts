/** Builds the sites the e2e suite tests (e2e/builds.ts): under /paperboy/ into dist/, at the root into dist-root/. */
import { spawnSync } from 'node:child_process';
import { E2E_SITES, siteEnvironment } from '../e2e/builds.ts';

for (const site of E2E_SITES) {
  const build = spawnSync('npm', ['run', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, ...siteEnvironment(site) },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
