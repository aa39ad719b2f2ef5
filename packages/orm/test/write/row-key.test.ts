import { describe, expect, it } from 'vitest';
import type { ModelDef } from '@warden/schema';
import { rowKey } from '../../src/index.js';

const model = (idFields: string[]) => ({ name: 'M', idFields }) as unknown as ModelDef;

describe('rowKey', () => {
  const one = model(['id']);
  const two = model(['a', 'b']);

  it('tells apart DateTime ids within one second, and numbers from strings', () => {
    const at = (ms: number) => rowKey(one, { id: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms)) });
    expect(at(1)).not.toBe(at(2));
    expect(at(1)).toBe(at(1));
    expect(rowKey(one, { id: 1 })).not.toBe(rowKey(one, { id: '1' }));
    expect(rowKey(one, { id: 1n })).not.toBe(rowKey(one, { id: 1 }));
  });

  it('ignores other fields, keeps compound parts apart, and is undefined without an id', () => {
    expect(rowKey(one, { id: 7, title: 'x' })).toBe(rowKey(one, { id: 7 }));
    expect(rowKey(two, { a: 'x:1', b: '2' })).not.toBe(rowKey(two, { a: 'x', b: '1:2' }));
    expect(rowKey(two, { a: 'x', b: null })).toBeUndefined();
    expect(rowKey(one, {})).toBeUndefined();
    expect(rowKey(one, { id: new Uint8Array([1, 2]) })).not.toBe(rowKey(one, { id: '1,2' }));
  });
});
