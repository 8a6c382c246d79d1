import type { MaintenanceRequest } from './maintenance-request.ts';

/** Everything `/liferay <text>` can mean. */
export type Command =
  | { readonly type: 'help' }
  | { readonly type: 'status'; readonly cluster?: string }
  | { readonly type: 'history'; readonly cluster?: string }
  | { readonly type: 'change'; readonly request: MaintenanceRequest };
