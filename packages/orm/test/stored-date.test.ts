import { describe, expect, it } from 'vitest';
import { fieldDecoder } from '../src/codec/decode.js';
import { blogSchema } from './fixtures/blog-schema.js';
import { seededRandom } from '@warden/test-kit';

// SQLite stores DateTime as ISO text; the decoder reads the usual form field by field and must
// agree with `new Date(text)` on every text, the unusual ones included.
describe('reading SQLite DateTime text', () => {
  const field = Object.values(blogSchema.models)
    .flatMap((m) => Object.values(m.fields))
    .find((f) => f.type === 'DateTime' && !f.list)!;
  const decode = fieldDecoder(blogSchema, 'sqlite', field, 'column');

  it('agrees with new Date() on 20,000 random instants from year 1 to 9999', () => {
    const random = seededRandom(7);
    const min = new Date(0).setUTCFullYear(1, 0, 1); // Date.UTC reads year 1 as 1901
    const max = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    for (let i = 0; i < 20_000; i++) {
      const text = new Date(min + Math.floor(random() * (max - min))).toISOString();
      expect((decode(text) as Date).getTime(), text).toBe(new Date(text).getTime());
    }
  });

  it('leaves unusual texts to the general parser, with the same answer', () => {
    for (const text of [
      '0050-06-01T00:00:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '2024-02-29T12:00:00.000Z',
      '2023-02-29T12:00:00.000Z',
      '1900-02-29T12:00:00.000Z',
      '2000-02-29T12:00:00.000Z',
      '2024-04-31T00:00:00.000Z',
      '2024-01-01T10:6:00.000Z',
      '2024-01-01T10:00:00.0-1Z',
      '2024-01-01T-1:00:00.000Z',
      '2024-02-30T00:00:00.000Z',
      '2024-13-01T00:00:00.000Z',
      '2024-01-31T00:00:00.000Z',
      '2024-01-01T24:00:00.000Z',
      '2024-01-01 10:00:00',
      '2024-01-01T10:00:00Z',
      '2024-01-01T10:00:00.000+01:00',
      '+012024-01-01T00:00:00.000Z',
      '2024-0a-01T00:00:00.000Z',
      'not a date',
    ]) {
      const got = decode(text) as Date;
      const want = new Date(text);
      expect(Number.isNaN(got.getTime()) ? 'invalid' : got.getTime(), text).toBe(
        Number.isNaN(want.getTime()) ? 'invalid' : want.getTime(),
      );
    }
  });
});
