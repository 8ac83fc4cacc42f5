/** The recorded edits, newest first, each in words with who made it and whether it was undone. */
import { editInWords } from './history-words';
import type { Edit } from './types';

export function HistoryTable({ edits, nameOf }: { edits: Edit[]; nameOf(id: string): string | undefined }) {
  if (edits.length === 0) return <p className="muted">No edits recorded.</p>;
  return (
    <table className="table history">
      <thead><tr><th>When</th><th>Who</th><th>What</th></tr></thead>
      <tbody>
        {edits.map((e) => (
          <tr key={e.id} className={e.undone ? 'undone' : ''} data-testid="history-row">
            <td className="muted" title={e.at}>{new Date(e.at).toLocaleString()}</td>
            <td>{e.author}</td>
            <td>
              <span className="what">#{e.id} {editInWords(e, nameOf)}</span>
              {e.causedBy !== null && <span className="muted"> (with #{e.causedBy})</span>}
              {e.undone && <span className="muted"> — undone</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
