// CommonJS: on Node 20.19+ require() loads the ESM-only packages (require(esm)).
const { createClient } = require('@warden/orm');
const { enhance } = require('@warden/policy');
const { createFetchClient } = require('@warden/client');
const { createExpressMiddleware } = require('@warden/server');
console.log(
  JSON.stringify(
    [createClient, enhance, createFetchClient, createExpressMiddleware].map((f) => typeof f),
  ),
);
