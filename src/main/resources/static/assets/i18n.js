// UI strings of the player client. Content (titles, questions, outcome labels) comes localized from the API.
const STRINGS = {
  en: {
    feed: 'Feed', history: 'My predictions', leaderboard: 'Leaderboard',
    signIn: 'Sign in', signOut: 'Sign out', yourName: 'Pick a player name',
    pasteToken: 'Paste a bearer token', demoUnavailable: 'Demo sign-in is off on this server: paste a token.',
    loading: 'Loading…', empty: 'Nothing to predict right now. New clips appear here live.',
    locksIn: 'Locks in {t}', locked: 'Locked', lockingNow: 'Locking…',
    preview: 'Preview', reveal: 'Reveal', settled: 'Settled', cancelled: 'Cancelled', suspended: 'Suspended',
    sending: 'Sending…', retrying: 'Network trouble, retrying ({n})…', failed: 'Could not send: {e}',
    ACCEPTED: 'Prediction accepted at {odds}', SESSION_ENDED: 'Your session ended: try again',
    MARKET_NOT_OPEN: 'This question is not open right now', MARKET_LOCKED: 'Too late: predictions are locked',
    ODDS_CHANGED: 'The odds changed: check the new price and try again',
    ALREADY_PREDICTED: 'You already predicted on this question',
    yourPick: 'Your pick', WON: 'You were right!', LOST: 'Not this time', VOID: 'Void: the question was cancelled',
    PENDING: 'Waiting for the result', winner: 'Answer: {label}',
    summary: '{correct} right of {settled} settled · accuracy {acc} · streak {streak} (best {best}) · {pending} pending',
    noHistory: 'No predictions yet.', period: 'Period', day: 'Today', week: 'This week', all: 'All time',
    rank: '#', player: 'Player', correct: 'Right', accuracy: 'Accuracy', you: 'you', noEntries: 'Nobody on the board yet.',
    decimal: 'Decimal', fractional: 'Fractional', live: 'live', offline: 'reconnecting', sound: 'Sound',
    tapToPlay: 'Tap to play',
  },
  sv: {
    feed: 'Flöde', history: 'Mina tips', leaderboard: 'Topplista',
    signIn: 'Logga in', signOut: 'Logga ut', yourName: 'Välj ett spelarnamn',
    pasteToken: 'Klistra in en bearer-token', demoUnavailable: 'Demoinloggning är avstängd här: klistra in en token.',
    loading: 'Laddar…', empty: 'Inget att tippa just nu. Nya klipp dyker upp här direkt.',
    locksIn: 'Stänger om {t}', locked: 'Stängd', lockingNow: 'Stänger…',
    preview: 'Förhandsvisning', reveal: 'Avslöjande', settled: 'Avgjord', cancelled: 'Inställd', suspended: 'Pausad',
    sending: 'Skickar…', retrying: 'Nätverksproblem, försöker igen ({n})…', failed: 'Kunde inte skicka: {e}',
    ACCEPTED: 'Tipset är lagt till {odds}', SESSION_ENDED: 'Sessionen tog slut: försök igen',
    MARKET_NOT_OPEN: 'Frågan är inte öppen just nu', MARKET_LOCKED: 'För sent: tipsen är stängda',
    ODDS_CHANGED: 'Oddsen ändrades: kolla det nya priset och försök igen',
    ALREADY_PREDICTED: 'Du har redan tippat på den här frågan',
    yourPick: 'Ditt tips', WON: 'Rätt!', LOST: 'Inte den här gången', VOID: 'Ogiltig: frågan ströks',
    PENDING: 'Väntar på resultatet', winner: 'Svar: {label}',
    summary: '{correct} rätt av {settled} avgjorda · träffsäkerhet {acc} · svit {streak} (bästa {best}) · {pending} väntar',
    noHistory: 'Inga tips än.', period: 'Period', day: 'I dag', week: 'Den här veckan', all: 'Totalt',
    rank: '#', player: 'Spelare', correct: 'Rätt', accuracy: 'Träffsäkerhet', you: 'du', noEntries: 'Ingen på listan än.',
    decimal: 'Decimal', fractional: 'Bråk', live: 'live', offline: 'återansluter', sound: 'Ljud',
    tapToPlay: 'Tryck för att spela',
  },
};

export const LOCALES = Object.keys(STRINGS);

export function translator(locale) {
  const table = STRINGS[locale] || STRINGS.en;
  return (key, vars = {}) => (table[key] ?? STRINGS.en[key] ?? key)
    .replace(/\{(\w+)\}/g, (_, name) => (name in vars ? vars[name] : `{${name}}`));
}
