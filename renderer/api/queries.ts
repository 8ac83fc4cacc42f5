/**
 * Server state for the renderer: every read is a query keyed by [operation, input], every change a
 * mutation that invalidates the reads it makes stale. react-query drops stale replies, so no panel
 * keeps its own sequence counters, "still mounted" flags or intervals. Typed by the API contract.
 */
import { useCallback } from 'react';
import { QueryClient, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { Input, OperationName, Output } from '../../core/api/contract';
import { call } from './client';

export const queryClient = new QueryClient({
  // A refused call is shown at once (no silent retries); data is reloaded on mount, as before, not on window focus.
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
});

/** The key of one read: invalidating [name] refreshes every input of that operation. */
export const apiKey = <N extends OperationName>(name: N, input: Input<N>) => [name, input] as const;

type QueryOptions<N extends OperationName> = Omit<UseQueryOptions<Output<N>, Error>, 'queryKey' | 'queryFn' | 'enabled'>;

/** Read `name` with `input`; null input waits (e.g. no dataset chosen yet). */
export function useApi<N extends OperationName>(name: N, input: Input<N> | null, options: QueryOptions<N> = {}) {
  return useQuery<Output<N>, Error>({
    queryKey: [name, input],
    queryFn: () => call(name, input as Input<N>), // not called while input is null (enabled below)
    enabled: input !== null,
    ...options,
  });
}

/** Refresh every read of these operations (after a change made elsewhere, e.g. an import job that finished). */
export function useInvalidate() {
  const client = useQueryClient();
  return useCallback((...names: OperationName[]) => Promise.all(names.map((name) => client.invalidateQueries({ queryKey: [name] }))), [client]);
}

/** A change through `name`; on success the reads of `invalidates` are refetched before the mutation settles. */
export function useApiMutation<N extends OperationName>(name: N, invalidates: readonly OperationName[] = [], send: (name: N, input: Input<N>) => Promise<Output<N>> = call) {
  const invalidate = useInvalidate();
  return useMutation<Output<N>, Error, Input<N>>({
    mutationFn: (input) => send(name, input),
    onSuccess: async () => { await invalidate(...invalidates); },
  });
}

/** Read afresh now (cache updated for every view of it), for a step that needs the new value itself. */
export const fetchFresh = <N extends OperationName>(name: N, input: Input<N>): Promise<Output<N>> =>
  queryClient.fetchQuery({ queryKey: apiKey(name, input), queryFn: () => call(name, input), staleTime: 0 });

/** A background job's status, polled while it runs and left alone once it has finished. */
export function useJob(jobId: string | null, everyMs: number) {
  return useApi('jobs.status', jobId === null ? null : { jobId }, {
    refetchInterval: (q) => (q.state.data && q.state.data.state !== 'running' ? false : everyMs),
  });
}
