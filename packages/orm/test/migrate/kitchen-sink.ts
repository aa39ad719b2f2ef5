import type { SchemaDef } from '@warden/schema';
import { f, model, rel, schema } from './fixtures.js';

/** Every scalar type, enums, lists, composite keys, every relation kind, @map and @@map. */
export function kitchenSink(): SchemaDef {
  return schema(
    [
      model('Account', {
        dbName: 'accounts',
        fields: {
          id: f({ type: 'String', id: true, default: { kind: 'function', name: 'cuid' } }),
          email: f({ type: 'String', dbName: 'email_address', unique: true }),
          nick: f({ type: 'String', optional: true, default: { kind: 'value', value: "it's" } }),
          age: f({ type: 'Int', default: { kind: 'value', value: -1 } }),
          big: f({
            type: 'BigInt',
            default: { kind: 'value', value: { bigint: '9007199254740993' } },
          }),
          score: f({ type: 'Float', default: { kind: 'value', value: 1.5 } }),
          balance: f({ type: 'Decimal', default: { kind: 'value', value: '10.25' } }),
          active: f({ type: 'Boolean', default: { kind: 'value', value: true } }),
          born: f({
            type: 'DateTime',
            default: { kind: 'value', value: '2024-01-02T03:04:05.678Z' },
          }),
          createdAt: f({ type: 'DateTime', default: { kind: 'function', name: 'now' } }),
          updatedAt: f({ type: 'DateTime', updatedAt: true }),
          meta: f({ type: 'Json', default: { kind: 'value', value: '{"b": [1, 2], "a": true}' } }),
          avatar: f({ type: 'Bytes', optional: true }),
          role: f({ kind: 'enum', type: 'Role', default: { kind: 'enum', value: 'USER' } }),
          roles: f({ kind: 'enum', type: 'Role', list: true }),
          tags: f({ type: 'String', list: true, default: { kind: 'value', value: ['a b', 'c'] } }),
          lucky: f({ type: 'Int', list: true }),
          secret: f({ type: 'String', optional: true, ignored: true }),
          seq: f({
            type: 'Int',
            default: { kind: 'function', name: 'dbgenerated', args: ['1 + 1'] },
          }),
          profile: rel('Profile', { kind: 'one-to-one', opposite: 'account' }, { optional: true }),
          memberships: rel(
            'Membership',
            { kind: 'one-to-many', opposite: 'account' },
            { list: true },
          ),
          groups: rel(
            'Group',
            {
              kind: 'many-to-many',
              opposite: 'accounts',
              joinTable: { name: '_AccountToGroup', column: 'A', otherColumn: 'B' },
            },
            { list: true },
          ),
          managerId: f({ type: 'String', optional: true }),
          manager: rel(
            'Account',
            {
              kind: 'many-to-one',
              name: 'Manages',
              opposite: 'reports',
              fields: ['managerId'],
              references: ['id'],
            },
            { optional: true },
          ),
          reports: rel(
            'Account',
            { kind: 'one-to-many', name: 'Manages', opposite: 'manager' },
            { list: true },
          ),
        },
        uniques: [{ name: 'email', fields: ['email'] }],
        indexes: [{ fields: ['age', 'score'] }],
      }),
      model('Profile', {
        fields: {
          id: f({ type: 'Int', id: true, default: { kind: 'function', name: 'autoincrement' } }),
          bio: f({ type: 'String', optional: true }),
          accountId: f({ type: 'String', unique: true }),
          account: rel('Account', {
            kind: 'one-to-one',
            opposite: 'profile',
            fields: ['accountId'],
            references: ['id'],
            onDelete: 'Cascade',
          }),
        },
        uniques: [{ name: 'accountId', fields: ['accountId'] }],
      }),
      model('Group', {
        fields: {
          id: f({ type: 'Int', id: true, default: { kind: 'function', name: 'autoincrement' } }),
          name: f({ type: 'String' }),
          accounts: rel(
            'Account',
            {
              kind: 'many-to-many',
              opposite: 'groups',
              joinTable: { name: '_AccountToGroup', column: 'B', otherColumn: 'A' },
            },
            { list: true },
          ),
          memberships: rel(
            'Membership',
            { kind: 'one-to-many', opposite: 'group' },
            { list: true },
          ),
        },
      }),
      model('Membership', {
        dbName: 'memberships',
        fields: {
          accountId: f({ type: 'String', dbName: 'account_id' }),
          groupId: f({ type: 'Int', dbName: 'group_id' }),
          since: f({ type: 'DateTime', default: { kind: 'function', name: 'now' } }),
          slot: f({ type: 'Int' }),
          account: rel('Account', {
            kind: 'many-to-one',
            opposite: 'memberships',
            fields: ['accountId'],
            references: ['id'],
            onDelete: 'Cascade',
          }),
          group: rel('Group', {
            kind: 'many-to-one',
            opposite: 'memberships',
            fields: ['groupId'],
            references: ['id'],
          }),
        },
        idFields: ['accountId', 'groupId'],
        uniques: [
          { name: 'group_slot', fields: ['groupId', 'slot'], dbName: 'membership_slot_unique' },
        ],
      }),
    ],
    {
      Role: { name: 'Role', values: ['USER', 'ADMIN', 'Owner'], dbNames: { Owner: 'owner' } },
    },
  );
}
