'use client';

import { CanAccess, useShow } from '@refinedev/core';
import { DateField, Show } from '@refinedev/antd';
import { Typography } from 'antd';
import type { Post } from '../../../../lib/post';
import { NotAllowed } from '../../../../components/not-allowed';
import { PostStatus } from '../../../../components/post-status';

export default function PostShow() {
  const { query } = useShow<Post>();
  const post = query.data?.data;
  return (
    <CanAccess fallback={<NotAllowed />}>
      <Show isLoading={query.isLoading} title="Post">
        {post && (
          <>
            <Typography.Title level={3}>{post.title}</Typography.Title>
            <Typography.Paragraph>
              <PostStatus status={post.status} /> created{' '}
              <DateField value={post.createdAt} format="YYYY-MM-DD HH:mm" />, updated{' '}
              <DateField value={post.updatedAt} format="YYYY-MM-DD HH:mm" />
            </Typography.Paragraph>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
              {post.content}
            </Typography.Paragraph>
          </>
        )}
      </Show>
    </CanAccess>
  );
}
