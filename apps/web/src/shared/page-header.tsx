import type { ReactNode } from 'react';
import { Typography } from 'antd';

/** Title row of a page: the title on the left, the page's main actions on the right (wrapping under it on a phone). */
export function PageHeader({ title, subtitle, extra, back }: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode; back?: ReactNode }) {
  return (
    <div className="zs-page-header">
      <div className="zs-page-header-main">
        {back}
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle ? <div className="zs-page-subtitle">{subtitle}</div> : null}
        </div>
      </div>
      {extra ? <div className="zs-page-header-extra">{extra}</div> : null}
    </div>
  );
}
