// The console's layout: header with clock and switches, admin side and phones side by side, guided tour at the bottom.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AdminPane } from './admin/AdminPane.js';
import { ConfirmDialog } from './admin/ConfirmDialog.js';
import { type ConsoleControls, ControlsContext, useControls } from './admin/navigation.js';
import { useRoute } from './admin/route.js';
import { ClockControl } from './clock/ClockControl.js';
import { type I18n, I18nContext, type Language, languages, useI18n } from './i18n/i18n.js';
import { type Credentials, graphApi, simApi } from './live/api.js';
import { LiveContext, type LiveStatus, useLive, useLiveState } from './live/live-state.js';
import { PhonePane } from './phone/PhonePane.js';
import { TourBar } from './tour/TourBar.js';

interface Props {
  credentials: Credentials;
  language: Language;
  onLanguage(language: Language): void;
  onSignOut(): void;
}

export function App({ credentials, language, onLanguage, onSignOut }: Props) {
  const graph = useMemo(() => graphApi(credentials), [credentials]);
  const sim = useMemo(() => simApi(credentials), [credentials]);
  const live = useLiveState(sim);
  const [route, navigate] = useRoute();
  const m = languages[language];
  const i18n: I18n = { language, m, setLanguage: onLanguage };
  const edition = live.devices[0]?.removePasscode.edition ?? '2018-03';
  const [resetReport, setResetReport] = useState<ResetReport | null>(null);
  // Until the trainer chooses, show the first device's phone.
  const phones = route.phones ?? live.devices.slice(0, 1).map((device) => device.id);
  const controls: ConsoleControls = {
    graph,
    sim,
    route,
    navigate,
    goAdmin: (admin) => navigate((r) => ({ ...r, admin })),
    phones,
    showPhones: (ids) => navigate((r) => ({ ...r, phones: ids }), { replace: true }),
    edition,
  };
  const statusText: Record<LiveStatus, string> = {
    connecting: m.header.connecting,
    live: m.header.live,
    reconnecting: m.header.reconnecting,
    offline: m.header.offline,
  };

  return (
    <I18nContext.Provider value={i18n}>
      <LiveContext.Provider value={live}>
        <ControlsContext.Provider value={controls}>
          <div class={`console${route.presenter ? ' presenter' : ''}`}>
            <header class="top">
              <h1>{m.header.title}</h1>
              <span class={`stream ${live.status}`} role="status" aria-label={m.header.liveLabel}>
                {statusText[live.status]}
              </span>
              <ClockControl />
              <div class="top-tools">
                <ResetButton onReport={setResetReport} />
                <button
                  type="button"
                  aria-pressed={route.presenter}
                  onClick={() => navigate((r) => ({ ...r, presenter: !r.presenter }), { replace: true })}
                >
                  {m.header.presenter}
                </button>
                <label class="language">
                  <span class="visually-hidden">{m.header.language}</span>
                  <select
                    value={language}
                    onChange={(event) => onLanguage(event.currentTarget.value as Language)}
                  >
                    {Object.entries(languages).map(([code, messages]) => (
                      <option key={code} value={code} lang={code}>
                        {messages.language}
                      </option>
                    ))}
                  </select>
                </label>
                <ChangeTokenButton onSignOut={onSignOut} />
              </div>
            </header>
            {live.error && (
              <p role="alert" class="error banner">
                {live.error}
              </p>
            )}
            <main class="sides">
              <AdminPane />
              <PhonePane />
            </main>
            {/* The reset's toast sits on the tour bar's top edge; the dock keeps both in view where the page scrolls. */}
            <div class="tour-dock">
              <ResetToast report={resetReport} />
              <TourBar />
            </div>
          </div>
        </ControlsContext.Provider>
      </LiveContext.Provider>
    </I18nContext.Provider>
  );
}

/** The header's "Change token": asks first, since the trainer then has to paste both tokens again. */
function ChangeTokenButton({ onSignOut }: { onSignOut: () => void }) {
  const { m } = useI18n();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" class="link" onClick={() => setAsking(true)}>
        {m.header.changeToken}
      </button>
      {asking && (
        <ConfirmDialog
          title={m.changeTokenDialog.title}
          message={m.changeTokenDialog.message}
          confirmLabel={m.changeTokenDialog.confirm}
          cancelLabel={m.overview.no}
          onConfirm={onSignOut}
          onCancel={() => setAsking(false)}
        />
      )}
    </>
  );
}

/** What "Reset simulation" did, in a sentence; `complete` is false when a device was not reset (or it failed). */
interface ResetReport {
  text: string;
  complete: boolean;
}

/** How long the reset's toast stays on screen: long enough to read aloud to the room. */
const TOAST_MS = 6_000;

/**
 * The header's "Reset simulation": asks first, then puts the whole fleet back and reports what happened (ResetToast
 * says it).
 */
function ResetButton({ onReport }: { onReport: (report: ResetReport | null) => void }) {
  const { m } = useI18n();
  const { sim } = useControls();
  const { devices } = useLive();
  const names = (id: string) => devices.find((device) => device.id === id)?.name ?? id;
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const reset = async () => {
    setAsking(false);
    setBusy(true);
    onReport(null);
    try {
      const outcome = await sim.reset();
      onReport(
        outcome.offline.length > 0
          ? { text: m.header.resetOffline(outcome.offline.map(names).join(', ')), complete: false }
          : { text: m.header.resetDone(devices.length), complete: true },
      );
    } catch (failure) {
      onReport({ text: (failure as Error).message, complete: false });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => setAsking(true)}>
        {busy ? m.header.resetting : m.header.reset}
      </button>
      {asking && (
        <ConfirmDialog
          title={m.resetDialog.title}
          message={m.resetDialog.message}
          confirmLabel={m.resetDialog.confirm}
          cancelLabel={m.overview.no}
          onConfirm={reset}
          onCancel={() => setAsking(false)}
        />
      )}
    </>
  );
}

/**
 * What the last reset did, to screen readers (a status region) and for TOAST_MS on screen: a toast at the bottom
 * left, just above the tour bar, where it covers neither a phone's name nor the header's, portal's or tour's controls
 * (below the header it sat over the top of the phone pane).
 */
function ResetToast({ report }: { report: ResetReport | null }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!report) return;
    setShown(true);
    const timer = setTimeout(() => setShown(false), TOAST_MS);
    return () => clearTimeout(timer);
  }, [report]);
  return (
    <>
      <span class="visually-hidden" role="status">
        {report?.text}
      </span>
      {report && shown && (
        // Read out by the status region above; this is its copy for the room.
        <div class={`reset-toast${report.complete ? '' : ' incomplete'}`} aria-hidden="true">
          {report.text}
        </div>
      )}
    </>
  );
}
