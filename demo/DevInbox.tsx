import { useEffect, useState } from 'react';

interface OutboxEntry {
  username: string;
  destination: string;
  kind: 'signUp' | 'resendSignUp' | 'challenge';
  code: string;
  /** A magic link's email: the link, beside the code. */
  link?: string;
  time: string;
}

const kindLabels: Record<OutboxEntry['kind'], string> = {
  signUp: 'sign-up code',
  resendSignUp: 'new sign-up code',
  challenge: 'sign-in code',
};

const pollMs = 1_000;

/** The codes the local pool "sent", so every flow can be finished without an inbox. */
export function DevInbox({ poolUrl }: { poolUrl: string }) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [reachable, setReachable] = useState(true);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch(`${poolUrl}/_local/outbox`);
        const list = (await response.json()) as OutboxEntry[];
        if (!stopped) {
          setEntries(list.slice(-8).reverse());
          setReachable(true);
        }
      } catch {
        if (!stopped) setReachable(false);
      }
      if (!stopped) timer = setTimeout(poll, pollMs);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [poolUrl]);
  return (
    <aside className="dev-inbox" aria-labelledby="dev-inbox-title">
      <h2 id="dev-inbox-title">Dev inbox</h2>
      <p className="dev-inbox-note">Codes the local pool sent. Not part of a real deployment.</p>
      {!reachable && <p role="status">The local pool at {poolUrl} is not answering.</p>}
      {entries.length === 0 ? (
        <p>No codes yet.</p>
      ) : (
        <ol className="dev-inbox-list">
          {entries.map((entry) => (
            <li key={`${entry.time}-${entry.code}`} data-kind={entry.kind}>
              <span className="dev-inbox-code" data-username={entry.username}>
                {entry.code}
              </span>{' '}
              {kindLabels[entry.kind]} for <strong>{entry.username}</strong> ({entry.destination}),{' '}
              {new Date(entry.time).toLocaleTimeString()}
              {entry.link && (
                <>
                  {' '}
                  <a href={entry.link} target="_blank" rel="noopener" data-part="link">
                    open the sign-in link
                  </a>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
