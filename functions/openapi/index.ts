import { registerOpenApi } from './registration.js';

registerOpenApi();
