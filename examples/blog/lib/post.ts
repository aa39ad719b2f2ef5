/** A post as the API returns it (dates arrive as ISO strings over JSON). */
export interface Post {
  readonly id: string;
  readonly title: string;
  readonly content: string;
  readonly status: 'draft' | 'published';
  readonly authorId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const STATUS_OPTIONS = [
  { label: 'Draft', value: 'draft' },
  { label: 'Published', value: 'published' },
];
