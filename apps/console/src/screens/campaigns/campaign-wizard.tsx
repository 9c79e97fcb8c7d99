import { useMemo, useState, type ChangeEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Field } from '../../components/field.js';
import { EmptyState, ErrorState, FormError, Loading, PageHeader } from '../../components/states.js';
import { ApiError, request } from '../../graphql/client.js';
import {
  CreateCampaignDocument,
  ImportInfluencerContactsDocument,
  InfluencerContactsDocument,
  InviteToCampaignDocument,
  SetCampaignStatusDocument,
  ShortlistsDocument,
  UploadCampaignCodesDocument,
  type PerkKind,
} from '../../graphql/generated.js';
import { useQuery } from '../../graphql/use-query.js';
import { useViewer } from '../../session.js';
import { PERK_LABELS } from './campaign-status.js';
import { InvitationPreview } from './invitation-preview.js';

const STEPS = ['Perk', 'Quantity', 'Targeting', 'Preview', 'Launch'] as const;

interface Draft {
  name: string;
  brief: string;
  terms: string;
  perkKind: PerkKind;
  perkTitle: string;
  perkDescription: string;
  perkInstructions: string;
  perkVariants: string;
  quantity: string;
  codesCsv: string;
  claimDeadline: string;
  hashtags: string;
  disclosureRequired: boolean;
  contactIds: string[];
  /** Targeting from discovery: a shortlist, and/or the accounts selected in a search. */
  shortlistId: string;
  /** Its name, to say who is invited in the preview and summary. */
  shortlistName: string;
  socialAccountIds: string[];
  searchNote: string;
  /** A search whose best matches (with a contact email) are invited, read again at launch. */
  discoveryQuery: string;
}

/** What Discover or a list hands over when it opens the wizard ("Invite to a new campaign"). */
interface WizardEntry {
  shortlistId?: string;
  shortlistName?: string;
  socialAccountIds?: string[];
  from?: string;
  /** The search the selection came from, offered as a discovery-query target. */
  query?: string;
  /** Target the search's best matches (prefilled). */
  discoveryQuery?: string;
}

/** The invitees in words, for the preview, the summary and the launch button. */
const audienceText = (d: Draft) =>
  [
    d.shortlistId && `the list ${d.shortlistName ? `“${d.shortlistName}”` : d.shortlistId}`,
    d.discoveryQuery.trim() && `the best matches of “${d.discoveryQuery.trim()}”`,
    d.socialAccountIds.length && `${d.socialAccountIds.length} people from a search`,
    d.contactIds.length && `${d.contactIds.length} contact(s)`,
  ]
    .filter(Boolean)
    .join(' + ');

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

/** Codes in a pasted or uploaded CSV: one per line, an optional "code" header (the server re-checks). */
export function countCodes(csv: string): number {
  return csv
    .split(/\r?\n/)
    .map((l) => l.split(',')[0]!.trim())
    .filter((l, i) => l && !(i === 0 && /^code$/i.test(l))).length;
}

