// Every test file gets the local runtime's `@azure/functions-core`, so `app.*` registers as it does under a host.
import { installFunctionsCore } from '../local/runtime/functions-core-shim.js';

installFunctionsCore();
