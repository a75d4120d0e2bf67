import type { ThemeConfig } from 'antd';

/** 党政机关 red for the brand band; a sober blue for actions so that red keeps meaning "overdue" or "danger". */
export const BRAND_RED = '#a8201a';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e9c',
    colorError: '#d4380d',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Hiragino Sans GB', 'Helvetica Neue', Arial, sans-serif",
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: BRAND_RED, headerHeight: 56, headerPadding: '0 16px', siderBg: '#ffffff', bodyBg: '#f3f4f6' },
    Menu: { itemSelectedBg: '#e8eefb', itemSelectedColor: '#1f4e9c' },
    Table: { headerBg: '#f5f7fa' },
  },
};
