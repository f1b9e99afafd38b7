/**
 * Chromium for browser tests. TEST_CHROMIUM chooses which:
 * - unset (or `auto`): Debian's (/usr/bin/chromium) where installed, otherwise the one inside the @sparticuz/chromium
 *   package, so a fresh machine with only Node runs them too;
 * - `system`: Debian's only (the test fails if it is not installed);
 * - `bundled`: @sparticuz/chromium only, even where Debian's is installed (CI runs the browser tests once more so).
 * If the chosen one does not start the test fails saying why; it is never skipped. axe-core is evaluated through the
 * DevTools protocol, which our CSP does not (and must not) allow as a page script.
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

export type ChromiumChoice = 'auto' | 'system' | 'bundled';

/** TEST_CHROMIUM, checked: a misspelt value fails the run rather than quietly testing another browser. */
export function chromiumChoice(value: string | undefined): ChromiumChoice {
  const choice = (value ?? '').trim().toLowerCase();
  if (choice === '' || choice === 'auto') return 'auto';
  if (choice === 'system' || choice === 'bundled') return choice;
  throw new Error(`TEST_CHROMIUM must be system, bundled or auto (or unset), not "${value ?? ''}"`);
}

/**
 * @sparticuz/chromium's flags are made for one page per browser in AWS Lambda. With `--single-process` the browser
 * exits when its first context closes, and every later `newContext()` fails with "Target page, context or browser
 * has been closed"; it is the only one of them that ties the browser's life to a context (checked: `--no-zygote` and
 * the rest keep many contexts working, test-support/browser.browser.test.ts).
 */
export function bundledChromiumArgs(args: readonly string[]): string[] {
  return args.filter((arg) => arg !== '--single-process');
}

async function launchDebian(): Promise<Browser> {
  if (!existsSync(debianChromium)) throw new Error('not installed');
  return chromium.launch({ executablePath: debianChromium, args: debianArgs });
}

async function launchBundled(): Promise<Browser> {
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return chromium.launch({
    executablePath: await sparticuz.executablePath(),
    args: bundledChromiumArgs(sparticuz.args),
  });
}

/** Which Chromium launchChromium starts under the current TEST_CHROMIUM, for messages and tests. */
export function chosenChromium(
  choice: ChromiumChoice = chromiumChoice(process.env.TEST_CHROMIUM),
): 'system' | 'bundled' {
  if (choice === 'auto') return existsSync(debianChromium) ? 'system' : 'bundled';
  return choice;
}

export async function launchChromium(
  choice: ChromiumChoice = chromiumChoice(process.env.TEST_CHROMIUM),
): Promise<Browser> {
  const candidates: ['system' | 'bundled', () => Promise<Browser>][] =
    choice === 'system'
      ? [['system', launchDebian]]
      : choice === 'bundled'
        ? [['bundled', launchBundled]]
        : [
            ['system', launchDebian],
            ['bundled', launchBundled],
          ];
  const failures: string[] = [];
  for (const [name, launch] of candidates) {
    try {
      return await launch();
    } catch (error) {
      failures.push(`${name === 'system' ? debianChromium : '@sparticuz/chromium'}: ${String(error)}`);
    }
  }
  throw new Error(
    `Browser tests need Chromium (TEST_CHROMIUM=${choice}) and none could be launched:\n${failures.join('\n')}`,
  );
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
