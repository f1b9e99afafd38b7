/**
 * Copies GOV.UK Frontend's compiled assets and accessible-autocomplete's into `target` (default web-static/), and
 * renders the B2C user flow and shutter pages into its `b2c/` and `shutter/`; answers what was copied and written.
 */
export function copyStaticAssets(target?: string): Promise<string[]>;
