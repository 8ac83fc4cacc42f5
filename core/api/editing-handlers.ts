/** Handlers for core/api/editing-contract.ts. */
import type { BackendContext } from './handlers';

export function createEditingHandlers(_ctx: BackendContext) {
  return {};
}
