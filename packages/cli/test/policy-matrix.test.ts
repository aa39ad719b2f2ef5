import { describe, expect, it } from 'vitest';
import { renderMatrix } from '../src/commands/policy-matrix.js';
import { run } from './helpers.js';

describe('renderMatrix', () => {
  it('lays models out in the order given, one column per operation', () => {
    const lines = renderMatrix(
      {
        Post: { create: true, read: true, update: false, delete: false },
        VerificationToken: { create: false, read: false, update: false, delete: true },
      },
      ['VerificationToken', 'Post', 'Missing'],
    );
    expect(lines).toEqual([
      'model              create  read  update  delete',
      'VerificationToken  no      no    no      yes',
      'Post               yes     yes   no      no',
      'Missing            no      no    no      no',
    ]);
  });
});

describe('warden policy matrix arguments', () => {
  it.each([
    ['{"role":', 'not valid JSON'],
    ['[1,2]', 'must be a JSON object'],
    ['"Writer"', 'must be a JSON object'],
  ])('rejects --user %s as a usage error', async (user, message) => {
    const { code, stderr } = await run(['policy', 'matrix', '--user', user]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain("Run 'warden policy matrix --help'");
  });
});
