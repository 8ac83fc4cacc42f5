/** Find a facility by name, id or kind, within a sector, or pick it on the map; choosing one selects it and centres the map on it. */
import { useMemo, useState } from 'react';
import { SECTORS, type Sector } from '../../core/model/dataset';
import { label, type FacilityItem, type PickOnMap } from './types';
import { PickFacilityButton } from '../map/PickFacilityButton';

export function FacilityFinder({ facilities, selectedId, onSelect, onFlyTo, pickOnMap }: {
  facilities: FacilityItem[]; selectedId: string | null; onSelect(id: string): void; onFlyTo?(lonLat: [number, number]): void; pickOnMap?: PickOnMap;
}) {
  const [query, setQuery] = useState('');
  const [sector, setSector] = useState<Sector | ''>('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return facilities.filter((f) => (!sector || f.sector === sector) && (!q || f.name.toLowerCase().includes(q) || f.id.toLowerCase().includes(q) || label(f.kind).includes(q)));
  }, [facilities, query, sector]);
  return (
    <div className="finder">
      <div className="row">
        <input type="search" placeholder="Search name, id or kind" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search facilities" data-testid="facility-search" />
        <select value={sector} onChange={(e) => setSector(e.target.value as Sector | '')} aria-label="Sector filter" data-testid="sector-filter">
          <option value="">all sectors</option>
          {SECTORS.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        {pickOnMap && <PickFacilityButton pickOnMap={pickOnMap} onPicked={onSelect} testId="finder-pick" />}
      </div>
      <div className="facility-list">
        <table className="table">
          <tbody>
            {shown.slice(0, 300).map((f) => (
              <tr key={f.id} className={f.id === selectedId ? 'current' : ''} data-testid="facility-row">
                <td><span className={`sector-dot s-${f.sector}`} /></td>
                <td><button className="link" onClick={() => { onSelect(f.id); onFlyTo?.(f.lonLat); }}>{f.name || f.id}</button></td>
                <td className="muted">{label(f.kind)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="muted">No facility matches.</p>}
        {shown.length > 300 && <p className="muted">{shown.length - 300} more: refine the search.</p>}
      </div>
    </div>
  );
}
