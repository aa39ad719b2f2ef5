export { main } from './main.js';
export type { CliIo, OutputStream } from './io.js';
