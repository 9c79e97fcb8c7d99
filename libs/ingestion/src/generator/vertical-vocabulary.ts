/**
 * What generated accounts talk about. Each vertical has phrases in every generated language, named entities
 * (brands, models, teams), hashtags and Twitter-style context annotations, chosen so a topic classifier trained
 * on real posts would recognise them: an automotive account writes "Tesla Model 3 range test" and "#EV", a German
 * sports account writes about the Bundesliga. `topics` names the Klout topics the vertical stands for, which is
 * what evaluations compare discovered topics against.
 *
 * Phrase slots: {e} an entity of the vertical, {n} a number, {p} a place.
 */
export const GENERATED_LANGUAGES = ['en', 'de', 'es', 'fr', 'ja'] as const;
export type GeneratedLanguage = (typeof GENERATED_LANGUAGES)[number];

/** Share of accounts per primary language (English dominates public Twitter samples). */
export const LANGUAGE_WEIGHTS: Record<GeneratedLanguage, number> = { en: 0.56, es: 0.13, de: 0.11, fr: 0.1, ja: 0.1 };

export interface ContextAnnotationSeed {
  domain: { id: string; name: string; description?: string };
  entity: { id: string; name: string; description?: string };
}

export interface VerticalVocabulary {
  key: string;
  /** Klout topic display names this vertical stands for (ground truth for topic evaluations). */
  topics: string[];
  /** Relative number of accounts. */
  weight: number;
  entities: string[];
  hashtags: string[];
  hashtagsByLanguage: Partial<Record<GeneratedLanguage, string[]>>;
  phrases: Record<GeneratedLanguage, string[]>;
  bios: Record<GeneratedLanguage, string[]>;
  annotations: ContextAnnotationSeed[];
  linkDomains: string[];
}

const interests = (id: string, name: string): ContextAnnotationSeed => ({
  domain: { id: '65', name: 'Interests and Hobbies Vertical', description: 'Top level interests and hobbies groupings, like Food or Travel' },
  entity: { id, name },
});
const interestCategory = (id: string, name: string): ContextAnnotationSeed => ({
  domain: { id: '66', name: 'Interests and Hobbies Category', description: 'A grouping of interests and hobbies entities, like Novelty Food or Destinations' },
  entity: { id, name },
});
const brand = (id: string, name: string): ContextAnnotationSeed => ({
  domain: { id: '47', name: 'Brand', description: 'Brands and Companies' },
  entity: { id, name },
});
const sportsLeague = (id: string, name: string): ContextAnnotationSeed => ({
  domain: { id: '26', name: 'Sports League' },
  entity: { id, name },
});
const brandCategory = (id: string, name: string): ContextAnnotationSeed => ({
  domain: { id: '46', name: 'Brand Category', description: 'Categories within Brand Verticals that narrow down the scope of Brands' },
  entity: { id, name },
});

