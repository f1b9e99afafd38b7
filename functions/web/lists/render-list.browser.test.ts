/**
 * Each example list, rendered in en and cy and wrapped in a minimal GOV.UK page (govuk/template.njk, <main>, an h1,
 * govuk-frontend's CSS), loaded in Chromium and checked with axe-core at WCAG 2.2 AA: 0 violations. When no browser
 * can be launched the test fails, saying so: it is never skipped.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { axeViolations, launchChromium } from '../../../test-support/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { govukFrontendDirectory, listEnvironment } from './list-environment.js';
import { exampleInput, listExamples } from './list-examples.test-support.js';
import { listPageView, type ListRenderInput } from './render-list.js';

const govukCss = readFileSync(path.join(govukFrontendDirectory(), 'govuk', 'govuk-frontend.min.css'), 'utf8');
const environment = listEnvironment();

const pageTemplate = `{% extends "govuk/template.njk" %}
{% block pageTitle %}{{ title }}{% endblock %}
{% block head %}<style>{{ css | safe }}</style>{% endblock %}
{% block content %}<h1 class="govuk-heading-l">{{ title }}</h1>{{ fragment | safe }}{% endblock %}`;

function fullPage(input: ListRenderInput): string {
  const view = listPageView(input);
  const fragment = environment.render(view.template, view.context);
  return environment.renderString(pageTemplate, {
    title: view.context.title,
    fragment,
    css: govukCss,
    htmlLang: input.language,
  });
}

describe('list renderings in a browser: axe at WCAG 2.2 AA', () => {
  let browser: Browser | null = null;
  let launchError: unknown = null;

  beforeAll(async () => {
    try {
      browser = await launchChromium();
    } catch (error) {
      launchError = error;
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('reports a violation when there is one (the check is live)', async () => {
    if (browser === null) throw launchError instanceof Error ? launchError : new Error('No browser was launched');
    const page = await browser.newPage();
    try {
      await page.setContent(
        '<html lang="en"><head><title>x</title></head><body><main><h1>x</h1><img src="x.png"></main></body></html>',
      );
      expect((await axeViolations(page)).map((violation) => violation.id)).toContain('image-alt');
    } finally {
      await page.close();
    }
  });

  for (const example of listExamples) {
    for (const language of ['en', 'cy'] as const) {
      it(`${example.file} (${language}) has no axe violations`, async () => {
        if (browser === null) throw launchError instanceof Error ? launchError : new Error('No browser was launched');
        const page = await browser.newPage({ javaScriptEnabled: true });
        try {
          await page.setContent(fullPage(exampleInput(example, language)), { waitUntil: 'domcontentloaded' });
          const violations = (await axeViolations(page)).map(
            (violation) =>
              `${violation.id} (${violation.impact ?? ''}): ${violation.help} at ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
          );
          expect(violations).toEqual([]);
          expect(await page.locator('main h1').count()).toBe(1);
          expect(await page.getAttribute('html', 'lang')).toBe(language);
        } finally {
          await page.close();
        }
      });
    }
  }
});
