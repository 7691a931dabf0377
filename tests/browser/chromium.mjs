// Launching the machine's Chromium for the browser checks and screenshots.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

// Flags for a closed network and a root user (see the README): no background
// connections, no sandbox, a fresh profile per launch (playwright makes one).
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** The Chromium to drive: $CHROME, else the first of the usual paths; null if none. */
export function findChromium() {
  const candidates = [process.env.CHROME, '/usr/bin/chromium', '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}

export async function launch() {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found (apt-get install chromium, or set CHROME)');
  return chromium.launch({ executablePath, args: ARGS, headless: true });
}
