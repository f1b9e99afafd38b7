// Nothing to bind: the document is built from the request schemas. The import starts telemetry, as for every function.
import '../dependencies.js';
import { registerOpenApi } from './registration.js';

registerOpenApi();
