import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import './petitions.css';

/** The frame of the public 网上信访 pages: no menu, no account, a way between the form and the query. */
export function PublicFrame({ title, children, nav }: { title: string; children: ReactNode; nav: 'form' | 'query' }) {
  return (
    <div className="pt-public-page">
      <div className="pt-public-head">
        <div className="zs-auth-brand" style={{ marginBottom: 0 }}>
          <span className="zs-brand-mark" aria-hidden>
            信
          </span>
          <div>
            <div className="pt-public-title">{title}</div>
            <div className="zs-auth-brand-sub">群众来信来访 · 网上受理</div>
          </div>
        </div>
        {nav === 'form' ? (
          <Link to="/public/petition/query" data-testid="public-nav-query">
            查询办理进度
          </Link>
        ) : (
          <Link to="/public/petition" data-testid="public-nav-form">
            我要信访
          </Link>
        )}
      </div>
      <div className="pt-public-card">{children}</div>
      <div className="pt-public-foot">
        依据《信访工作条例》受理。属于诉讼、仲裁、行政复议等法定途径解决的事项，请依照法律法规规定的程序向有关机关提出。
      </div>
    </div>
  );
}
