/** The recorded edits, newest first, each in words with who made it and whether it was undone. */
import { Trans, useTranslation } from 'react-i18next';
import { useLocale } from '../i18n';
import { editInWords } from './history-words';
import type { Edit } from './types';

export function HistoryTable({ edits, nameOf }: { edits: Edit[]; nameOf(id: string): string | undefined }) {
  const { t } = useTranslation('editing');
  const loc = useLocale();
  if (edits.length === 0) return <p className="muted">{t('history.none')}</p>;
  const when = loc.date({ dateStyle: 'short', timeStyle: 'short' });
  const id = (n: number) => loc.number({ useGrouping: false }).format(n);
  return (
    <table className="table history">
      <thead><tr><th>{t('history.when')}</th><th>{t('history.who')}</th><th>{t('history.what')}</th></tr></thead>
      <tbody>
        {edits.map((e) => (
          <tr key={e.id} className={e.undone ? 'undone' : ''} data-testid="history-row">
            <td className="muted" title={e.at}><bdi translate="no">{when.format(new Date(e.at))}</bdi></td>
            <td translate="no">{e.author}</td>
            <td>
              <span className="what"><bdi>#{id(e.id)}</bdi> {editInWords(e, nameOf, loc)}</span>
              {e.causedBy !== null && <span className="muted"> <Trans t={t} i18nKey="history.causedBy" values={{ id: id(e.causedBy) }} components={{ id: <bdi /> }} /></span>}
              {e.undone && <span className="muted"> — {t('history.undone')}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