export const VERTICALS: VerticalVocabulary[] = [
  {
    key: 'automotive',
    topics: ['Cars', 'Auto Industry', 'Electric Vehicles'],
    weight: 1.2,
    entities: ['Tesla Model 3', 'Tesla Model Y', 'VW ID.4', 'BMW i4', 'Porsche Taycan', 'Hyundai Ioniq 5', 'Ford Mustang Mach-E', 'Toyota Prius', 'Kia EV6', 'Polestar 2', 'BYD Seal', 'Renault Zoe', 'Mercedes EQS', 'Audi e-tron GT', 'Honda Civic Type R', 'Nissan Leaf'],
    hashtags: ['EV', 'ElectricVehicles', 'Cars', 'Tesla', 'CarReview', 'AutoIndustry', 'TestDrive', 'EVcharging'],
    hashtagsByLanguage: { de: ['Elektroauto', 'Autotest', 'EMobilität'], es: ['cocheselectricos', 'motor'], fr: ['voitureelectrique', 'automobile'], ja: ['電気自動車', 'クルマ好き'] },
    phrases: {
      en: ['{e} range test on the highway: {n} miles on a full charge', 'Just picked up the new {e}, first impressions of the drive and the interior', 'Charging the {e} at a fast charger took {n} minutes from 10 to 80 percent', 'The auto industry is shifting fast: {e} deliveries up {n}% this quarter', 'Long-term review of the {e} after {n},000 miles: battery, tyres and software updates', 'Is the {e} the best electric car for families? Full test drive video'],
      de: ['Reichweitentest mit dem {e} auf der Autobahn: {n} km mit einer Akkuladung', 'Der neue {e} im Alltagstest: Verbrauch, Ladeleistung und Fahrwerk', 'Schnellladen am HPC-Lader: {n} Minuten von 10 auf 80 Prozent im {e}', 'Die Autoindustrie im Wandel: {e} Zulassungen steigen um {n} Prozent', 'Probefahrt im {e} – lohnt sich das Elektroauto wirklich?'],
      es: ['Prueba de autonomía del {e} en autopista: {n} km con una carga', 'Primeras impresiones del nuevo {e}: interior, motor y precio', 'Cargar el {e} en un cargador rápido llevó {n} minutos', 'La industria del automóvil cambia: las ventas del {e} suben un {n}%', 'Probamos el {e}, ¿el mejor coche eléctrico del año?'],
      fr: ['Essai autonomie de la {e} sur autoroute : {n} km avec une charge', 'Premier essai de la nouvelle {e} : intérieur, conduite et recharge', 'Recharge rapide de la {e} : {n} minutes de 10 à 80 %', "L'industrie automobile accélère : les ventes de la {e} en hausse de {n} %", 'La {e} est-elle la meilleure voiture électrique familiale ?'],
      ja: ['{e}の高速道路での航続距離テスト：満充電で{n}km', '新型{e}に試乗してきた、内装と走りの第一印象', '{e}の急速充電、10%から80%まで{n}分でした', '自動車業界の変化：{e}の販売台数が{n}%増加', '{e}の長期レビュー、バッテリーの劣化は？'],
    },
    bios: {
      en: ['Car reviewer. EVs, test drives and the auto industry.', 'Electric vehicle enthusiast | {e} owner | charging infrastructure nerd', 'Automotive journalist covering cars, EVs and the motor industry'],
      de: ['Autotester. Elektroautos, Probefahrten und die Autoindustrie.', 'E-Mobilität aus Leidenschaft | fahre {e}'],
      es: ['Periodista del motor. Coches eléctricos y pruebas.', 'Apasionado de los coches | {e}'],
      fr: ['Journaliste automobile. Voitures électriques et essais.', 'Passionné de voitures | conduit une {e}'],
      ja: ['クルマと電気自動車のレビュー', '自動車ジャーナリスト。{e}オーナー'],
    },
    annotations: [interests('781974596158877696', 'Automotive'), interestCategory('839543390668673024', 'Electric vehicles'), brandCategory('781974596795289600', 'Automotive'), brand('10026820777', 'Tesla Motors'), interestCategory('847868745150119937', 'Cars')],
    linkDomains: ['caranddriver.com', 'electrek.co', 'autobild.de', 'motorpasion.com', 'automobile-magazine.fr', 'insideevs.com'],
  },
  {
    key: 'fitness',
    topics: ['Fitness', 'Exercise', 'Bodybuilding'],
    weight: 1,
    entities: ['deadlift', 'HIIT', 'marathon', 'CrossFit WOD', 'kettlebell', 'yoga flow', 'squat', 'Peloton ride', 'protein shake', 'leg day'],
    hashtags: ['fitness', 'workout', 'gym', 'fitfam', 'training', 'running'],
    hashtagsByLanguage: { de: ['Krafttraining', 'Sport'], es: ['entrenamiento', 'gimnasio'], fr: ['musculation', 'entrainement'], ja: ['筋トレ', 'ランニング'] },
    phrases: {
      en: ['New PR on the {e} today: {n} kg, consistency pays off', 'Morning {e} done, {n} minutes and feeling great', 'My {n}-week training plan for beginners: {e}, mobility and rest days', 'Nutrition tip: hit your protein before the {e}', 'Recovery matters as much as the {e}: sleep {n} hours'],
      de: ['Neuer Rekord beim {e}: {n} kg, dranbleiben lohnt sich', 'Training am Morgen: {e} für {n} Minuten', 'Mein Trainingsplan für Anfänger: {e}, Mobilität und Ruhetage', 'Ernährungstipp für Muskelaufbau vor dem {e}'],
      es: ['Nuevo récord en {e}: {n} kg, la constancia funciona', 'Entrenamiento de la mañana: {e} durante {n} minutos', 'Mi plan de {n} semanas para principiantes en el gimnasio', 'Consejo de nutrición antes del {e}'],
      fr: ['Nouveau record au {e} : {n} kg, la régularité paie', 'Séance du matin : {e} pendant {n} minutes', 'Mon programme de musculation de {n} semaines pour débutants', 'Conseil nutrition avant le {e}'],
      ja: ['今日の{e}で自己ベスト更新：{n}kg', '朝の{e}、{n}分で完了', '初心者向け{n}週間の筋トレメニュー', 'トレーニング前のプロテイン補給について'],
    },
    bios: {
      en: ['Personal trainer | strength, running and nutrition', 'Fitness coach. Lift heavy, eat well, sleep more.'],
      de: ['Personal Trainer | Krafttraining und Ernährung'],
      es: ['Entrenador personal | fuerza y nutrición'],
      fr: ['Coach sportif | musculation et nutrition'],
      ja: ['パーソナルトレーナー｜筋トレと食事'],
    },
    annotations: [interests('847544972781826049', 'Fitness'), interestCategory('847888632711061505', 'Exercise & fitness'), interests('903303816698671104', 'Wellness and health')],
    linkDomains: ['menshealth.com', 'runnersworld.com', 'fitbook.de', 'vitonica.com'],
  },
  {
    key: 'technology',
    topics: ['Technology', 'Software Development', 'Artificial Intelligence'],
    weight: 1.2,
    entities: ['TypeScript', 'Kubernetes', 'PostgreSQL', 'the new iPhone', 'Rust', 'large language models', 'Linux kernel', 'React', 'GPU cluster', 'open source'],
    hashtags: ['tech', 'AI', 'programming', 'opensource', 'devops', 'MachineLearning'],
    hashtagsByLanguage: { de: ['Digitalisierung', 'KI'], es: ['tecnologia', 'programacion'], fr: ['tech', 'IA'], ja: ['プログラミング', 'エンジニア'] },
    phrases: {
      en: ['Migrated our backend to {e} this week, latency down {n}%', 'Thread: what I learned shipping {e} in production for {n} months', 'Benchmarking {e}: {n}x faster after removing one allocation', 'Hot take: {e} is overkill for most startups', 'Released v{n}.0 of our {e} library, changelog in the link'],
      de: ['Unser Backend läuft jetzt auf {e}, Latenz {n}% niedriger', 'Was ich aus {n} Monaten {e} in Produktion gelernt habe', 'Digitalisierung im Mittelstand: warum {e} hilft', 'Neues Release v{n}.0 unserer {e} Bibliothek'],
      es: ['Migramos el backend a {e}, la latencia bajó un {n}%', 'Lo que aprendí usando {e} en producción durante {n} meses', 'La inteligencia artificial y {e}: lo que viene', 'Nueva versión {n}.0 de nuestra librería de {e}'],
      fr: ['Migration du backend vers {e}, latence en baisse de {n} %', "Ce que j'ai appris avec {e} en production pendant {n} mois", "L'intelligence artificielle et {e} : ce qui change", 'Nouvelle version {n}.0 de notre bibliothèque {e}'],
      ja: ['バックエンドを{e}に移行、レイテンシが{n}%改善', '{e}を本番で{n}ヶ月運用して学んだこと', '生成AIと{e}のこれから', '{e}ライブラリのv{n}.0をリリースしました'],
    },
    bios: {
      en: ['Software engineer. Distributed systems, {e}, open source.', 'Tech writer covering AI and developer tools'],
      de: ['Softwareentwickler | {e} | Open Source'],
      es: ['Ingeniero de software | {e} | código abierto'],
      fr: ['Développeur logiciel | {e} | open source'],
      ja: ['ソフトウェアエンジニア｜{e}'],
    },
    annotations: [interests('848920371311001600', 'Technology'), interestCategory('848921413196984320', 'Computer programming'), interestCategory('898661583827615744', 'Artificial intelligence')],
    linkDomains: ['github.com', 'techcrunch.com', 'heise.de', 'xataka.com', 'numerama.com', 'qiita.com'],
  },
  {
    key: 'food',
    topics: ['Food', 'Cooking', 'Restaurants'],
    weight: 1,
    entities: ['sourdough', 'ramen', 'paella', 'croissants', 'tacos al pastor', 'risotto', 'vegan curry', 'sushi', 'Sunday roast', 'Käsespätzle'],
    hashtags: ['food', 'recipe', 'cooking', 'foodie', 'homemade'],
    hashtagsByLanguage: { de: ['Rezept', 'kochen'], es: ['receta', 'cocina'], fr: ['recette', 'cuisine'], ja: ['料理', 'グルメ'] },
    phrases: {
      en: ['Tried a new {e} recipe tonight, {n} minutes and worth every one', 'Best {e} in {p}? Here is my list of {n} places', 'Step by step: homemade {e} with {n} ingredients', 'Restaurant review: the {e} was perfect, service slow'],
      de: ['Neues Rezept ausprobiert: {e} in {n} Minuten', 'Die besten {e} in {p}: meine {n} Favoriten', 'Selbstgemacht: {e} mit nur {n} Zutaten', 'Restauranttest: das {e} war hervorragend'],
      es: ['Receta nueva de {e}: lista en {n} minutos', 'El mejor {e} de {p}, mis {n} sitios favoritos', 'Paso a paso: {e} casero con {n} ingredientes', 'Reseña del restaurante: el {e} estaba perfecto'],
      fr: ['Nouvelle recette de {e} ce soir, prête en {n} minutes', 'Les meilleurs {e} de {p} : ma liste de {n} adresses', 'Pas à pas : {e} maison avec {n} ingrédients', 'Critique de restaurant : le {e} était parfait'],
      ja: ['{e}の新しいレシピ、{n}分で完成', '{p}で一番美味しい{e}の店{n}選', '材料{n}つで作る手作り{e}', 'レストランレビュー：{e}が最高でした'],
    },
    bios: { en: ['Food writer and home cook. Recipes, restaurants, {e}.'], de: ['Foodbloggerin | Rezepte und Restaurants'], es: ['Bloguera de cocina | recetas y restaurantes'], fr: ['Blogueur culinaire | recettes et restaurants'], ja: ['料理ブロガー｜レシピとグルメ'] },
    annotations: [interests('825047692124442624', 'Food'), interestCategory('857879456773357570', 'Cooking'), interestCategory('847888632711061506', 'Restaurants')],
    linkDomains: ['bonappetit.com', 'chefkoch.de', 'directoalpaladar.com', 'marmiton.org', 'cookpad.com'],
  },
  {
    key: 'fashion',
    topics: ['Fashion', 'Style', 'Luxury Goods'],
    weight: 0.9,
    entities: ['Paris Fashion Week', 'Gucci', 'sneakers', 'vintage denim', 'Zara', 'capsule wardrobe', 'Chanel', 'streetwear', 'Milan runway', 'trench coat'],
    hashtags: ['fashion', 'ootd', 'style', 'streetstyle', 'fashionweek'],
    hashtagsByLanguage: { de: ['Mode', 'Outfit'], es: ['moda', 'estilo'], fr: ['mode', 'tendance'], ja: ['ファッション', 'コーデ'] },
    phrases: {
      en: ['Outfit of the day: {e} and a {n}-year-old jacket', 'Front row at {e}, the colours this season are bold', 'How to build a {e} with {n} pieces', 'Sustainable fashion: why I stopped buying fast {e}'],
      de: ['Outfit des Tages: {e} mit einer {n} Jahre alten Jacke', 'Live von der {e}: die Farben der Saison', 'Capsule Wardrobe mit {n} Teilen', 'Nachhaltige Mode statt Fast Fashion'],
      es: ['Look del día: {e} y una chaqueta de hace {n} años', 'Desde {e}: los colores de la temporada', 'Cómo crear un armario cápsula con {n} prendas', 'Moda sostenible frente a la moda rápida'],
      fr: ['Tenue du jour : {e} et une veste de {n} ans', 'Au premier rang de la {e}, les couleurs de la saison', 'Créer une garde-robe capsule en {n} pièces', 'Mode durable : pourquoi je n’achète plus de fast fashion'],
      ja: ['今日のコーデ：{e}と{n}年前のジャケット', '{e}のランウェイ、今季のトレンドカラー', '{n}着で作るカプセルワードローブ', 'サステナブルファッションについて'],
    },
    bios: { en: ['Fashion editor. Runways, street style, {e}.'], de: ['Modebloggerin | Streetstyle'], es: ['Editora de moda | tendencias'], fr: ['Rédactrice mode | tendances et défilés'], ja: ['ファッションエディター'] },
    annotations: [interests('839543390668673025', 'Fashion'), interestCategory('847888632711061507', 'Fashion & beauty'), brand('10040395078', 'Gucci')],
    linkDomains: ['vogue.com', 'elle.de', 'harpersbazaar.es', 'lofficiel.com', 'wwd.com'],
  },
  {
    key: 'beauty',
    topics: ['Beauty', 'Makeup', 'Skin Care'],
    weight: 0.7,
    entities: ['vitamin C serum', 'retinol', 'SPF 50 sunscreen', 'red lipstick', 'skincare routine', 'Sephora haul', 'foundation shade', 'hyaluronic acid'],
    hashtags: ['beauty', 'skincare', 'makeup', 'MakeupTutorial'],
    hashtagsByLanguage: { de: ['Hautpflege'], es: ['maquillaje'], fr: ['beaute', 'soinsdelapeau'], ja: ['スキンケア', 'コスメ'] },
    phrases: {
      en: ['My {n}-step {e} for dry skin', 'Honest review: {e} after {n} weeks', 'Makeup tutorial with {e} in {n} minutes'],
      de: ['Meine Hautpflege-Routine mit {e} in {n} Schritten', 'Ehrlicher Test: {e} nach {n} Wochen'],
      es: ['Mi rutina de cuidado de la piel con {e} en {n} pasos', 'Reseña honesta: {e} después de {n} semanas'],
      fr: ['Ma routine soin avec {e} en {n} étapes', 'Avis honnête : {e} après {n} semaines'],
      ja: ['{e}を使った{n}ステップのスキンケア', '{e}を{n}週間使ったレビュー'],
    },
    bios: { en: ['Makeup artist | skincare reviews'], de: ['Beauty-Bloggerin | Hautpflege'], es: ['Maquilladora | cuidado de la piel'], fr: ['Maquilleuse | soins de la peau'], ja: ['メイクアップアーティスト'] },
    annotations: [interests('847544972781826050', 'Beauty'), interestCategory('847888632711061508', 'Skin care')],
    linkDomains: ['allure.com', 'sephora.com', 'glamour.de'],
  },
  {
    key: 'gaming',
    topics: ['Video Games', 'Esports', 'PlayStation'],
    weight: 1.1,
    entities: ['Elden Ring', 'Zelda', 'League of Legends', 'Fortnite', 'PS5', 'Nintendo Switch', 'Counter-Strike', 'Minecraft', 'Steam Deck', 'Valorant'],
    hashtags: ['gaming', 'esports', 'gamer', 'twitch', 'videogames'],
    hashtagsByLanguage: { de: ['Zocken'], es: ['videojuegos'], fr: ['jeuvideo'], ja: ['ゲーム', 'ゲーム実況'] },
    phrases: {
      en: ['Finally beat {e} after {n} hours, what a boss fight', 'Streaming {e} tonight, ranked grind to {n}', '{e} patch notes: the meta just changed', 'Esports final: {e} went to game {n}'],
      de: ['{e} nach {n} Stunden durchgespielt', 'Heute Abend Stream: {e} Ranked', 'Die neuen {e} Patchnotes ändern die Meta'],
      es: ['Terminé {e} después de {n} horas', 'Directo de {e} esta noche en Twitch', 'Final de esports de {e}: partida {n}'],
      fr: ['{e} enfin terminé après {n} heures', 'Stream {e} ce soir en classé', 'Finale esport de {e} : manche {n}'],
      ja: ['{e}を{n}時間でクリア！', '今夜は{e}のランクマ配信', '{e}の大会決勝、第{n}試合までもつれた'],
    },
    bios: { en: ['Streamer | {e} | esports caster'], de: ['Streamer | {e}'], es: ['Streamer | {e}'], fr: ['Streameur | {e}'], ja: ['ゲーム実況者｜{e}'] },
    annotations: [interests('781974597218340864', 'Video Games'), brand('10027048853', 'PlayStation'), interestCategory('1557696940178935808', 'Gaming Business')],
    linkDomains: ['ign.com', 'twitch.tv', 'gamestar.de', 'vandal.elespanol.com', 'jeuxvideo.com', 'famitsu.com'],
  },
  {
    key: 'finance',
    topics: ['Personal Finance', 'Investing', 'Stock Market'],
    weight: 1,
    entities: ['S&P 500', 'ETF', 'index funds', 'Bitcoin', 'bond yields', 'the Fed', 'dividend stocks', 'DAX', 'Nikkei'],
    hashtags: ['investing', 'stocks', 'finance', 'personalfinance', 'markets'],
    hashtagsByLanguage: { de: ['Börse', 'Aktien'], es: ['inversiones', 'bolsa'], fr: ['bourse', 'investissement'], ja: ['投資', '株式投資'] },
    phrases: {
      en: ['{e} closed up {n}% today, here is why', 'Why I put {n}% of my savings into {e}', 'Market outlook: what {e} means for your portfolio', 'Personal finance tip: automate your {e} contributions'],
      de: ['{e} schließt {n}% im Plus', 'Warum ich {n}% in {e} investiere', 'Börsenausblick: was {e} für dein Depot bedeutet'],
      es: ['El {e} cerró con una subida del {n}%', 'Por qué invierto el {n}% de mis ahorros en {e}', 'Perspectivas de bolsa: {e} y tu cartera'],
      fr: ['Le {e} termine en hausse de {n} %', "Pourquoi j'investis {n} % de mon épargne en {e}", 'Perspectives de marché : {e} et votre portefeuille'],
      ja: ['{e}が{n}%上昇、その理由は', '貯金の{n}%を{e}に投資する理由', '{e}とポートフォリオの見通し'],
    },
    bios: { en: ['Investor. Markets, ETFs and personal finance.'], de: ['Finanzblogger | Aktien und ETFs'], es: ['Inversor | bolsa y finanzas personales'], fr: ['Investisseur | bourse et épargne'], ja: ['個人投資家｜株と投資信託'] },
    annotations: [interests('847529762566230016', 'Business and finance'), interestCategory('847888632711061504', 'Personal finance'), interestCategory('847894852779900928', 'Stocks & indices')],
    linkDomains: ['bloomberg.com', 'handelsblatt.com', 'expansion.com', 'lesechos.fr', 'nikkei.com'],
  },
  {
    key: 'travel',
    topics: ['Travel', 'Tourism', 'Hotels'],
    weight: 0.9,
    entities: ['Kyoto', 'Lisbon', 'Patagonia', 'the Alps', 'Bali', 'New York', 'Marrakech', 'Iceland', 'the Amalfi Coast'],
    hashtags: ['travel', 'wanderlust', 'travelgram', 'vacation'],
    hashtagsByLanguage: { de: ['Reisen', 'Urlaub'], es: ['viajes', 'viajar'], fr: ['voyage'], ja: ['旅行', '絶景'] },
    phrases: {
      en: ['{n} days in {e}: my full itinerary and budget', 'Sunrise over {e}, worth the {n} am alarm', 'Hidden gems in {e} most tourists miss', 'Hotel review: {n} nights near {e}'],
      de: ['{n} Tage in {e}: Reiseroute und Budget', 'Sonnenaufgang über {e}', 'Geheimtipps für {e}'],
      es: ['{n} días en {e}: itinerario y presupuesto', 'Amanecer en {e}', 'Rincones secretos de {e}'],
      fr: ['{n} jours à {e} : itinéraire et budget', 'Lever de soleil sur {e}', 'Les pépites cachées de {e}'],
      ja: ['{e}で{n}日間の旅程と予算', '{e}の朝日が絶景だった', '観光客が知らない{e}の穴場'],
    },
    bios: { en: ['Travel writer | {n} countries and counting'], de: ['Reisebloggerin | {n} Länder'], es: ['Bloguera de viajes'], fr: ['Blogueur voyage'], ja: ['旅行ブロガー'] },
    annotations: [interests('847868745150119938', 'Travel'), interestCategory('1037076248877395968', 'GPS and maps'), interestCategory('847888632711061509', 'Destinations')],
    linkDomains: ['lonelyplanet.com', 'geo.de', 'viajeros.com', 'routard.com', 'jalan.net'],
  },
  {
    key: 'music',
    topics: ['Music', 'Concerts', 'Hip Hop'],
    weight: 1,
    entities: ['the new album', 'Coachella', 'the world tour', 'vinyl', 'Spotify playlist', 'Glastonbury', 'K-pop', 'jazz trio', 'Primavera Sound'],
    hashtags: ['music', 'NewMusic', 'concert', 'livemusic', 'nowplaying'],
    hashtagsByLanguage: { de: ['Musik'], es: ['musica', 'concierto'], fr: ['musique', 'concert'], ja: ['音楽', 'ライブ'] },
    phrases: {
      en: ['Listening to {e} on repeat, track {n} is a masterpiece', 'Live at {e} tonight, {n} thousand people singing along', 'My {n} favourite records from {e}'],
      de: ['{e} läuft in Dauerschleife, Track {n} ist genial', 'Live bei {e} mit {n} tausend Leuten'],
      es: ['Escuchando {e} sin parar, la canción {n} es brutal', 'En directo en {e} con {n} mil personas'],
      fr: ["J'écoute {e} en boucle, le titre {n} est magnifique", 'En concert à {e} avec {n} mille personnes'],
      ja: ['{e}をヘビロテ中、{n}曲目が最高', '{e}のライブ、{n}千人の大合唱'],
    },
    bios: { en: ['Music journalist | reviews, tours, {e}'], de: ['Musikjournalist'], es: ['Periodista musical'], fr: ['Journaliste musical'], ja: ['音楽ライター'] },
    annotations: [interests('847868745150119939', 'Music'), brand('10046487315', 'Billboard'), interestCategory('847888632711061510', 'Music festivals and concerts')],
    linkDomains: ['pitchfork.com', 'rollingstone.de', 'rockdelux.com', 'lesinrocks.com', 'natalie.mu'],
  },
  {
    key: 'sports',
    topics: ['Soccer', 'Sports', 'Basketball'],
    weight: 1.2,
    entities: ['Bundesliga', 'Champions League', 'La Liga', 'Ligue 1', 'NBA Finals', 'Real Madrid', 'Bayern München', 'PSG', 'the World Cup', 'J-League'],
    hashtags: ['football', 'soccer', 'sports', 'matchday'],
    hashtagsByLanguage: { de: ['Bundesliga', 'Fußball'], es: ['LaLiga', 'fútbol'], fr: ['Ligue1', 'football'], ja: ['サッカー', 'Jリーグ'] },
    phrases: {
      en: ['What a match in the {e}: {n}-2 after extra time', 'Transfer news: {e} agree a {n} million deal', 'Tactical breakdown of last night in the {e}'],
      de: ['Was für ein Spiel in der {e}: {n}:2 nach Verlängerung', 'Transfergerüchte: {e} zahlt {n} Millionen', 'Taktikanalyse zum Spieltag der {e}'],
      es: ['Vaya partido en {e}: {n}-2 en la prórroga', 'Fichaje: {e} cierra un acuerdo de {n} millones', 'Análisis táctico de la jornada de {e}'],
      fr: ['Quel match en {e} : {n}-2 après prolongation', 'Mercato : {e} boucle un transfert de {n} millions', 'Analyse tactique de la journée de {e}'],
      ja: ['{e}の試合、延長戦で{n}対2', '{e}が{n}億円で移籍合意', '{e}の戦術分析'],
    },
    bios: { en: ['Football writer. {e}, tactics and transfers.'], de: ['Fußballjournalist | {e}'], es: ['Periodista deportivo | {e}'], fr: ['Journaliste sportif | {e}'], ja: ['サッカーライター｜{e}'] },
    annotations: [{ domain: { id: '11', name: 'Sport' }, entity: { id: '1064622624306200576', name: 'Soccer' } }, sportsLeague('1065595484359299072', 'Bundesliga'), sportsLeague('706083889454813185', 'NBA'), brandCategory('781974597491040257', 'Sports')],
    linkDomains: ['espn.com', 'kicker.de', 'marca.com', 'lequipe.fr', 'nikkansports.com'],
  },
  {
    key: 'politics',
    topics: ['Politics', 'Government', 'Elections'],
    weight: 0.9,
    entities: ['the election', 'parliament', 'the budget bill', 'climate policy', 'the EU summit', 'the prime minister', 'the coalition'],
    hashtags: ['politics', 'election', 'policy', 'democracy'],
    hashtagsByLanguage: { de: ['Bundestag', 'Politik'], es: ['política', 'elecciones'], fr: ['politique', 'AssembléeNationale'], ja: ['政治', '選挙'] },
    phrases: {
      en: ['Polls after {e}: turnout up {n} points', 'Thread on what {e} means for voters', 'Live from {e}: the vote passed {n} to 210'],
      de: ['Umfragen nach {e}: Wahlbeteiligung plus {n} Punkte', 'Der Bundestag debattiert {e}', 'Analyse: was {e} für Wähler bedeutet'],
      es: ['Encuestas tras {e}: la participación sube {n} puntos', 'El Congreso debate {e}', 'Análisis de {e} para los votantes'],
      fr: ['Sondages après {e} : participation en hausse de {n} points', "L'Assemblée nationale débat de {e}", 'Analyse : ce que {e} change pour les électeurs'],
      ja: ['{e}後の世論調査、投票率{n}ポイント上昇', '国会で{e}を審議', '{e}が有権者に意味すること'],
    },
    bios: { en: ['Political reporter | elections and policy'], de: ['Politikjournalistin | Bundestag'], es: ['Periodista política'], fr: ['Journaliste politique'], ja: ['政治記者'] },
    annotations: [{ domain: { id: '35', name: 'Politician', description: 'Politicians in the world, like Joe Biden' }, entity: { id: '1070032753834438656', name: 'Political figures' } }, interestCategory('857878257630195712', 'Government'), interests('1070028159901433856', 'Political news')],
    linkDomains: ['politico.com', 'spiegel.de', 'elpais.com', 'lemonde.fr', 'asahi.com'],
  },
];

