/**
 * Copies GOV.UK Frontend's compiled assets and accessible-autocomplete's into `target` (default web-static/); answers
 * what was copied.
 */
export function copyStaticAssets(target?: string): Promise<string[]>;
