import { Result } from 'antd';

/** What `<CanAccess>` shows instead of a page the user may not use. */
export function NotAllowed() {
  return (
    <div>
      <Result status="403" title="Not Allowed" subTitle="Your role does not permit this action." />
    </div>
  );
}
