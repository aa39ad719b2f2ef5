'use client';

import { CanAccess, useGetIdentity } from '@refinedev/core';
import { Create, useForm } from '@refinedev/antd';
import { Form } from 'antd';
import type { Identity } from '../../../lib/auth-provider';
import type { Post } from '../../../lib/post';
import { NotAllowed } from '../../../components/not-allowed';
import { PostFields } from '../../../components/post-fields';

export default function PostCreate() {
  const { data: me } = useGetIdentity<Identity>();
  const { formProps, saveButtonProps } = useForm<Post>({ redirect: 'list' });
  return (
    // Typing /blog-post/create as a Reader lands here: the checker says no, the fallback shows.
    <CanAccess fallback={<NotAllowed />}>
      <Create saveButtonProps={saveButtonProps} title="Create Post">
        <Form
          {...formProps}
          layout="vertical"
          initialValues={{ status: 'draft', content: '' }}
          onFinish={(values) => formProps.onFinish?.({ ...values, authorId: me?.id })}
        >
          <PostFields />
        </Form>
      </Create>
    </CanAccess>
  );
}
