'use client';

import { useRegister } from '@refinedev/core';
import { Alert, Button, Form, Input, Typography } from 'antd';
import Link from 'next/link';
import { AuthCard } from './auth-card';

interface RegisterValues {
  name: string;
  email: string;
  password: string;
}

// Same limit as the server (lib/sign-up.ts), which checks again.
const MIN_PASSWORD_LENGTH = 8;

export function RegisterForm() {
  const { mutate: register, isPending, data } = useRegister<RegisterValues>();
  const error = data && !data.success ? (data.error?.message ?? 'Sign up failed') : undefined;
  return (
    <AuthCard title="Create an account">
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Form<RegisterValues>
        layout="vertical"
        onFinish={(values) => register(values)}
        requiredMark={false}
      >
        <Form.Item
          label="Name"
          name="name"
          rules={[{ required: true, whitespace: true, message: 'Please enter your name' }]}
        >
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item
          label="Email"
          name="email"
          rules={[{ required: true, type: 'email', message: 'Please enter a valid email address' }]}
        >
          <Input autoComplete="email" placeholder="you@example.com" />
        </Form.Item>
        <Form.Item
          label="Password"
          name="password"
          rules={[
            { required: true, message: 'Please choose a password' },
            {
              min: MIN_PASSWORD_LENGTH,
              message: `Password must be at least ${MIN_PASSWORD_LENGTH} characters`,
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={isPending}>
          Sign up
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        New accounts are Readers. Have an account? <Link href="/login">Sign in</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
