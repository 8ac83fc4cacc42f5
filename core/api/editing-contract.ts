/**
 * API operations of the infrastructure editing workspace (issue 5): facilities, dependencies and
 * service areas, with a recorded, undoable history. Handlers: core/api/editing-handlers.ts.
 */
export const editingContract = {} as const;
