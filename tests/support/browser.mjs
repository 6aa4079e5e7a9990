#!/usr/bin/env node
/* global process, console */
/**
 * Finds the Chromium the browser and end-to-end tests drive, before any of them starts, so that a
 * machine without one stops at once with the command to run instead of failing deep inside
 * Playwright. In order: `NEARBUY_CHROMIUM`; Debian's `/usr/bin/chromium`; Playwright's own
 * Chromium when one is installed; else, as root with apt-get, Debian's package is installed.
 * Nothing is ever downloaded from outside a package manager.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const HOW = 'apt-get install -y chromium';

function playwrightChromium() {
  try {
    return import('playwright').then(
      (pw) => pw.chromium.executablePath(),
      () => null,
    );
  } catch {
    return Promise.resolve(null);
  }
}

function fail(message) {
  console.error(`\nbrowser tests: ${message}\n`);
  process.exit(1);
}

const override = process.env.NEARBUY_CHROMIUM;
if (override) {
  if (!existsSync(override))
    fail(`NEARBUY_CHROMIUM=${override} does not exist. Point it at a Chromium, or unset it to use ${DEBIAN_CHROMIUM}.`);
  process.exit(0);
}
if (existsSync(DEBIAN_CHROMIUM)) process.exit(0);
const own = await playwrightChromium();
if (own && existsSync(own)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.error(`browser tests: no Chromium found; installing Debian's (${HOW})`);
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } catch {
    fail(`installing Chromium failed. Run: ${HOW}`);
  }
  if (existsSync(DEBIAN_CHROMIUM)) process.exit(0);
}
fail(`no Chromium found. Run: sudo ${HOW}   (or set NEARBUY_CHROMIUM to a Chromium binary)`);
