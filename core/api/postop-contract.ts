/**
 * API operations of the post-operation workspace (METHOD.md §7): record what happened, compare it
 * with the estimate, calibrate, and scenario packages. Handlers: core/api/postop-handlers.ts.
 */
export const postopContract = {} as const;
