import { describe, expect, it } from 'vitest';
import { formatDiagnostic, loadSchema } from '../src/index.js';

// `currentModel()` / `currentOperation()` take an optional casing; any other text used to be
// accepted and ignored, so a rule compared the wrong name without a word. It is a load error
// now, at the argument.
const schemaWith = (call: string) => `datasource db {
  provider = "sqlite"
  url      = "file:x.db"
}
model Doc {
  id Int @id
  @@allow('read', ${call} == 'DOC')
}
`;

describe('the casing argument of currentModel() and currentOperation()', () => {
  it.each(['upper', 'lower', 'capitalize', 'uncapitalize'])('accepts %s', async (casing) => {
    const r = await loadSchema({ text: schemaWith(`currentModel('${casing}')`) });
    expect(r.ok).toBe(true);
  });

  it('reports an unknown casing with file, line and column', async () => {
    for (const call of [`currentModel('foo')`, `currentOperation('UPPER')`]) {
      const r = await loadSchema({ text: schemaWith(call), path: 'docs.zmodel' });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      const [d] = r.diagnostics;
      const column = 19 + call.indexOf("'");
      expect(d).toMatchObject({ code: 'invalid-argument', file: 'docs.zmodel', line: 7, column });
      expect(formatDiagnostic(d!)).toContain(`docs.zmodel:7:${column}`);
      expect(d!.message).toContain("'upper', 'lower', 'capitalize', 'uncapitalize'");
    }
  });

  it('still reports an argument that is not a string as a type error', async () => {
    const r = await loadSchema({ text: schemaWith('currentModel(1)') });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.code).toBe('type-mismatch');
  });
});
