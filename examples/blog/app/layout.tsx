import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AntdRegistry } from '@ant-design/nextjs-registry';
import { RefineApp } from '../components/refine-app';
import '@refinedev/antd/dist/reset.css';

export const metadata: Metadata = {
  title: 'Warden Blog',
  description: 'The blogging app of the seed: Next.js, Refine, Auth.js and Warden',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AntdRegistry>
          <RefineApp>{children}</RefineApp>
        </AntdRegistry>
      </body>
    </html>
  );
}