export const VERTICAL_KEYS = VERTICALS.map((v) => v.key);

/** Closing remarks per language, appended to some posts so text is not a bare template. */
export const CLOSERS: Record<GeneratedLanguage, string[]> = {
  en: ['What do you think?', 'Thoughts?', 'Full story below.', 'More soon.', 'Highly recommend.', ''],
  de: ['Was meint ihr?', 'Mehr dazu im Link.', 'Klare Empfehlung.', ''],
  es: ['¿Qué opináis?', 'Más en el enlace.', 'Muy recomendable.', ''],
  fr: ["Qu'en pensez-vous ?", 'Plus de détails dans le lien.', 'Je recommande.', ''],
  ja: ['どう思う？', '詳しくはリンクから。', 'おすすめです。', ''],
};

export const REPLY_OPENERS: Record<GeneratedLanguage, string[]> = {
  en: ['Totally agree.', 'Not sure about that,', 'Great point!', 'Same here:', 'Interesting,'],
  de: ['Sehe ich genauso.', 'Da bin ich skeptisch,', 'Guter Punkt!', 'Bei mir auch:'],
  es: ['Totalmente de acuerdo.', 'No lo tengo claro,', '¡Muy buen punto!', 'Igual aquí:'],
  fr: ["Tout à fait d'accord.", "Pas sûr de ça,", 'Très bon point !', 'Pareil ici :'],
  ja: ['完全に同意。', 'それはどうかな、', 'いい指摘！', 'うちも同じ：'],
};

