import type { MaintenanceRequest } from '../request/maintenance-request.ts';
import { describeRequest } from '../request/describe-request.ts';
import { maskedRequest } from './masked-request.ts';

/**
 * The one text a request is shown as, anywhere (messages, the board, Home, lists, the audit trail,
 * logs, the CLI): the canonical request text (`describeRequest`) with its secret values masked
 * (`maskedRequest`). Only the node's file gets the value itself.
 */
export function shownRequestText(request: MaintenanceRequest): string {
  return describeRequest(maskedRequest(request));
}
