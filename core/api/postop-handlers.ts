/** Handlers for core/api/postop-contract.ts. */
import type { BackendContext } from './handlers';

export function createPostopHandlers(_ctx: BackendContext) {
  return {};
}