export const LOCATIONS: Record<GeneratedLanguage, string[]> = {
  en: ['London, England', 'New York, NY', 'San Francisco, CA', 'Austin, TX', 'Toronto, Canada', 'Sydney, Australia', 'Manchester, UK', ''],
  de: ['Berlin, Deutschland', 'München', 'Hamburg', 'Wien, Österreich', 'Zürich', 'Köln', ''],
  es: ['Madrid, España', 'Barcelona', 'Ciudad de México', 'Buenos Aires, Argentina', 'Bogotá', ''],
  fr: ['Paris, France', 'Lyon', 'Montréal, Québec', 'Bruxelles', 'Marseille', ''],
  ja: ['東京', '大阪', '横浜', '福岡', '札幌', ''],
};

export const FIRST_NAMES: Record<GeneratedLanguage, string[]> = {
  en: ['James', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mia', 'Lucas', 'Sophia', 'Ethan', 'Grace', 'Jack'],
  de: ['Lukas', 'Lena', 'Jonas', 'Anna', 'Felix', 'Laura', 'Paul', 'Marie', 'Max', 'Sophie'],
  es: ['Lucía', 'Mateo', 'Sofía', 'Hugo', 'Martina', 'Pablo', 'Valeria', 'Diego', 'Carmen'],
  fr: ['Léa', 'Louis', 'Chloé', 'Gabriel', 'Manon', 'Jules', 'Camille', 'Hugo', 'Inès'],
  ja: ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi', 'Yuto', 'Sakura', 'Kaito'],
};

export const LAST_NAMES: Record<GeneratedLanguage, string[]> = {
  en: ['Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Evans', 'Clarke', 'Walker', 'Hughes'],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann'],
  es: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Romero', 'Torres', 'Navarro'],
  fr: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Petit', 'Durand', 'Moreau'],
  ja: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura'],
};
