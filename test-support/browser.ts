/**
 * Chromium for browser tests: Debian's (/usr/bin/chromium) where installed, otherwise the one inside the
 * @sparticuz/chromium package, so a fresh machine runs them too. If neither starts the test fails saying why; it is
 * never skipped. axe-core is evaluated through the DevTools protocol, which our CSP does not (and must not) allow
 * as a page script.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const debianChromium = '/usr/bin/chromium';
const debianArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  const failures: string[] = [];
  if (existsSync(debianChromium)) {
    try {
      return await chromium.launch({ executablePath: debianChromium, args: debianArgs });
    } catch (error) {
      failures.push(`${debianChromium}: ${String(error)}`);
    }
  } else {
    failures.push(`${debianChromium}: not installed`);
  }
  try {
    const sparticuz = (await import('@sparticuz/chromium')).default;
    return await chromium.launch({ executablePath: await sparticuz.executablePath(), args: sparticuz.args });
  } catch (error) {
    failures.push(`@sparticuz/chromium: ${String(error)}`);
  }
  throw new Error(`Browser tests need Chromium and none could be launched:\n${failures.join('\n')}`);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string }[];
}

/** WCAG 2.2 AA violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run('html', {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  });
}
