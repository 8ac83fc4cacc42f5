/** Trainer: open several trainees' answers, reveal the outcomes and see each answer scored side by side, by phase. */
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useApiMutation } from '../api/queries';
import type { Output } from '../../core/api/contract';
import { formatCount } from '../../core/model/format';
import type { Locale } from '../../core/i18n/locale';
import { useLocale } from '../i18n';
import { ComparisonDetails, formatRatio } from '../postop/ComparisonView';
import { parsePaths } from '../postop/forms';
import { FileChooser } from '../api/FileChooser';
import { message } from './shared';
import '../postop/postop.css';

type Score = Output<'package.score'>;


export function ScoreSection() {
  const { t } = useTranslation('review');
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [hmacKey, setHmacKey] = useState('');
  const [answers, setAnswers] = useState('');
  const [score, setScore] = useState<Score | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const scoring = useApiMutation('package.score');
  const busy = scoring.isPending;

  const run = async () => {
    const p = parsePaths(path)[0]; const files = parsePaths(answers);
    if (!p) return setError(t('training.error.packagePath'));
    if (!files.length) return setError(t('training.score.error.answers'));
    setError(null); setScore(null); setOpen(null);
    try {
      setScore(await scoring.mutateAsync({ path: p, passphrase, answers: files, ...(hmacKey ? { hmacKey } : {}) }));
    } catch (e) { setError(message(e)); }
  };

  return (
    <section data-testid="training-score">
      <h3>{t('training.score.title')}</h3>
      <div className="postop-form">
        <label>{t('training.score.packageFile')}<input value={path} onChange={(e) => setPath(e.target.value)} data-testid="score-path" /></label>
        <FileChooser accept=".uiapkg" onChosen={([p]) => setPath(p ?? '')} testId="score-file" label={t('files.chooseOne')} />
        <label>{t('training.score.passphrase')}<input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} data-testid="score-passphrase" /></label>
        <label>{t('training.score.signingKey')}<input value={hmacKey} onChange={(e) => setHmacKey(e.target.value)} /></label>
        <label>{t('training.score.answers')}<textarea rows={3} value={answers} onChange={(e) => setAnswers(e.target.value)} data-testid="score-answers" /></label>
        <FileChooser multiple accept=".json" onChosen={(ps) => setAnswers((a) => [...parsePaths(a), ...ps].join('\n'))} testId="score-answer-files" label={t('files.chooseMany')} />
        {error && <p className="error" role="alert">{error}</p>}
        <button onClick={() => void run()} disabled={busy} data-testid="score-run">{busy ? t('training.score.running') : t('training.score.run')}</button>
      </div>
      {score && <ScoreTable score={score} open={open} setOpen={setOpen} />}
    </section>
  );
}

/** A share as a whole percentage ("67%"), '–' when there is none. */
const percent = (x: number | null, loc: Locale) => (x === null ? '–' : loc.number({ style: 'percent', maximumFractionDigits: 0 }).format(x));

