import { SECTORS } from '../../core/model/dataset';
import { namedFlavor } from '@protomaps/basemaps';
import { AREA_COLOUR, DENSITY_STOPS, SECTOR_COLOURS } from './palette';
import { SECTOR_ICONS } from './icons';
import { formatCount } from '../../core/model/format';

const basemap = namedFlavor('light');
const swatch = (style: React.CSSProperties) => <span className="swatch" style={style} />;

/** Every layer the map draws, in the colours it draws them, and where the data comes from. */
export function Legend(props: { attribution?: string }) {
  return (
    <div className="legend" aria-label="Legend">
      <div className="legend-title">Residents per km² <span className="muted">(overlay)</span></div>
      <div className="ramp">
        {DENSITY_STOPS.map(([v, c]) => <span key={v} style={{ background: c }} title={`${formatCount(v)}+`} />)}
      </div>
      <div className="ramp-labels"><span>0</span><span>{formatCount(DENSITY_STOPS.at(-1)![0])}+</span></div>
      <div className="legend-title">Facilities</div>
      {SECTORS.map((s) => (
        <div key={s} className="legend-row"><img className="icon" src={SECTOR_ICONS[s]} alt="" width={14} height={14} />{s}</div>
      ))}
      <div className="legend-row"><span className="dot ring" />protected site</div>
      <div className="legend-title">Operation</div>
      <div className="legend-row">{swatch({ background: `${AREA_COLOUR}22`, border: `2px solid ${AREA_COLOUR}` })}drawn area</div>
      <div className="legend-row">{swatch({ borderTop: `2px dashed ${AREA_COLOUR}`, height: 0 })}effect zone</div>
      <div className="legend-row"><span className="dot" style={{ background: '#d6272899', borderColor: '#d62728' }} />likely outage</div>
      <div className="legend-row">{swatch({ borderTop: `2px dashed ${SECTOR_COLOURS.power}`, height: 0 })}dependency (supplier → user)</div>
      <div className="legend-title">Basemap</div>
      <div className="legend-row">{swatch({ background: basemap.major, border: '1px solid #bbb', height: 4 })}street</div>
      <div className="legend-row">{swatch({ background: basemap.water })}water</div>
      <div className="legend-row">{swatch({ background: basemap.park_b })}park</div>
      <div className="legend-row">{swatch({ background: '#5f636873', border: '1px solid #3c4043' })}building</div>
      {props.attribution && <div className="legend-source" data-testid="legend-attribution">{props.attribution}</div>}
    </div>
  );
}
