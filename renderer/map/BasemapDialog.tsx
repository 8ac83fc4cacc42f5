/**
 * The dataset's background: its built-in basemap (made from its own data) or an MBTiles / PMTiles
 * file of the user's (for example from a national mapping agency). In the desktop app the file is
 * chosen in a native dialog (the typed path is ignored); in browser mode it is typed, as in Import.
 */
import { useState } from 'react';
import { useApi, useApiMutation } from '../api/queries';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../core/model/format';
import { fill, useLocale } from '../i18n';

/** File formats are names (MBTiles, PMTiles), never translated. */
const CONTAINER = { mbtiles: 'MBTiles', pmtiles: 'PMTiles' } as const;
const PATH_EXAMPLE = '/path/to/basemap.pmtiles';

export function BasemapDialog({ datasetId, onClose }: { datasetId: number; onClose(): void }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const own = useApi('basemap.get', { datasetId }).data?.own ?? null;
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const adding = useApiMutation('basemap.add', ['basemap.get']);
  const using = useApiMutation('basemap.use', ['basemap.get']);
  const removing = useApiMutation('basemap.remove', ['basemap.get']);
  const busy = adding.isPending || using.isPending || removing.isPending;
  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try { await f(); } catch (e) { setError((e as Error).message); }
  };

  return (
    <div className="modal-backdrop" role="dialog" aria-label={t('basemap.title')}>
      <div className="modal">
        <h2>{t('basemap.title')}</h2>
        <fieldset className="basemap-choice">
          <label><input type="radio" name="basemap" checked={!own?.active} disabled={busy} onChange={() => void run(() => using.mutateAsync({ datasetId, own: false }))} data-testid="basemap-builtin" />
            {t('basemap.builtIn')}</label>
          {own && (
            <label><input type="radio" name="basemap" checked={own.active} disabled={busy} onChange={() => void run(() => using.mutateAsync({ datasetId, own: true }))} data-testid="basemap-own" />
              {fill((v) => t('basemap.own', v), {
                name: <strong translate="no">{own.name}</strong>, file: <span translate="no">{own.originalName}</span>, container: <span translate="no">{CONTAINER[own.container]}</span>,
                kind: t(`basemap.kind.${own.format}`), min: formatCount(own.minZoom, loc), max: formatCount(own.maxZoom, loc),
              })}</label>
          )}
        </fieldset>
        <label>{t('basemap.fileLabel')}
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder={PATH_EXAMPLE} data-testid="basemap-path" translate="no" />
        </label>
        {error && <p className="error" role="alert" data-testid="basemap-error">{error}</p>}
        <div className="row right">
          <button onClick={() => void run(async () => { await adding.mutateAsync({ datasetId, path: path.trim() }); setPath(''); })} disabled={busy} data-testid="basemap-add">{adding.isPending ? t('basemap.adding') : own ? t('basemap.replace') : t('basemap.add')}</button>
          {own && <button onClick={() => void run(() => removing.mutateAsync({ datasetId }))} disabled={busy} data-testid="basemap-remove">{t('basemap.remove')}</button>}
          <button onClick={onClose}>{t('common.close')}</button>
        </div>
      </div>
    </div>
  );
}
