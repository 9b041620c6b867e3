import type { Route } from '../context.js';

export function registerOAuth(route: Route): void {
  void route;
}
