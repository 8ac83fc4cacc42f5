/** One observation form's state: the values as typed, checked before sending, recorded through the API; `recorded` is what to say once it is. */
import { useState } from 'react';
import type { Input } from '../../core/api/contract';
import { useApiMutation } from '../api/queries';
import { apiErrors } from './fields';
import { OBSERVED, type CommonValues, type FieldErrors, type Parsed } from './forms';

type RecordOperation = 'observations.recordFacilityStatus' | 'observations.recordServiceOutage' | 'observations.recordCasualtyReport' | 'observations.recordDisplacementReport';

export function useObservationForm<N extends RecordOperation, T extends CommonValues>(name: N, empty: () => T, parse: (v: T) => Parsed<Input<N>>, recorded: string) {
  const [v, setV] = useState<T>(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);
  const recording = useApiMutation(name, OBSERVED);
  const set = (p: Partial<T>) => { setV((old) => ({ ...old, ...p })); setSaved(null); };
  const submit = async () => {
    const parsed = parse(v);
    if (!parsed.ok) { setErrors(parsed.errors); return; }
    setErrors({});
    try {
      await recording.mutateAsync(parsed.value);
      setSaved(recorded);
      setV(empty());
    } catch (e) { setErrors(apiErrors(e)); }
  };
  return { v, set, errors, setErrors, saved, submit };
}
