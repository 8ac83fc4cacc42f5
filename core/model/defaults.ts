/**
 * The one home of operation defaults (values and sources in data/operation-defaults.json): the
 * renderer's new working option, the CLI's flags and the API's run options all start from these.
 * Monte Carlo runs are a model parameter (montecarlo.runs in data/parameters.json), taken by the engine.
 */
import defaults from '../../data/operation-defaults.json';
import { OperationSettings, TIMES_OF_DAY, type TimeOfDay } from './operation';

const timeOfDay = defaults.timeOfDay.value as TimeOfDay;
if (!TIMES_OF_DAY.includes(timeOfDay)) throw new Error(`data/operation-defaults.json: timeOfDay "${timeOfDay}" is not one of ${TIMES_OF_DAY.join(', ')}`);

/** Time of day, share who left after warning, outage horizon (METHOD.md §1). */
export const DEFAULT_SETTINGS: OperationSettings = OperationSettings.parse({
  timeOfDay, warningShare: defaults.warningShare.value, horizonDays: defaults.horizonDays.value,
});

/** The effect profile a new area gets. */
export const DEFAULT_PROFILE_ID: string = defaults.profileId.value;

/** A fixed seed: the same inputs give the same figures (METHOD.md §8). */
export const DEFAULT_SEED: number = defaults.seed.value;
