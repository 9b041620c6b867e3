import type { Route } from '../context.js';

export function registerOrdersCreate(route: Route): void {
  void route;
}