function ScoreTable({ score, open, setOpen }: { score: Score; open: number | null; setOpen(i: number | null): void }) {
  const { t } = useTranslation('review');
  const loc = useLocale();
  const n = (x: number) => formatCount(x, loc);
  const killed = (a: Score['answers'][number]) => a.comparison?.figures.find((f) => f.key === 'casualties.killed') ?? null;
  const multi = score.phases.length > 1;
  const observed = (o: Score['observed']) => [
    t('training.score.observed.casualtyReports', { count: o.casualtyReports, n: n(o.casualtyReports) }),
    t('training.score.observed.outages', { count: o.outages, n: n(o.outages) }),
    t('training.score.observed.facilityStatuses', { count: o.facilityStatuses, n: n(o.facilityStatuses) }),
    t('training.score.observed.damageRecords', { count: o.damageRecords, n: n(o.damageRecords) }),
  ].join(t('training.listSeparator'));
  const carried = (option: string) => <Trans t={t} i18nKey="training.score.carriedOut" values={{ option }} components={{ strong: <strong translate="no" /> }} />;
  const opened = open === null ? null : score.answers[open] ?? null;
  return (
    <div data-testid="score">
      {multi ? (
        <div className="muted" data-testid="score-phases">
          <Trans t={t} i18nKey="training.score.phases" values={{ title: score.title, phases: loc.number().format(score.phases.length) }} components={{ title: <bdi translate="no" />, n: <bdi /> }} />
          <ol>{score.phases.map((p) => (
            <li key={p.phase}>
              <bdi translate="no">{p.title}</bdi>{p.phase > 1 ? ` ${t('training.score.daysLater', { later: t('training.daysLater', { count: p.daysAfterPrevious, n: loc.number().format(p.daysAfterPrevious) }) })}` : ''}
              {t('training.score.colon')}{carried(p.carriedOut)} {t('training.score.observedList', { list: observed(p.observed) })}
            </li>
          ))}</ol>
        </div>
      ) : (
        <p className="muted">
          <bdi translate="no">{t('training.quoted', { text: score.title })}</bdi>{t('training.score.colon')}{carried(score.carriedOut)} {t('training.score.observedList', { list: observed(score.observed) })} {t('training.score.scoredBy')}
        </p>
      )}
      <div style={{ overflowX: 'auto' }}>
        <table className="table" data-testid="score-table">
          <thead><tr><th />{score.answers.map((a, i) => <th key={i} translate="no">{a.trainee}</th>)}</tr></thead>
          <tbody>
            {multi && <tr><td>{t('training.score.row.phase')}</td>{score.answers.map((a, i) => <td key={i} data-testid={`score-phase-${i}`}><bdi>{loc.number().format(a.phase)}</bdi>{t('training.score.colon')}<bdi translate="no">{score.phases[a.phase - 1]?.title}</bdi></td>)}</tr>}
            <tr><td>{t('training.score.row.chose')}</td>{score.answers.map((a, i) => <td key={i}><bdi translate="no">{a.chosenOption}</bdi> {a.choseCarriedOut ? <span className="postop-flag in">{t('training.score.wasCarriedOut')}</span> : <span className="muted">{t('training.score.notCarriedOut')}</span>}</td>)}</tr>
            <tr><td>{t('training.score.row.coverage')}</td>{score.answers.map((a, i) => <td key={i} data-testid={`score-coverage-${i}`}>{a.comparison
              ? <Trans t={t} i18nKey="training.score.coverageValue" values={{ inside: n(a.comparison.coverage.all.inside), total: n(a.comparison.coverage.all.total), share: percent(a.comparison.coverage.all.share, loc) }} components={{ n: <bdi /> }} />
              : t('training.score.noEstimate')}</td>)}</tr>
            <tr><td>{t('training.score.row.biasCasualties')}</td>{score.answers.map((a, i) => <td key={i}><bdi>{formatRatio(a.comparison?.biasRatio.casualties ?? null, loc)}</bdi></td>)}</tr>
            <tr><td>{t('training.score.row.biasOutages')}</td>{score.answers.map((a, i) => <td key={i}><bdi>{formatRatio(a.comparison?.biasRatio.outages ?? null, loc)}</bdi></td>)}</tr>
            <tr><td>{t('training.score.row.killed')}</td>{score.answers.map((a, i) => { const k = killed(a); return <td key={i}><bdi>{k ? `${n(k.predicted.mean)} (${n(k.predicted.p05)}–${n(k.predicted.p95)}) / ${n(k.observed)}` : '–'}</bdi></td>; })}</tr>
            <tr><td>{t('training.score.row.why')}</td>{score.answers.map((a, i) => <td key={i} className="muted" translate="no" dir="auto">{a.rationale || '–'}</td>)}</tr>
            <tr><td />{score.answers.map((a, i) => <td key={i}>{a.comparison && <button className="link" onClick={() => setOpen(open === i ? null : i)}>{open === i ? t('training.score.hideComparison') : t('training.score.showComparison')}</button>}</td>)}</tr>
          </tbody>
        </table>
      </div>
      {opened?.comparison && (
        <ComparisonDetails comparison={opened.comparison} caption={
          <Trans t={t} i18nKey="training.score.comparisonCaption"
            values={{ trainee: opened.trainee, file: opened.file, at: loc.date({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(opened.submittedAt)), option: score.phases[opened.phase - 1]?.carriedOut ?? score.carriedOut }}
            components={{ trainee: <bdi translate="no" />, file: <bdi translate="no" dir="ltr" />, at: <bdi translate="no" />, option: <bdi translate="no" /> }} />
        } />
      )}
    </div>
  );
}
