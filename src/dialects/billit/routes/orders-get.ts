import type { Route } from '../context.js';

export function registerOrdersGet(route: Route): void {
  void route;
}
