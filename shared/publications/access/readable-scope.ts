/**
 * What a caller may read, as a filter a listing can run in SQL: the sensitivities, and which list types (and whether
 * publications without one) it reads when CLASSIFIED. Derived from the one rule (can-read-publication.ts) by asking
 * it about every list type, so the two cannot disagree; listings still check each row with the rule.
 */
import type { Principal } from '../../auth/principal.js';
import { listTypes } from '../catalogue/list-types.js';
import { sensitivities, type Sensitivity } from '../publication.js';
import { canReadPublication } from './can-read-publication.js';

export interface ReadableScope {
  /** Sensitivities readable whatever the list type (PUBLIC, PRIVATE, INTERNAL as the caller's roles allow). */
  sensitivities: Sensitivity[];
  /** CLASSIFIED list types the caller reads. */
  classifiedListTypes: string[];
  /** Whether CLASSIFIED publications without a list type are readable. */
  classifiedWithoutListType: boolean;
}

const always = { displayFrom: new Date(0), displayTo: null };

export function readableScope(principal: Principal): ReadableScope {
  const now = new Date(1);
  const reads = (sensitivity: Sensitivity, listType: string | null) =>
    canReadPublication(principal, { sensitivity, listType, ...always }, now).allowed;
  return {
    sensitivities: sensitivities.filter((sensitivity) => sensitivity !== 'CLASSIFIED' && reads(sensitivity, null)),
    classifiedListTypes: listTypes
      .filter((listType) => reads('CLASSIFIED', listType.id))
      .map((listType) => listType.id),
    classifiedWithoutListType: reads('CLASSIFIED', null),
  };
}
