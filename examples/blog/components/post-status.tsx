import { Tag } from 'antd';

export function PostStatus({ status }: { status: string }) {
  return status === 'published' ? (
    <Tag color="green">published</Tag>
  ) : (
    <Tag color="gold">draft</Tag>
  );
}
