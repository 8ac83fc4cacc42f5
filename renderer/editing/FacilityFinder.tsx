/** Find a facility by name, id or kind (in the reader's words or as stored), within a sector, or pick it on the map; choosing one selects it and centres the map on it. */
import { useMemo, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { SECTORS, type Sector } from '../../core/model/dataset';
import { useLocale } from '../i18n';
import { label, type FacilityItem, type PickOnMap } from './types';
import { PickFacilityButton } from '../map/PickFacilityButton';

/** The finder lists at most this many rows; a longer list is refined by searching. */
const MAX_ROWS = 300;

export function FacilityFinder({ facilities, selectedId, onSelect, onFlyTo, pickOnMap }: {
  facilities: FacilityItem[]; selectedId: string | null; onSelect(id: string): void; onFlyTo?(lonLat: [number, number]): void; pickOnMap?: PickOnMap;
}) {
  const { t } = useTranslation('editing');
  const loc = useLocale();
  const [query, setQuery] = useState('');
  const [sector, setSector] = useState<Sector | ''>('');
  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase(loc.lang);
    const kindMatches = (f: FacilityItem) => label(f.kind).includes(q) || t(`kind.${f.kind}`).toLocaleLowerCase(loc.lang).includes(q);
    return facilities.filter((f) => (!sector || f.sector === sector) && (!q || f.name.toLocaleLowerCase(loc.lang).includes(q) || f.id.toLowerCase().includes(q) || kindMatches(f)));
  }, [facilities, query, sector, t, loc.lang]);
  return (
    <div className="finder">
      <div className="row">
        <input type="search" placeholder={t('finder.placeholder')} value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t('finder.search')} data-testid="facility-search" />
        <select value={sector} onChange={(e) => setSector(e.target.value as Sector | '')} aria-label={t('finder.sectorFilter')} data-testid="sector-filter">
          <option value="">{t('finder.allSectors')}</option>
          {SECTORS.map((s) => <option key={s} value={s}>{t(`sector.${s}`)}</option>)}
        </select>
        {pickOnMap && <PickFacilityButton pickOnMap={pickOnMap} onPicked={onSelect} testId="finder-pick" />}
      </div>
      <div className="facility-list">
        <table className="table">
          <tbody>
            {shown.slice(0, MAX_ROWS).map((f) => (
              <tr key={f.id} className={f.id === selectedId ? 'current' : ''} data-testid="facility-row">
                <td><span className={`sector-dot s-${f.sector}`} /></td>
                <td><button className="link" translate="no" onClick={() => { onSelect(f.id); onFlyTo?.(f.lonLat); }}>{f.name || f.id}</button></td>
                <td className="muted">{t(`kind.${f.kind}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="muted">{t('finder.noMatch')}</p>}
        {shown.length > MAX_ROWS && <p className="muted"><Trans t={t} i18nKey="finder.more" count={shown.length - MAX_ROWS} values={{ n: loc.number().format(shown.length - MAX_ROWS) }} components={{ n: <bdi /> }} /></p>}
      </div>
    </div>
  );
}
