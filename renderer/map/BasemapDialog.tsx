/**
 * The dataset's background: its built-in basemap (made from its own data) or an MBTiles / PMTiles
 * file of the user's (for example from a national mapping agency). In the desktop app the file is
 * chosen in a native dialog (the typed path is ignored); in browser mode it is typed, as in Import.
 */
import { useState } from 'react';
import { useApi, useApiMutation } from '../api/queries';

const KIND = { pbf: 'vector', png: 'PNG images', jpg: 'JPEG images', webp: 'WebP images' } as const;

export function BasemapDialog({ datasetId, onClose }: { datasetId: number; onClose(): void }) {
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
    <div className="modal-backdrop" role="dialog" aria-label="Basemap">
      <div className="modal">
        <h2>Basemap</h2>
        <fieldset className="basemap-choice">
          <label><input type="radio" name="basemap" checked={!own?.active} disabled={busy} onChange={() => void run(() => using.mutateAsync({ datasetId, own: false }))} data-testid="basemap-builtin" />
            Built-in: streets and places from this dataset's own data</label>
          {own && (
            <label><input type="radio" name="basemap" checked={own.active} disabled={busy} onChange={() => void run(() => using.mutateAsync({ datasetId, own: true }))} data-testid="basemap-own" />
              Your file: <strong>{own.name}</strong> ({own.originalName}, {own.container === 'mbtiles' ? 'MBTiles' : 'PMTiles'}, {KIND[own.format]}, zoom {own.minZoom}–{own.maxZoom})</label>
          )}
        </fieldset>
        <label>An MBTiles or PMTiles file on this computer (raster or vector); it is copied into the app's private data folder
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/basemap.pmtiles" data-testid="basemap-path" />
        </label>
        {error && <p className="error" role="alert" data-testid="basemap-error">{error}</p>}
        <div className="row right">
          <button onClick={() => void run(async () => { await adding.mutateAsync({ datasetId, path: path.trim() }); setPath(''); })} disabled={busy} data-testid="basemap-add">{adding.isPending ? 'Adding…' : own ? 'Replace file' : 'Add file'}</button>
          {own && <button onClick={() => void run(() => removing.mutateAsync({ datasetId }))} disabled={busy} data-testid="basemap-remove">Remove file</button>}
          <button onClick={onClose}>Close</button>
        </div>
      </div>
    </div>
  );
}
