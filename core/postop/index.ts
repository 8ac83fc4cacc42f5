/** Post-operation assessment (METHOD.md §7): the functions the API, CLI and renderer call. */
export { importObservations, ensureEmptyDataset, type ImportOptions, type ImportSummary, type ProductImport } from './damage-import';
export {
  recordFacilityStatus, recordServiceOutage, recordCasualtyReport, recordDisplacementReport, listObservations, loadOutcomes,
  FacilityStatusInput, ServiceOutageInput, CasualtyReportInput, DisplacementReportInput,
  type StoredObservation, type ListFilter, type ObservedOutcomes, type ObservationKind,
} from './observations';
export { compare, pickCasualtyReport, damagedProbability, type Comparison, type CompareOptions, type DamagePrediction, type PredictedBuilding, type CalibrationInputs } from './compare';
export { calibrate, DEFAULT_PRIOR, type CalibrationCase, type CalibrationResult, type CalibrationPrior, type Multiplier } from './calibrate';
export { exportPackage, importPackage, readPackage, revealOutcomes, unlockPhase, recordOutcome, PACKAGE_FORMAT, PACKAGE_SCHEMA_VERSION, type ExportOptions, type ImportedScenario, type RevealOptions, type Revealed } from './package';
export { DAMAGE_CLASSES, DAMAGE_CLASS_KEYS, type DamageClass } from './damage-classes';
export { PostopError } from './errors';
export { clipBundle } from './clip-bundle';
export { keyFingerprint, type Signer } from './package-seal';
