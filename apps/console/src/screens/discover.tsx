import { useState, type FormEvent } from 'react';
import { EmptyState, ErrorState, Loading, PageHeader } from '../components/states.js';
import { ApiError, request } from '../graphql/client.js';
import { TopicSearchDocument, type TopicSearchQuery } from '../graphql/generated.js';

type Result = TopicSearchQuery['topicSearch'];

/**
 * Discover, as far as this server goes: what a marketer types is resolved to topics (shown as chips, with
 * what did not resolve and suggestions), which is real (`topicSearch`). The ranked influencer results need
 * the discovery API (issue 5), which this server does not offer yet, and the screen says so.
 */
export function Discover() {
  const [text, setText] = useState('top influencers in automotive');
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    setLoading(true);
    setError(undefined);
    try {
      setResult((await request(TopicSearchDocument, { text })).topicSearch);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(String(err), 'INTERNAL'));
    } finally {
      setLoading(false);
    }
  };
  return (
    <div className="page">
      <PageHeader title="Discover" description="Find the people who move opinion in a vertical." />
      <section className="card">
        <form className="inline-form" onSubmit={search} role="search">
          <div className="field">
            <label htmlFor="discover-query">What are you looking for?</label>
            <input id="discover-query" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="top influencers in automotive" />
          </div>
          <button className="btn primary" type="submit" disabled={loading || !text.trim()}>
            Search
          </button>
        </form>
        {loading && <Loading label="Reading your search…" />}
        {error && <ErrorState error={error} title="The search could not be read" />}
        {result && (
          <div style={{ display: 'grid', gap: 10 }} aria-live="polite">
            <div className="row" aria-label="Understood as">
              <span className="small muted">Understood as:</span>
              {result.topics.length === 0 && <span className="small">no topic</span>}
              {result.topics.map((t) => (
                <span key={t.topic.id} className="chip" title={`from "${t.matched}" (${t.via})`}>
                  {t.topic.name}
                </span>
              ))}
            </div>
            {result.unresolved.length > 0 && (
              <p className="small">
                Not understood: <strong>{result.unresolved.join(', ')}</strong>
                {result.suggestions.length > 0 && (
                  <>
                    {' '}
                    · did you mean{' '}
                    {result.suggestions
                      .flatMap((s) => s.topics.map((t) => t.name))
                      .slice(0, 5)
                      .join(', ')}
                    ?
                  </>
                )}
              </p>
            )}
          </div>
        )}
      </section>
      <div data-testid="not-available">
        <EmptyState title="Influencer results are not available yet">
          Ranking people within these topics, with filters, score badges and the why-line, needs the discovery API, which this server does not offer yet. Topic reading above is live.
        </EmptyState>
      </div>
    </div>
  );
}
