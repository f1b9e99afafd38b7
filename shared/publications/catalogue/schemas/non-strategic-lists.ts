/**
 * Non-strategic (tabular) lists: a JSON array of flat rows, converted from the spreadsheets court staff upload.
 * Specific schemas: non-strategic/common_ns_daily_cause_list.json and non-strategic/sscs_daily_hearing_list.json.
 * Other non-strategic list types are checked against `nonStrategicRowsSchema` (rows of text) until their own schema
 * is written: the master schema describes the courtLists shape and would refuse every tabular payload.
 */
import { z } from 'zod';
import { text } from './common.js';

export const nonStrategicRowsSchema = z.array(z.record(z.string(), z.union([text, z.null()])));