const list = (s: string) =>
  s
    .split(/[,\n]/)
    .map((x) => x.trim().replace(/^#/, ''))
    .filter(Boolean);

export function CampaignWizard() {
  const viewer = useViewer();
  const navigate = useNavigate();
  const entry = (useLocation().state ?? {}) as WizardEntry;
  const [step, setStep] = useState(0);
  const [problems, setProblems] = useState<string[]>([]);
  const [draft, setDraft] = useState<Draft>({
    name: '',
    brief: '',
    terms: '',
    perkKind: 'code',
    perkTitle: '',
    perkDescription: '',
    perkInstructions: '',
    perkVariants: '',
    quantity: '',
    codesCsv: '',
    claimDeadline: inTwoWeeks(),
    hashtags: '',
    disclosureRequired: true,
    contactIds: [],
    shortlistId: entry.shortlistId ?? '',
    shortlistName: entry.shortlistName ?? '',
    socialAccountIds: entry.socialAccountIds ?? [],
    searchNote: entry.from ?? '',
    discoveryQuery: entry.discoveryQuery ?? '',
  });
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setProblems([]); // the problems named the old values; they are checked again on Next
  };
  const codes = useMemo(() => countCodes(draft.codesCsv), [draft.codesCsv]);

  const check = (): string[] => {
    const p: string[] = [];
    if (step === 0) {
      if (!draft.name.trim()) p.push('Give the campaign a name.');
      if (!draft.perkTitle.trim()) p.push('Say what the perk is (its title).');
    }
    if (step === 1) {
      const q = Number(draft.quantity);
      if (!Number.isInteger(q) || q < 1) p.push('Quantity must be a whole number of at least 1.');
      if (draft.perkKind === 'code' && codes < q) p.push(`Upload at least ${q} codes: ${codes} so far.`);
      if (!draft.claimDeadline || new Date(draft.claimDeadline) <= new Date()) p.push('The claim deadline must be in the future.');
    }
    return p;
  };
  const next = () => {
    const p = check();
    setProblems(p);
    if (!p.length) setStep((s) => Math.min(s + 1, STEPS.length - 1));
  };

  return (
    <div className="page">
      <PageHeader title="New campaign" description="Five short steps; nothing is sent before you launch." actions={<Link to="/campaigns" className="btn">Cancel</Link>} />
      <ol className="steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined} className={i < step ? 'done' : undefined}>
            {i + 1}. {s}
          </li>
        ))}
      </ol>
      <section className="card" aria-labelledby="step-heading">
        <h2 id="step-heading">{STEPS[step]}</h2>
        {problems.length > 0 && (
          <div className="alert error" role="alert">
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {step === 0 && <PerkStep draft={draft} set={set} />}
        {step === 1 && <QuantityStep draft={draft} set={set} codes={codes} />}
        {step === 2 && <TargetingStep draft={draft} set={set} entryQuery={entry.query} />}
        {step === 3 && (
          <div className="grid-2">
            <InvitationPreview
              to={audienceText(draft) || 'nobody selected yet'}
              input={{ brandName: viewer.brand?.name ?? 'Your brand', campaignName: draft.name, perkTitle: draft.perkTitle, brief: draft.brief, claimDeadline: draft.claimDeadline, disclosureRequired: draft.disclosureRequired }}
            />
            <Summary draft={draft} codes={codes} />
          </div>
        )}
        {step === 4 && <LaunchStep draft={draft} onDone={(id) => navigate(`/campaigns/${id}`)} />}
        {step < 4 && (
          <div className="row between">
            <button type="button" className="btn" onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0}>
              Back
            </button>
            <button type="button" className="btn primary" onClick={next}>
              {step === 3 ? 'Continue to launch' : 'Next'}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}

type StepProps = { draft: Draft; set: <K extends keyof Draft>(k: K, v: Draft[K]) => void };

function TextArea({ label, value, onChange, hint, rows = 3 }: { label: string; value: string; onChange: (v: string) => void; hint?: ReactNode; rows?: number }) {
  const id = `ta-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} />
      {hint && <span className="hint">{hint}</span>}
    </div>
  );
}

function PerkStep({ draft, set }: StepProps) {
  return (
    <div style={{ display: 'grid', gap: 14 }}>
      <Field label="Campaign name" value={draft.name} onChange={(e) => set('name', e.target.value)} placeholder="Spring EV test drive" />
      <fieldset>
        <legend>Perk type</legend>
        {(Object.keys(PERK_LABELS) as PerkKind[]).map((k) => (
          <label key={k} className="choice">
            <input type="radio" name="perkKind" value={k} checked={draft.perkKind === k} onChange={() => set('perkKind', k)} />
            <span>{PERK_LABELS[k]}</span>
          </label>
        ))}
      </fieldset>
      <Field label="Perk title" value={draft.perkTitle} onChange={(e) => set('perkTitle', e.target.value)} placeholder="20% off any accessory" hint="What creators get, in a few words: it is the subject of the invitation." />
      <TextArea label="Perk description" value={draft.perkDescription} onChange={(v) => set('perkDescription', v)} />
      {draft.perkKind === 'physical' && <Field label="Variants" value={draft.perkVariants} onChange={(e) => set('perkVariants', e.target.value)} hint="Comma-separated, e.g. S, M, L. Creators pick one and give a shipping address." />}
      {draft.perkKind === 'digital' && <TextArea label="Instructions" value={draft.perkInstructions} onChange={(v) => set('perkInstructions', v)} hint="Shown to creators once they claim." />}
      <TextArea label="Brief" value={draft.brief} onChange={(v) => set('brief', v)} hint="What you hope creators will do. Quoted in the invitation." />
      <TextArea label="Terms" value={draft.terms} onChange={(v) => set('terms', v)} />
      <Field label="Expected hashtags" value={draft.hashtags} onChange={(e) => set('hashtags', e.target.value)} placeholder="#acmespring" hint="Posts by claimers with these are linked to the campaign." />
      <label className="choice">
        <input type="checkbox" checked={draft.disclosureRequired} onChange={(e) => set('disclosureRequired', e.target.checked)} />
        <span>Require disclosure (#ad or #sponsored near the start of the post, as the FTC asks)</span>
      </label>
    </div>
  );
}

function QuantityStep({ draft, set, codes }: StepProps & { codes: number }) {
  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) set('codesCsv', await file.text());
  };
  return (
    <div style={{ display: 'grid', gap: 14 }}>
      <div className="grid-2">
        <Field label="Quantity" type="number" min={1} value={draft.quantity} onChange={(e) => set('quantity', e.target.value)} hint="How many creators can claim. Never oversold." />
        <Field label="Claim deadline" type="date" value={draft.claimDeadline} onChange={(e) => set('claimDeadline', e.target.value)} />
      </div>
      {draft.perkKind === 'code' && (
        <fieldset>
          <legend>Discount codes</legend>
          <p className="small muted">One unique code per line (a "code" header is fine). Each claimer gets one; no code is ever given twice.</p>
          <div className="field">
            <label htmlFor="codes-file">Upload a CSV file</label>
            <input id="codes-file" type="file" accept=".csv,text/csv,text/plain" onChange={readFile} />
          </div>
          <TextArea label="Or paste codes" value={draft.codesCsv} onChange={(v) => set('codesCsv', v)} rows={5} />
          <p className="small" role="status">
            <strong>{codes}</strong> code{codes === 1 ? '' : 's'} ready to upload.
          </p>
        </fieldset>
      )}
    </div>
  );
}

function TargetingStep({ draft, set, entryQuery }: StepProps & { entryQuery?: string }) {
  const contacts = useQuery(() => request(InfluencerContactsDocument).then((d) => d.influencerContacts));
  const [csv, setCsv] = useState('');
  const [basis, setBasis] = useState('consent');
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<ApiError>();
  const [importNote, setImportNote] = useState<string>();
  const selected = new Set(draft.contactIds);
  const toggle = (id: string) => set('contactIds', selected.has(id) ? draft.contactIds.filter((x) => x !== id) : [...draft.contactIds, id]);
  const importCsv = async () => {
    setImporting(true);
    setImportError(undefined);
    try {
      const r = (await request(ImportInfluencerContactsDocument, { csv, consentBasis: basis })).importInfluencerContacts;
      setImportNote(`${r.imported} added, ${r.updated} updated${r.problems.length ? `; ${r.problems.length} line(s) refused: ${r.problems.map((p) => `line ${p.line}: ${p.reason}`).join('; ')}` : ''}.`);
      setCsv('');
      await contacts.reload();
    } catch (e) {
      setImportError(e instanceof ApiError ? e : new ApiError(String(e), 'INTERNAL'));
    } finally {
      setImporting(false);
    }
  };
  return (
    <div style={{ display: 'grid', gap: 16 }}>
      <DiscoveryTargeting draft={draft} set={set} entryQuery={entryQuery} />
      {contacts.error ? (
        <ErrorState error={contacts.error} retry={contacts.reload} title="Contacts could not be loaded" />
      ) : !contacts.data ? (
        <Loading />
      ) : contacts.data.length === 0 ? (
        <EmptyState title="No contacts yet">Import creators' emails below (with the consent basis) to invite them.</EmptyState>
      ) : (
        <fieldset>
          <legend>And these contacts ({draft.contactIds.length} selected)</legend>
          <div className="row">
            <button type="button" className="btn small" onClick={() => set('contactIds', contacts.data!.filter((c) => c.email).map((c) => c.id))}>
              Select all
            </button>
            <button type="button" className="btn small" onClick={() => set('contactIds', [])}>
              Clear
            </button>
          </div>
          {contacts.data.map((c) => (
            <label key={c.id} className="choice">
              <input type="checkbox" checked={selected.has(c.id)} onChange={() => toggle(c.id)} disabled={!c.email} />
              <span>
                {c.displayName || c.handle || c.email} {c.handle && <span className="muted small">@{c.handle} · {c.platform}</span>} <span className="muted small">{c.email ?? 'no email'}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>Import contacts (CSV)</legend>
        <p className="small muted">
          Columns: <code>platform,handle,email</code> and optionally <code>name,consent_basis,consent_note</code>.
        </p>
        <TextArea label="Contacts CSV" value={csv} onChange={setCsv} rows={4} />
        <div className="inline-form">
          <div className="field" style={{ flex: '0 1 340px' }}>
            <label htmlFor="consent-basis">Consent basis for rows without one</label>
            <select id="consent-basis" value={basis} onChange={(e) => setBasis(e.target.value)}>
              <option value="consent">Consent</option>
              <option value="legitimate_interest">Legitimate interest</option>
              <option value="contract">Contract</option>
            </select>
          </div>
          <button type="button" className="btn" onClick={importCsv} disabled={importing || !csv.trim()}>
            {importing ? 'Importing…' : 'Import contacts'}
          </button>
        </div>
        <FormError error={importError} />
        {importNote && (
          <div className="alert ok" role="status">
            {importNote}
          </div>
        )}
      </fieldset>
    </div>
  );
}

const targetingOf = (d: Draft) => ({ contactIds: d.contactIds, socialAccountIds: d.socialAccountIds, shortlistId: d.shortlistId || null, discoveryQuery: d.discoveryQuery.trim() || null });

/** Invite a shortlist, or the people selected in a Discover search (handed over when the wizard opened). */
function DiscoveryTargeting({ draft, set, entryQuery }: StepProps & { entryQuery?: string }) {
  const lists = useQuery(() => request(ShortlistsDocument).then((d) => d.shortlists));
  return (
    <fieldset>
      <legend>From discovery</legend>
      <div className="field" style={{ maxWidth: 420 }}>
        <label htmlFor="target-list">Invite a shortlist</label>
        <select
          id="target-list"
          value={draft.shortlistId}
          onChange={(e) => {
            set('shortlistId', e.target.value);
            set('shortlistName', lists.data?.find((l) => l.id === e.target.value)?.name ?? '');
          }}
          disabled={!lists.data}
        >
          <option value="">No list</option>
          {(lists.data ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.name} ({l.entryCount})
            </option>
          ))}
        </select>
        {lists.data?.length === 0 && (
          <span className="hint">
            No lists yet: make one in <Link to="/discover">Discover</Link>.
          </span>
        )}
      </div>
      <FormError error={lists.error} />
      <Field
        label="Or invite the best matches of a search"
        value={draft.discoveryQuery}
        onChange={(e) => set('discoveryQuery', e.target.value)}
        placeholder="e.g. fitness creators with 10k-100k followers"
        hint="Read like Discover reads it, when you launch: its best 200 matches your brand holds an email for are invited."
        list="wizard-query-suggestion"
      />
      {entryQuery && (
        <datalist id="wizard-query-suggestion">
          <option value={entryQuery} />
        </datalist>
      )}
      {draft.socialAccountIds.length > 0 && (
        <div className="row">
          <span className="badge accent">{draft.searchNote || `${draft.socialAccountIds.length} people from a search`}</span>
          <button type="button" className="btn small" onClick={() => set('socialAccountIds', [])}>
            Leave them out
          </button>
        </div>
      )}
      <p className="small muted">Invitations go to the email your brand holds for each account (import them below); those without one are listed as skipped, never guessed.</p>
    </fieldset>
  );
}

function Summary({ draft, codes }: { draft: Draft; codes: number }) {
  const rows: [string, ReactNode][] = [
    ['Perk', `${draft.perkTitle} (${PERK_LABELS[draft.perkKind]})`],
    ['Quantity', draft.quantity],
    ...(draft.perkKind === 'code' ? [['Codes', String(codes)] as [string, ReactNode]] : []),
    ['Claim by', draft.claimDeadline],
    ['Invitees', audienceText(draft) || 'nobody yet'],
    ['Disclosure', draft.disclosureRequired ? 'required' : 'not required'],
    ['Hashtags', list(draft.hashtags).map((h) => `#${h}`).join(' ') || '–'],
  ];
  return (
    <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '8px 16px', margin: 0, alignContent: 'start' }}>
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt className="muted">{k}</dt>
          <dd style={{ margin: 0, fontWeight: 550 }}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Creates the draft, uploads the codes, goes live and invites; each step said as it happens. */
function LaunchStep({ draft, onDone }: { draft: Draft; onDone: (id: string) => void }) {
  const [log, setLog] = useState<string[]>([]);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [createdId, setCreatedId] = useState<string>();
  const launch = async (goLive: boolean) => {
    setBusy(true);
    setError(undefined);
    const say = (line: string) => setLog((l) => [...l, line]);
    try {
      let id = createdId;
      if (!id) {
        const created = await request(CreateCampaignDocument, {
          input: {
            name: draft.name.trim(),
            brief: draft.brief,
            terms: draft.terms,
            perkKind: draft.perkKind,
            perkTitle: draft.perkTitle.trim(),
            perkDescription: draft.perkDescription,
            perkInstructions: draft.perkInstructions,
            perkVariants: list(draft.perkVariants),
            quantity: Number(draft.quantity),
            claimDeadline: new Date(`${draft.claimDeadline}T23:59:59Z`).toISOString(),
            expectedHashtags: list(draft.hashtags).map((h) => h.toLowerCase()),
            disclosureRequired: draft.disclosureRequired,
            targeting: targetingOf(draft),
          },
        });
        id = created.createCampaign.id;
        setCreatedId(id);
        say('Draft saved.');
        if (draft.perkKind === 'code') {
          const up = (await request(UploadCampaignCodesDocument, { campaignId: id, csv: draft.codesCsv })).uploadCampaignCodes;
          say(`${up.added} codes uploaded${up.problems.length ? ` (${up.problems.length} line(s) refused: ${up.problems.map((p) => `line ${p.line}: ${p.reason}`).join('; ')})` : ''}.`);
        }
      }
      if (!goLive) return onDone(id);
      await request(SetCampaignStatusDocument, { id, status: 'active' });
      say('Campaign is live.');
      if (audienceText(draft)) {
        const inv = (await request(InviteToCampaignDocument, { campaignId: id, targeting: targetingOf(draft) })).inviteToCampaign;
        say(`${inv.invited} invitation(s) queued${inv.skipped.length ? `; ${inv.skipped.length} skipped (${inv.skipped.map((s) => s.reason).join('; ')})` : ''}.`);
      }
      onDone(id);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(String(e), 'INTERNAL'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'grid', gap: 14 }}>
      <p>
        Launching makes the campaign live and emails {audienceText(draft) || 'nobody yet (you can invite from the dashboard)'}. People without a contact email for your brand are skipped and listed. You can pause or end it at any time.
      </p>
      {log.length > 0 && (
        <ul className="small" aria-live="polite">
          {log.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      <FormError error={error} />
      <div className="row end">
        <button type="button" className="btn" disabled={busy} onClick={() => launch(false)}>
          Save as draft
        </button>
        <button type="button" className="btn primary" disabled={busy} onClick={() => launch(true)}>
          {busy ? 'Launching…' : 'Launch campaign'}
        </button>
      </div>
    </div>
  );
}
