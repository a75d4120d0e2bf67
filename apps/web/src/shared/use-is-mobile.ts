import { Grid } from 'antd';

/** True below antd's `md` breakpoint (768 px): phones get drawers, cards and stacked forms. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; assume desktop to avoid a flash of the phone layout.
  return screens.md === false;
}
