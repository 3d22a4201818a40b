import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../src/components/styles.css';
import './demo.css';
import { App, configureAmplify, flowFromUrl } from './App.tsx';
import { defaultLocalPoolUrl, loadAuthSetup } from './auth-setup.ts';

const container = document.getElementById('root');
if (!container) throw new Error('The demo page needs a #root element.');
const root = createRoot(container);

function PoolUnavailable({ reason }: { reason: string }) {
  return (
    <main className="demo-unavailable">
      <h1>The sign-in backend is not reachable</h1>
      <p>{reason}</p>
      <p>
        Start the local user pool with <code>npm start</code> (it serves {defaultLocalPoolUrl} by
        default), or set <code>VITE_USER_POOL_ID</code> and <code>VITE_USER_POOL_CLIENT_ID</code>{' '}
        for a real Cognito user pool.
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        Try again
      </button>
    </main>
  );
}

loadAuthSetup(import.meta.env).then(
  (setup) => {
    const initialFlow = flowFromUrl(setup);
    configureAmplify(setup, initialFlow);
    root.render(
      <StrictMode>
        <App setup={setup} initialFlow={initialFlow} />
      </StrictMode>,
    );
  },
  (error: unknown) => {
    root.render(
      <PoolUnavailable reason={error instanceof Error ? error.message : String(error)} />,
    );
  },
);
