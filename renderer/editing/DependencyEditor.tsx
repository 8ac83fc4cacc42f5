/** The selected facility's dependencies: list, change backup days, delete, and add one (or draw it on the map). */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiCallError } from '../api/client';
import { useApiMutation } from '../api/queries';
import { SERVICE_INPUTS, type ServiceInput } from '../../core/model/dataset';
import { BackupDaysInput } from './BackupDaysInput';
import { ErrorLine } from './ErrorLine';
import { callSaving } from './saving';
import { EDITED, failure, type Detail, type FacilityItem, type Failure, type Pick } from './types';

/** Backup days as typed, or a refusal naming the field (the browser can tell a non-number without asking). */
function daysOf(text: string, t: TFunction<'editing'>): number {
  const days = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(days)) throw new ApiCallError({ code: 'invalid_input', message: t('dependencies.error.notNumber', { text }), field: 'backupDays' });
  return days;
}

/** The swap button's symbol (its words are in its title and label). */
const SWAP = '⇄';

export function DependencyEditor({ datasetId, detail, facilities, byId, pick, onChanged }: {
  datasetId: number; detail: Detail; facilities: FacilityItem[]; byId: Map<string, FacilityItem>;
  pick?: Pick; onChanged(): void;
}) {
  const { t } = useTranslation('editing');
  const me = detail.facility.id;
  const [error, setError] = useState<Failure | null>(null);
  const [supplierId, setSupplierId] = useState('');
  const [consumerId, setConsumerId] = useState(me);
  const [input, setInput] = useState<ServiceInput>('power');
  const [backupDays, setBackupDays] = useState('0');
  useEffect(() => { setConsumerId(me); setSupplierId(''); setError(null); }, [me]);
  const name = (id: string) => byId.get(id)?.name ?? id;
  const sorted = useMemo(() => [...facilities].sort((a, b) => a.sector.localeCompare(b.sector) || a.name.localeCompare(b.name)), [facilities]);
  const option = (f: FacilityItem) => t('dependencies.facilityOption', { sector: t(`sector.${f.sector}`), name: f.name || f.id });

  const creating = useApiMutation('dependencies.create', EDITED, callSaving);
  const updating = useApiMutation('dependencies.update', EDITED, callSaving);
  const deleting = useApiMutation('dependencies.delete', EDITED, callSaving);
  const guard = async (f: () => Promise<unknown>) => {
    try { await f(); setError(null); onChanged(); } catch (e) { setError(failure(e)); }
  };
  const add = () => guard(async () => {
    const days = daysOf(backupDays, t);
    if (!supplierId) throw new ApiCallError({ code: 'invalid_input', message: t('dependencies.error.chooseSupplier'), field: 'supplierId' });
    await creating.mutateAsync({ datasetId, supplierId, consumerId, input, backupDays: days });
    setSupplierId('');
  });
  /** Draw on the map: click the supplier, then the consumer. */
  const drawOnMap = () => pick?.(t('dependencies.pick.supplier'), (p1) => {
    if (!p1.facilityId) { setError({ message: t('dependencies.pick.noFacility') }); return; }
    setSupplierId(p1.facilityId);
    pick(t('dependencies.pick.consumer'), (p2) => {
      if (!p2.facilityId) { setError({ message: t('dependencies.pick.noFacility') }); return; }
      setConsumerId(p2.facilityId);
    });
  });
  const bad = (field: string) => error?.field === field;

  return (
    <section data-testid="dependencies">
      <h2>{t('dependencies.title')}</h2>
      {detail.dependencies.length === 0 && <p className="muted">{t('dependencies.none')}</p>}
      {detail.dependencies.length > 0 && (
        <table className="table deps">
          <thead><tr><th>{t('dependencies.supplier')}</th><th>{t('dependencies.consumer')}</th><th>{t('dependencies.input')}</th><th title={t('dependencies.backupDaysHelp')}>{t('dependencies.backupDays')}</th><th /></tr></thead>
          <tbody>
            {detail.dependencies.map((d) => (
              <tr key={d.id} data-testid="dependency-row">
                <td className={d.supplierId === me ? 'me' : ''} translate="no">{name(d.supplierId)}</td>
                <td className={d.consumerId === me ? 'me' : ''} translate="no">{name(d.consumerId)}</td>
                <td>{t(`sector.${d.input}`)}{d.inferred && <span className="flag" title={t('dependencies.inferredHelp')}> {t('dependencies.inferred')}</span>}</td>
                <td><BackupDaysInput value={d.backupDays} onSave={(text) => guard(() => updating.mutateAsync({ datasetId, id: d.id, backupDays: daysOf(text, t) }))} /></td>
                <td><button className="link" onClick={() => guard(() => deleting.mutateAsync({ datasetId, id: d.id }))} data-testid="delete-dependency">{t('common.delete')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dep-new edit-card" data-testid="new-dependency">
        <label>{t('dependencies.supplier')}
          <select value={supplierId} onChange={(e) => setSupplierId(e.target.value)} data-testid="dep-supplier" aria-invalid={bad('supplierId')}>
            <option value="">{t('common.choose')}</option>
            {sorted.map((f) => <option key={f.id} value={f.id} translate="no">{option(f)}</option>)}
          </select>
        </label>
        <label>{t('dependencies.consumer')}
          <select value={consumerId} onChange={(e) => setConsumerId(e.target.value)} data-testid="dep-consumer" aria-invalid={bad('consumerId')}>
            {sorted.map((f) => <option key={f.id} value={f.id} translate="no">{option(f)}</option>)}
          </select>
        </label>
        <label>{t('dependencies.input')}
          <select value={input} onChange={(e) => setInput(e.target.value as ServiceInput)} data-testid="dep-input">
            {SERVICE_INPUTS.map((i) => <option key={i} value={i}>{t(`sector.${i}`)}</option>)}
          </select>
        </label>
        <label>{t('dependencies.backupDays')}
          <input type="number" min={0} step="any" value={backupDays} onChange={(e) => setBackupDays(e.target.value)} data-testid="dep-backup" aria-invalid={bad('backupDays')} />
        </label>
        <div className="row right">
          {pick && <button className="plain" onClick={drawOnMap} data-testid="dep-draw">{t('dependencies.drawOnMap')}</button>}
          <button className="plain" onClick={() => { const s = supplierId; setSupplierId(consumerId); setConsumerId(s || me); }} title={t('dependencies.swap')} aria-label={t('dependencies.swap')}>{SWAP}</button>
          <button onClick={add} data-testid="add-dependency">{t('dependencies.add')}</button>
        </div>
      </div>
      <ErrorLine error={error} testId="dependency-error" />
    </section>
  );
}
