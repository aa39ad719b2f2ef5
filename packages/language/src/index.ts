export { loadSchema, type LoadResult } from './load-schema.js';
export type { Diagnostic } from './diagnostic.js';
export { formatDiagnostic } from './format-diagnostic.js';
export { formatSchema } from './format-schema.js';
export { importPrismaSchema } from './import-prisma.js';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes.js';
