/**
 * The benchmarked operations through an ORM client: the plain one in bench/orm, the plain and
 * the enhanced one in bench/policy (so both measure exactly the same calls).
 */
export const ormOps = {
  findUnique: (db: any, id: number) => db.post.findUnique({ where: { id } }),
  findManyInclude: (db: any, authorId: number) =>
    db.post.findMany({ where: { authorId }, take: 20, include: { author: true, tags: true } }),
  findManyPage: (db: any, views: number) =>
    db.post.findMany({
      where: { published: true, views: { gt: views } },
      orderBy: { createdAt: 'desc' },
      skip: 20,
      take: 20,
    }),
  count: (db: any) => db.post.count({ where: { published: true } }),
  groupBy: (db: any) =>
    db.post.groupBy({ by: ['authorId'], _count: { _all: true }, _avg: { views: true } }),
  create: (db: any, authorId: number) =>
    db.post.create({
      data: {
        title: `new ${Math.random()}`,
        content: 'c',
        published: true,
        views: 1,
        createdAt: new Date(),
        authorId,
      },
    }),
  nestedCreate: (db: any, authorId: number, n: number) =>
    db.post.create({
      data: {
        title: `nested ${n} ${Math.random()}`,
        createdAt: new Date(),
        author: { connect: { id: authorId } },
        tags: { connect: [{ id: (n % 50) + 1 }, { id: ((n + 7) % 50) + 1 }] },
      },
    }),
  update: (db: any, id: number) =>
    db.post.update({ where: { id }, data: { views: { increment: 1 } } }),
  upsert: (db: any, id: number) =>
    db.post.upsert({
      where: { id },
      create: { title: `u ${Math.random()}`, createdAt: new Date(), authorId: 1 },
      update: { title: `upd ${id}` },
    }),
  delete: (db: any, id: number) => db.post.delete({ where: { id } }),
  freshIds: async (db: any, n: number): Promise<number[]> => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = await db.post.create({
        data: { title: `del ${i} ${Math.random()}`, createdAt: new Date(), authorId: 1 },
        select: { id: true },
      });
      ids.push(p.id);
    }
    return ids;
  },
};
