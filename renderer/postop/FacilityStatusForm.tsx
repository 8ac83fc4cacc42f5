/** Record a facility's status after the operation: chosen from the dataset's facilities by search or by a click on the map. */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/queries';
import { useLocale } from '../i18n';
import { DAMAGE_CLASS_KEYS } from '../../core/model/observation';
import { ChoiceField, FieldError, ObservationForm, TextField } from './fields';
import { emptyFacility, parseFacility, searchFacilities, type FacilityValues } from './forms';
import { useObservationForm } from './useObservationForm';
import { kindWord, sectorWord } from '../editing/enum-words';
import { PickFacilityButton } from '../map/PickFacilityButton';
import type { PickOnMap } from '../editing/types';

type Ctx = { datasetId: number; operationId: number };
type FacilityChoice = { id: string; name: string; sector: string; kind: string };
const NO_FACILITIES: FacilityChoice[] = [];

export function FacilityStatusForm({ ctx, pickOnMap }: { ctx: Ctx; pickOnMap?: PickOnMap }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const f = useObservationForm('observations.recordFacilityStatus', emptyFacility, (v: FacilityValues) => parseFacility(v, ctx, loc), t('record.saved.facility'));
  // The same read as the map's layers, so the cache serves both.
  const layers = useApi('datasets.layers', { datasetId: ctx.datasetId });
  const facilities = useMemo(() => layers.data?.facilities.features.map((x) => x.properties as FacilityChoice)
    .sort((a, b) => a.sector.localeCompare(b.sector) || a.name.localeCompare(b.name)) ?? NO_FACILITIES, [layers.data]);
  const [query, setQuery] = useState('');
  const { v, set } = f;
  const errors = layers.error ? { ...f.errors, facilityId: t('record.facility.cannotList', { reason: layers.error.message }) } : f.errors;
  const matches = searchFacilities(facilities, query);
  const chosen = facilities.find((x) => x.id === v.facilityId);
  // The chosen facility stays listed while the search narrows to others.
  const shown = chosen && !matches.includes(chosen) ? [chosen, ...matches] : matches;
  return (
    <ObservationForm testId="facility" submitLabel={t('record.submit.facility')} form={{ ...f, errors }}>
      <label>{t('record.facility.search')}
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('record.facility.searchPlaceholder')} data-testid="facility-search" />
        <select value={v.facilityId} onChange={(e) => set({ facilityId: e.target.value })} data-testid="facility-select" aria-label={t('record.facility.facility')}>
          <option value="">{facilities.length ? t('record.facility.chooseOf', { count: shown.length, n: loc.number().format(shown.length) }) : t('record.facility.noneInDataset')}</option>
          {shown.map((x) => <option key={x.id} value={x.id} translate="no">{t('record.facility.option', { name: x.name, sector: sectorWord(x.sector, loc), kind: kindWord(x.kind, loc) })}</option>)}
        </select>
        <FieldError errors={errors} name="facilityId" />
      </label>
      {pickOnMap && <PickFacilityButton pickOnMap={pickOnMap} onPicked={(facilityId) => { setQuery(''); set({ facilityId }); }} />}
      <div className="postop-grid">
        <label className="inline"><input type="checkbox" checked={v.down} onChange={(e) => set({ down: e.target.checked, ...(e.target.checked ? {} : { daysToRestore: '' }) })} data-testid="facility-down" /> {t('record.facility.down')}</label>
        <TextField label={t('record.facility.days')} name="daysToRestore" inputMode="decimal" value={v.daysToRestore} disabled={!v.down}
          onChange={(daysToRestore) => set({ daysToRestore })} errors={errors} testId="facility-days" />
        <ChoiceField label={t('record.facility.damage')} name="damage" value={v.damage} options={DAMAGE_CLASS_KEYS} word={(d) => t(`damage.${d}`)} blank={t('record.facility.damageNotSeen')} onChange={(damage) => set({ damage })} errors={errors} />
      </div>
    </ObservationForm>
  );
}
