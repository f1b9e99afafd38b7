import { startLocalIdentityProvider } from './local-identity-provider.js';
const idp = await startLocalIdentityProvider({ port: 0 });
console.log(idp.baseUrl);
setTimeout(() => void idp.stop(), 15000);
