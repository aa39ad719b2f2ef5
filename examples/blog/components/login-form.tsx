'use client';

import { useLogin } from '@refinedev/core';
import { Alert, Button, Form, Input, Typography } from 'antd';
import Link from 'next/link';
import { AuthCard } from './auth-card';

interface LoginValues {
  email: string;
  password: string;
}

export function LoginForm() {
  const { mutate: login, isPending, data } = useLogin<LoginValues>();
  const error = data && !data.success ? (data.error?.message ?? 'Login failed') : undefined;
  return (
    <AuthCard title="Sign in to your account">
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Form<LoginValues>
        layout="vertical"
        onFinish={(values) => login(values)}
        requiredMark={false}
      >
        <Form.Item
          label="Email"
          name="email"
          rules={[{ required: true, type: 'email', message: 'Please enter your email address' }]}
        >
          <Input autoComplete="email" placeholder="you@example.com" />
        </Form.Item>
        <Form.Item
          label="Password"
          name="password"
          rules={[{ required: true, message: 'Please enter your password' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={isPending}>
          Sign in
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        No account yet? <Link href="/register">Sign up</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
