// The console's entry: take the tokens and the language, then show the console (or the token form).
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { App } from './App.js';
import { I18nContext, initialLanguage, type Language, languages, rememberLanguage } from './i18n/i18n.js';
import { forgetTokens, readTokens, saveTokens } from './live/token.js';
import { TokenForm } from './TokenForm.js';
import './styles.css';

function Root() {
  const [tokens, setTokens] = useState(readTokens);
  // The printed link opened in a tab that already shows the console changes only the fragment (no reload): its tokens
  // are taken then too, and hidden from the address bar, instead of lingering there unused.
  useEffect(() => {
    const takeNewTokens = () => {
      if (/(?:^#|[&?])(?:token|sim)=/.test(window.location.hash)) setTokens(readTokens());
    };
    window.addEventListener('hashchange', takeNewTokens);
    return () => window.removeEventListener('hashchange', takeNewTokens);
  }, []);
  const [language, setLanguage] = useState<Language>(() => {
    const chosen = initialLanguage();
    document.documentElement.lang = chosen;
    return chosen;
  });
  const choose = (next: Language) => {
    rememberLanguage(next);
    setLanguage(next);
  };
  // The tab's title in the chosen language too (the page's own <title> is English).
  document.title = languages[language].token.heading;
  const credentials = useMemo(() => tokens, [tokens]);
  if (!credentials) {
    return (
      <I18nContext.Provider value={{ language, m: languages[language], setLanguage: choose }}>
        <TokenForm
          onTokens={(value) => {
            saveTokens(value);
            setTokens(value);
          }}
        />
      </I18nContext.Provider>
    );
  }
  return (
    <App
      credentials={credentials}
      language={language}
      onLanguage={choose}
      onSignOut={() => {
        forgetTokens();
        setTokens(null);
      }}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<Root />, root);
