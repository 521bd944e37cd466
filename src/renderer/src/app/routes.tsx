import type { ComponentType } from 'react';
import { can } from '../../../shared/ipc/access';
import type { Role } from '../../../shared/roles';
import { DashboardScreen } from '../features/dashboard/DashboardScreen';
import { MembersScreen } from '../features/members/MembersScreen';
import { OrdersScreen } from '../features/orders/OrdersScreen';
import { PayoutsScreen } from '../features/payouts/PayoutsScreen';
import { PlanScreen } from '../features/plan/PlanScreen';
import { CloseScreen } from '../features/close/CloseScreen';
import { ProductsScreen } from '../features/products/ProductsScreen';
import { ReportsScreen } from '../features/reports/ReportsScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { NAV, type NavId } from './nav';

/** Props of every screen: the path segments after its id, e.g. `#/members/M001` → `['M001']`. */
export interface ScreenProps {
  params: string[];
}

/** One screen per navigation entry; the compiler insists every NAV id has one. */
const SCREENS: Record<NavId, ComponentType<ScreenProps>> = {
  dashboard: DashboardScreen,
  members: MembersScreen,
  products: ProductsScreen,
  orders: OrdersScreen,
  periods: CloseScreen,
  payouts: PayoutsScreen,
  reports: ReportsScreen,
  settings: SettingsScreen,
  plan: PlanScreen,
};

export const ROUTES = NAV.map((n) => ({ ...n, Screen: SCREENS[n.id] }));

export type Route = (typeof ROUTES)[number];

/** The route of `id` among `routes` (the ones the user may open), else the first of them. */
export function findRoute(id: string | undefined, routes: readonly Route[] = ROUTES): Route {
  return routes.find((r) => r.id === id) ?? routes[0] ?? ROUTES[0]!;
}

/** The routes a role may open; all of them while nobody is signed in (main decides then). */
export function routesFor(role: Role | null | undefined, known: boolean): Route[] {
  return known ? ROUTES.filter((r) => can(role, r.reads)) : [...ROUTES];
}
