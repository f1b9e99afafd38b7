/**
 * The query strings of the read API's routes. The handlers validate with them and the OpenAPI document is generated
 * from them, so both live here rather than in either function's folder.
 */
import { z } from 'zod';
import { filterText, idParameter } from './query.js';

/** GET api/publications */
export const publicationSummaryQuerySchema = z.object({
  locationId: idParameter,
});

/** GET api/locations: region and jurisdiction repeat, or are comma-separated; the language is en or cy. */
export const locationsQuerySchema = z.object({
  region: z.array(filterText),
  jurisdiction: z.array(filterText),
  language: filterText.optional(),
});
