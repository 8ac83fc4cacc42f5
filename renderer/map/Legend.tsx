import { SECTORS } from '../../core/model/dataset';
import { namedFlavor } from '@protomaps/basemaps';
import { useTranslation } from 'react-i18next';
import { AREA_COLOUR, DENSITY_STOPS, SECTOR_COLOURS } from './palette';
import { SECTOR_ICONS } from './icons';
import { formatCount } from '../../core/model/format';
import { labelsFor } from '../../core/report/labels';
import { fill, useLocale } from '../i18n';
import { OWN_PLAIN, ownBasemapStyle, type OwnBasemap } from './basemap';

const basemap = namedFlavor('light');
const swatch = (style: React.CSSProperties) => <span className="swatch" style={style} />;
const OUTAGE_DOT: React.CSSProperties = { background: '#d6272899', borderColor: '#d62728' };
const STREET: React.CSSProperties = { background: basemap.major, border: '1px solid #bbb', height: 4 };
const BUILDING: React.CSSProperties = { background: '#5f636873', border: '1px solid #3c4043' };
const dashed = (colour: string): React.CSSProperties => ({ borderTop: `2px dashed ${colour}`, height: 0 });

/**
 * Every layer the map draws, in the colours it draws them, and where the data comes from. `own`:
 * the user's own basemap file when the map draws it; the basemap entries are then the file's (its
 * name, and the colours of the style it is drawn in), never the built-in basemap's.
 */
export function Legend(props: { attribution?: string; own?: OwnBasemap | null }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const L = labelsFor(loc);
  const own = props.own?.active ? props.own : null;
  const atLeast = (v: number) => t('map.legend.atLeast', { n: formatCount(v, loc) });
  return (
    <div className="legend" aria-label={t('map.legend.label')}>
      <div className="legend-title">{t('map.legend.density')} <span className="muted">{t('map.legend.overlay')}</span></div>
      <div className="ramp" dir="ltr">
        {DENSITY_STOPS.map(([v, c]) => <span key={v} style={{ background: c }} title={atLeast(v)} />)}
      </div>
      <div className="ramp-labels" dir="ltr"><bdi>{formatCount(0, loc)}</bdi><bdi>{atLeast(DENSITY_STOPS.at(-1)![0])}</bdi></div>
      <div className="legend-title">{t('map.legend.facilities')}</div>
      {SECTORS.map((s) => (
        <div key={s} className="legend-row"><img className="icon" src={SECTOR_ICONS[s]} alt="" width={14} height={14} />{L.sector[s]}</div>
      ))}
      <div className="legend-row"><span className="dot ring" />{t('map.legend.protectedSite')}</div>
      <div className="legend-title">{t('map.legend.operation')}</div>
      <div className="legend-row">{swatch({ background: `${AREA_COLOUR}22`, border: `2px solid ${AREA_COLOUR}` })}{t('map.legend.drawnArea')}</div>
      <div className="legend-row">{swatch(dashed(AREA_COLOUR))}{t('map.legend.effectZone')}</div>
      <div className="legend-row"><span className="dot" style={OUTAGE_DOT} />{t('map.legend.likelyOutage')}</div>
      <div className="legend-row">{swatch(dashed(SECTOR_COLOURS.power))}{t('map.legend.dependency')}</div>
      <div className="legend-title">{t('map.legend.basemap')}</div>
      <div data-testid="legend-basemap">
        {own && <div className="legend-row legend-file"><span>{fill((v) => t('map.legend.ownFile', v), { name: <bdi translate="no">{own.originalName}</bdi> })}</span></div>}
        {(!own || ownBasemapStyle(own) === 'protomaps') && <>
          <div className="legend-row">{swatch(STREET)}{t('map.legend.street')}</div>
          <div className="legend-row">{swatch({ background: basemap.water })}{t('map.legend.water')}</div>
          <div className="legend-row">{swatch({ background: basemap.park_b })}{t('map.legend.park')}</div>
        </>}
        {own && ownBasemapStyle(own) === 'plain' && <>
          <div className="legend-row">{swatch({ background: OWN_PLAIN.line, height: 2 })}{t('map.legend.ownLines')}</div>
          <div className="legend-row">{swatch({ background: `${OWN_PLAIN.fill}99`, border: `1px solid ${OWN_PLAIN.fillOutline}` })}{t('map.legend.ownAreas')}</div>
        </>}
        {/* the buildings are the dataset's (drawn from its own tiles under any basemap) */}
        <div className="legend-row">{swatch(BUILDING)}{t('map.legend.building')}</div>
      </div>
      {props.attribution && <div className="legend-source" data-testid="legend-attribution" translate="no">{props.attribution}</div>}
    </div>
  );
}
