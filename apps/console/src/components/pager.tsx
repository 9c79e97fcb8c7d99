/** Previous / next by cursor, with the page number for orientation. */
export function Pager({ page, hasPrevious, hasNext, loading, onPrevious, onNext }: { page: number; hasPrevious: boolean; hasNext: boolean; loading?: boolean; onPrevious: () => void; onNext: () => void }) {
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="btn small" disabled={!hasPrevious || loading} onClick={onPrevious}>
        ← Previous
      </button>
      <span className="small muted" aria-live="polite">
        Page {page}
        {loading ? ' · loading…' : ''}
      </span>
      <button type="button" className="btn small" disabled={!hasNext || loading} onClick={onNext}>
        Next →
      </button>
    </nav>
  );
}
