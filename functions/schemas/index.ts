// Nothing to bind: the schemas are generated from the catalogue. The import starts telemetry, as for every function.
import '../dependencies.js';
import { registerSchemas } from './registration.js';

registerSchemas();
