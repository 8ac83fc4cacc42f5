import { SECTORS } from '../../core/model/dataset';
import { DENSITY_STOPS } from './palette';
import { SECTOR_ICONS } from './icons';
import { formatCount } from '../../core/model/format';

export function Legend() {
  return (
    <div className="legend" aria-label="Legend">
      <div className="legend-title">Residents per km²</div>
      <div className="ramp">
        {DENSITY_STOPS.map(([v, c]) => <span key={v} style={{ background: c }} title={`${formatCount(v)}+`} />)}
      </div>
      <div className="ramp-labels"><span>0</span><span>{formatCount(DENSITY_STOPS.at(-1)![0])}+</span></div>
      <div className="legend-title">Facilities</div>
      {SECTORS.map((s) => (
        <div key={s} className="legend-row"><img className="icon" src={SECTOR_ICONS[s]} alt="" width={14} height={14} />{s}</div>
      ))}
      <div className="legend-row"><span className="dot ring" />protected site</div>
    </div>
  );
}
