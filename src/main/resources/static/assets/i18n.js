// UI strings of the player client. Content (titles, questions, outcome labels) comes localized from the API.
const STRINGS = {
  en: {
    feed: 'Feed', history: 'My predictions', leaderboard: 'Leaderboard',
    signIn: 'Sign in', signOut: 'Sign out', yourName: 'Pick a player name',
    pasteToken: 'Paste a bearer token', demoUnavailable: 'Demo sign-in is off on this server: paste a token.',
    loading: 'Loading…', empty: 'Nothing to predict right now. New clips appear here live.',
    locksIn: 'Locks in {t}', locked: 'Locked', lockingNow: 'Locking…',
    preview: 'Preview', reveal: 'Reveal', settled: 'Settled', cancelled: 'Cancelled', suspended: 'Suspended',
    sending: 'Sending…',
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
    locksOn: 'Locks {date}', lockedRevealAt: 'Locked · the reveal follows at {time}', noOpenQuestion: 'No open question right now',
    rateLimited: 'Too many tries at once: trying again in {s} s', unavailable: 'The service is busy: trying again in {s} s',
    offlineRetry: 'No connection: trying again in {s} s', failedCode: 'Could not send ({code}): try again',
    expired: 'Your sign-in has expired: sign in again to carry on', streamDown: 'Live updates interrupted: reconnecting…',
    feedFailed: 'Could not load the feed: trying again shortly', pause: 'Pause the clip', play: 'Play the clip',
    sections: 'Sections', language: 'Language', oddsFormat: 'Odds format', marketLocked: 'Locked: waiting for the result',
    sport_FOOTBALL: 'Football', sport_BASKETBALL: 'Basketball', sport_ICE_HOCKEY: 'Ice hockey', sport_TENNIS: 'Tennis',
    sport_HANDBALL: 'Handball', sport_AMERICAN_FOOTBALL: 'American football', sport_BASEBALL: 'Baseball',
    sport_CRICKET: 'Cricket', sport_RUGBY: 'Rugby', sport_GOLF: 'Golf', sport_MOTORSPORT: 'Motorsport', sport_OTHER: 'Sport',
  },
  sv: {
    feed: 'Flöde', history: 'Mina tips', leaderboard: 'Topplista',
    signIn: 'Logga in', signOut: 'Logga ut', yourName: 'Välj ett spelarnamn',
    pasteToken: 'Klistra in en bearer-token', demoUnavailable: 'Demoinloggning är avstängd här: klistra in en token.',
    loading: 'Laddar…', empty: 'Inget att tippa just nu. Nya klipp dyker upp här direkt.',
    locksIn: 'Stänger om {t}', locked: 'Stängd', lockingNow: 'Stänger…',
    preview: 'Förhandsvisning', reveal: 'Avslöjande', settled: 'Avgjord', cancelled: 'Inställd', suspended: 'Pausad',
    sending: 'Skickar…',
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
    locksOn: 'Stänger {date}', lockedRevealAt: 'Stängd · avslöjandet kommer {time}', noOpenQuestion: 'Ingen öppen fråga just nu',
    rateLimited: 'För många försök på en gång: försöker igen om {s} s', unavailable: 'Tjänsten är upptagen: försöker igen om {s} s',
    offlineRetry: 'Ingen anslutning: försöker igen om {s} s', failedCode: 'Kunde inte skicka ({code}): försök igen',
    expired: 'Din inloggning har gått ut: logga in igen för att fortsätta', streamDown: 'Liveuppdateringarna avbröts: återansluter…',
    feedFailed: 'Kunde inte ladda flödet: försöker igen strax', pause: 'Pausa klippet', play: 'Spela klippet',
    sections: 'Delar', language: 'Språk', oddsFormat: 'Oddsformat', marketLocked: 'Stängd: väntar på resultatet',
    sport_FOOTBALL: 'Fotboll', sport_BASKETBALL: 'Basket', sport_ICE_HOCKEY: 'Ishockey', sport_TENNIS: 'Tennis',
    sport_HANDBALL: 'Handboll', sport_AMERICAN_FOOTBALL: 'Amerikansk fotboll', sport_BASEBALL: 'Baseboll',
    sport_CRICKET: 'Cricket', sport_RUGBY: 'Rugby', sport_GOLF: 'Golf', sport_MOTORSPORT: 'Motorsport', sport_OTHER: 'Sport',
  },
};

export const LOCALES = Object.keys(STRINGS);

/** The BCP 47 tag for dates and numbers in a UI locale. */
export const localeTag = (locale) => (locale === 'sv' ? 'sv-SE' : 'en-GB');

export function translator(locale) {
  const table = STRINGS[locale] || STRINGS.en;
  return (key, vars = {}) => (table[key] ?? STRINGS.en[key] ?? key)
    .replace(/\{(\w+)\}/g, (_, name) => (name in vars ? vars[name] : `{${name}}`));
}
