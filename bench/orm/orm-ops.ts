/** The benchmarked operations through the ORM. */
export function ormOps(db: any) {
  const hasWrites = typeof db.post.create === 'function';
  return {
    hasWrites,
    findUnique: (id: number) => db.post.findUnique({ where: { id } }),
    findManyInclude: (authorId: number) =>
      db.post.findMany({ where: { authorId }, take: 20, include: { author: true, tags: true } }),
    findManyPage: (views: number) =>
      db.post.findMany({
        where: { published: true, views: { gt: views } },
        orderBy: { createdAt: 'desc' },
        skip: 20,
        take: 20,
      }),
    count: () => db.post.count({ where: { published: true } }),
    groupBy: () =>
      db.post.groupBy({ by: ['authorId'], _count: { _all: true }, _avg: { views: true } }),
    create: (authorId: number) =>
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
    nestedCreate: (authorId: number, n: number) =>
      db.post.create({
        data: {
          title: `nested ${n} ${Math.random()}`,
          createdAt: new Date(),
          author: { connect: { id: authorId } },
          tags: { connect: [{ id: (n % 50) + 1 }, { id: ((n + 7) % 50) + 1 }] },
        },
      }),
    update: (id: number) => db.post.update({ where: { id }, data: { views: { increment: 1 } } }),
    upsert: (id: number) =>
      db.post.upsert({
        where: { id },
        create: { title: `u ${Math.random()}`, createdAt: new Date(), authorId: 1 },
        update: { title: `upd ${id}` },
      }),
    delete: (id: number) => db.post.delete({ where: { id } }),
    freshIds: async (n: number): Promise<number[]> => {
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
}
