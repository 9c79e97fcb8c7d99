/** The facts a why-line is made of, gathered for one result row. */
export interface WhyFacts {
  /** The topic the line talks about (the best of the searched topics, else the account's strongest). */
  topicName: string | null;
  topicScore: number | null;
  topicPercentile: number | null;
  /** Own posts on the topic in the last `windowDays` days, and the reposts they received. */
  postsOnTopic: number;
  repostsOnTopic: number;
  windowDays: number;
  /** How many of the topic's top `topN` accounts follow this account. */
  followedByTop: number;
  topN: number;
  overallScore: number | null;
  overallPercentile: number | null;
  followers: number | null;
}

/** 1234 -> "1.2k", 12500 -> "13k", 2_400_000 -> "2.4M". */
export function compactNumber(n: number): string {
  const abs = Math.abs(n);
  const fmt = (x: number, unit: string) => `${x >= 10 ? Math.round(x) : Math.round(x * 10) / 10}${unit}`;
  if (abs >= 1e9) return fmt(n / 1e9, 'B');
  if (abs >= 1e6) return fmt(n / 1e6, 'M');
  if (abs >= 1e3) return fmt(n / 1e3, 'k');
  return String(Math.round(n));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * "Top 3%" from a percentile of 97.2, or of 0.972 as the scoring run stores it (a fraction; older fixtures and
 * topic scores use percentages, as the console's profile also allows); never "top 0%".
 */
function topShare(percentile: number): string {
  const share = Math.max(1, Math.ceil(100 - (percentile <= 1 ? percentile * 100 : percentile)));
  return `top ${share}%`;
}

/**
 * One line on why an account ranks where it does, e.g. "4 posts on Cars in 30 days, 12k reposts; followed by
 * 3 of the top 20 in Cars". Activity on the topic first, then standing among the topic's leaders, then the
 * topic score; with no topic, the overall score and reach.
 */
export function composeWhyLine(f: WhyFacts): string {
  const parts: string[] = [];
  if (f.topicName) {
    if (f.postsOnTopic > 0) {
      const reposts = f.repostsOnTopic > 0 ? `, ${compactNumber(f.repostsOnTopic)} ${f.repostsOnTopic === 1 ? 'repost' : 'reposts'}` : '';
      parts.push(`${plural(f.postsOnTopic, 'post')} on ${f.topicName} in ${f.windowDays} days${reposts}`);
    }
    if (f.followedByTop > 0) parts.push(`followed by ${f.followedByTop} of the top ${f.topN} in ${f.topicName}`);
    if (f.topicScore !== null && f.topicPercentile !== null && parts.length < 2) {
      parts.push(`${f.topicName} influence ${f.topicScore}/100 (${topShare(f.topicPercentile)})`);
    }
  }
  if (!parts.length && f.overallScore !== null) {
    const pct = f.overallPercentile !== null ? ` (${topShare(f.overallPercentile)})` : '';
    parts.push(`overall influence ${Math.round(f.overallScore)}/100${pct}`);
  }
  if (parts.length < 2 && f.followers !== null && f.followers > 0) parts.push(`${compactNumber(f.followers)} followers`);
  if (!parts.length) return 'Not scored yet';
  const line = parts.join('; ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}
