/** Copies GOV.UK Frontend's compiled assets into `target` (default web-static/); answers what was copied. */
export function copyStaticAssets(target?: string): Promise<string[]>;
