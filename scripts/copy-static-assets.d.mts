/**
 * Copies GOV.UK Frontend's compiled assets and accessible-autocomplete's into `target` (default web-static/), and
 * renders the B2C user flow pages into its `b2c/`; answers what was copied and written.
 */
export function copyStaticAssets(target?: string): Promise<string[]>;
