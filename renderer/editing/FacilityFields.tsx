/** The fields of one facility (new or existing); a field the backend refused is marked. */
import { useTranslation } from 'react-i18next';
import { CONSTRUCTION_CLASSES, FACILITY_KINDS, SECTORS, type ConstructionClass, type FacilityKind, type Sector } from '../../core/model/dataset';
import type { FacilityDraft } from './facility-draft';
import type { Failure, Pick } from './types';

export function FacilityFields({ draft, set, error, prefix, pick, pickLabel }: {
  draft: FacilityDraft; set(d: Partial<FacilityDraft>): void; error: Failure | null; prefix: string;
  pick?: Pick; pickLabel: string;
}) {
  const { t } = useTranslation('editing');
  const bad = (field: string) => error?.field !== undefined && (error.field === prefix + field || error.field.startsWith(`${prefix + field}.`));
  const kinds: readonly FacilityKind[] = FACILITY_KINDS[draft.sector];
  return (
    <div className="facility-fields">
      <label>{t('facility.name')}<input value={draft.name} onChange={(e) => set({ name: e.target.value })} data-testid="f-name" aria-invalid={bad('name')} /></label>
      <label>{t('facility.sector')}
        <select value={draft.sector} data-testid="f-sector" aria-invalid={bad('sector')}
          onChange={(e) => { const sector = e.target.value as Sector; set({ sector, kind: (FACILITY_KINDS[sector] as readonly string[]).includes(draft.kind) ? draft.kind : FACILITY_KINDS[sector][0] }); }}>
          {SECTORS.map((s) => <option key={s} value={s}>{t(`sector.${s}`)}</option>)}
        </select>
      </label>
      <label>{t('facility.kind')}
        <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as FacilityKind })} data-testid="f-kind" aria-invalid={bad('kind')}>
          {kinds.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
        </select>
      </label>
      <label>{t('facility.construction')}
        <select value={draft.construction} onChange={(e) => set({ construction: e.target.value as ConstructionClass })} data-testid="f-construction" aria-invalid={bad('construction')}>
          {CONSTRUCTION_CLASSES.map((c) => <option key={c} value={c}>{t(`construction.${c}`)}</option>)}
        </select>
      </label>
      <fieldset className="capacity">
        <legend>{t('facility.capacity')} <span className="muted">{t('facility.capacityHint')}</span></legend>
        <label>{t('facility.beds')}<input type="number" min={0} value={draft.beds} onChange={(e) => set({ beds: e.target.value })} data-testid="f-beds" aria-invalid={bad('capacity.beds')} /></label>
        <label>{t('facility.peopleServed')}<input type="number" min={0} value={draft.peopleServed} onChange={(e) => set({ peopleServed: e.target.value })} data-testid="f-people" aria-invalid={bad('capacity.peopleServed')} /></label>
        <label>{t('facility.mw')}<input type="number" min={0} step="any" value={draft.mw} onChange={(e) => set({ mw: e.target.value })} data-testid="f-mw" aria-invalid={bad('capacity.mw')} /></label>
      </fieldset>
      <fieldset className="location">
        <legend>{t('facility.location')}</legend>
        <label>{t('facility.longitude')}<input type="number" step="any" value={draft.lon} onChange={(e) => set({ lon: e.target.value })} data-testid="f-lon" aria-invalid={bad('geometry')} /></label>
        <label>{t('facility.latitude')}<input type="number" step="any" value={draft.lat} onChange={(e) => set({ lat: e.target.value })} data-testid="f-lat" aria-invalid={bad('geometry')} /></label>
        {pick && <button type="button" className="link" data-testid="f-pick-location"
          onClick={() => pick(pickLabel, (p) => set({ lon: p.lonLat[0].toFixed(6), lat: p.lonLat[1].toFixed(6) }))}>{t('facility.pickOnMap')}</button>}
      </fieldset>
    </div>
  );
}
