import type { Channel } from '../../../shared/ipc/contract';
import type { Icon } from '../components/icons';
import {
  IconDashboard,
  IconMembers,
  IconOrders,
  IconPayouts,
  IconPeriods,
  IconProducts,
  IconReports,
  IconSettings,
} from '../components/icons';
import { IconPlan } from '../features/plan/PlanIcon';

/**
 * The navigation, in order; the n-th entry a user sees has the shortcut Alt+n. `id` is the URL
 * segment (`#/members`) and the key of the label `common:nav.<id>`; `reads` is the channel the
 * screen opens with — an entry is shown to the roles that may call it (the contract's role
 * table; main refuses the others regardless). Screens are bound in routes.tsx.
 */
export const NAV = [
  { id: 'dashboard', icon: IconDashboard, reads: 'system:dashboard' },
  { id: 'members', icon: IconMembers, reads: 'members:list' },
  { id: 'products', icon: IconProducts, reads: 'products:list' },
  { id: 'orders', icon: IconOrders, reads: 'orders:list' },
  { id: 'periods', icon: IconPeriods, reads: 'periods:list' },
  { id: 'payouts', icon: IconPayouts, reads: 'payouts:periods' },
  { id: 'reports', icon: IconReports, reads: 'reports:dashboard' },
  { id: 'settings', icon: IconSettings, reads: 'system:info' },
  { id: 'plan', icon: IconPlan, reads: 'plans:current' },
] as const satisfies readonly { id: string; icon: Icon; reads: Channel }[];

export type NavId = (typeof NAV)[number]['id'];
