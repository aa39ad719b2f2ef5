export type { WardenClient } from './types/index.js';
