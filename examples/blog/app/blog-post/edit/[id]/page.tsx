'use client';

import { CanAccess } from '@refinedev/core';
import { Edit, useForm } from '@refinedev/antd';
import { Form } from 'antd';
import type { Post } from '../../../../lib/post';
import { NotAllowed } from '../../../../components/not-allowed';
import { PostFields } from '../../../../components/post-fields';

export default function PostEdit() {
  const { formProps, saveButtonProps } = useForm<Post>({ redirect: 'list' });
  return (
    <CanAccess fallback={<NotAllowed />}>
      <Edit saveButtonProps={saveButtonProps} title="Edit Post">
        <Form {...formProps} layout="vertical">
          <PostFields />
        </Form>
      </Edit>
    </CanAccess>
  );
}
