/**
 * A small cross-lingual glossary of customer-service concepts. Each message gets "@concept" features for the
 * concepts it mentions in any of the supported languages, so what the model learns from the large English Bitext set
 * ("when" + "refund" → track_refund) carries over to "wann bekomme ich meine Erstattung" or "退款什么时候到账".
 *
 * Entry syntax (matched against normalise()d text, so lower-case and without Latin accents):
 * - `word`     the whole token
 * - `stem*`    any token starting with the stem
 * - `two words` the tokens in sequence
 * - CJK / kana / Hangul / Cyrillic entries match anywhere in the text (no spaces between words there)
 */
const GLOSSARY: Record<string, string[]> = {
  order: ["order*", "purchase*", "pedido*", "orden", "compra", "commande*", "bestell*", "ordine", "encomenda*", "订单", "单子", "注文", "주문", "заказ", "siparis*", "zamowien*"],
  package: ["package*", "parcel*", "shipment", "paquete*", "colis", "paket*", "pacote*", "pacco", "pakket*", "pakje", "包裹", "快递", "荷物", "小包", "택배", "посылк"],
  where: ["where", "wheres", "whereabouts", "donde", "ou", "wo", "wohin", "onde", "cade", "dove", "dov", "waar", "哪", "どこ", "어디", "где"],
  when: ["when", "cuando", "quand", "wann", "quando", "wanneer", "什么时候", "何时", "いつ", "언제", "когда"],
  duration: ["how long", "how many days", "how soon", "cuanto tarda*", "cuanto tiempo", "cuantos dias", "combien de temps", "delai*", "wie lange", "lieferzeit", "quanto tempo", "quantos dias", "quanti giorni", "hoe lang", "多久", "几天", "多长时间", "何日", "どのくらい", "얼마나"],
  arrive: ["arriv*", "receiv*", "received", "got", "llega*", "llego", "recib*", "recu", "recois", "ankomm*", "angekommen", "erhalten", "bekomm*", "cheg*", "receb*", "ricev*", "aangekomen", "ontvang*", "到", "收到", "届", "도착", "пришл"],
  ship: ["ship", "shipped", "shipping", "dispatch*", "sent", "enviad*", "enviaron", "envio", "expedi*", "versand*", "verschick*", "versend*", "spedi*", "spedizion*", "verzend*", "verzonden", "发货", "寄", "発送", "出荷", "배송", "отправ"],
  track: ["track*", "seguimiento", "rastre*", "suivi", "sendungsverfolgung", "tracciament*", "status", "estado", "statut", "stato", "物流", "追跡", "配送状況", "状态"],
  deliver: ["deliver*", "entrega*", "entreg*", "livraison", "livr*", "liefer*", "consegn*", "bezorg*", "lever*", "配送", "配達", "送到", "배달", "доставк"],
  cancel: ["cancel*", "cancle", "anul*", "annul*", "storn*", "取消", "キャンセル", "취소", "отмен*", "iptal"],
  refund: ["refund*", "reimburs*", "money back", "reembols*", "rembours*", "erstatt*", "ruckerstatt*", "geld zuruck", "rimbors*", "terugbetal*", "geld terug", "dinheiro de volta", "devuelvan el dinero", "退款", "退钱", "返金", "払い戻し", "환불", "возврат"],
  return: ["return*", "send back", "send it back", "devol*", "devuelv*", "retour*", "renvoy*", "renvoi*", "rucksend*", "zuruckschick*", "zuruckgeb*", "zurucksend*", "retourn*", "reso", "restitu*", "terugstur*", "退货", "退回", "返品", "返送", "반품"],
  exchange: ["exchang*", "swap*", "echang*", "umtausch*", "tausch*", "troca*", "trocar", "scambi*", "sostitu*", "ruil*", "换货", "换个", "交換", "교환"],
  change: ["chang*", "modif*", "updat*", "edit*", "cambi*", "ander*", "wijzig*", "alter*", "mudar", "mude*", "aggiorn*", "修改", "更改", "改", "変更", "変え", "변경"],
  address: ["address*", "addres", "direccion", "adresse*", "adres", "endereco", "indirizz*", "地址", "住所", "届け先", "주소", "адрес"],
  wrong: ["wrong", "mistake*", "incorrect", "typo", "equivoc*", "erreur", "faux", "fausse", "mauvais*", "falsch*", "errad*", "errat*", "sbagliat*", "verkeerd*", "fout", "错", "間違", "잘못"],
  human: ["human*", "person", "people", "agent*", "representative*", "operator*", "someone", "somebody", "persona", "humano", "alguien", "humain", "personne", "quelqu", "conseiller*", "mensch*", "mitarbeiter*", "jemand*", "berater*", "atendente", "pessoa", "alguem", "operator*", "operatore", "qualcuno", "medewerker*", "iemand", "人工", "真人", "客服人员", "担当者", "オペレーター", "人間", "상담원", "оператор"],
  talk: ["talk*", "speak*", "chat*", "hablar", "parler", "sprechen", "reden", "falar", "parlare", "spreken", "praten", "说话", "話し", "通話", "연결"],
  complaint: ["complain*", "complaint*", "queja*", "quejar*", "reclam*", "plainte", "plaindre", "beschwer*", "klacht*", "投诉", "苦情", "불만", "жалоб"],
  bad: ["bad", "terrible", "awful", "worst", "horrible", "unacceptable", "pesimo", "malo", "nul", "nulle", "schlecht*", "pessim*", "slecht*", "inadmissible", "inaceptable", "差", "垃圾", "ひどい", "最悪", "최악"],
  unhappy: ["disappoint*", "unhappy", "dissatisf*", "not happy", "decepcion*", "mecontent*", "decu", "decue", "enttausch*", "unzufrieden*", "insatisfeit*", "deluso", "delusa", "ontevreden", "teleurgesteld", "失望", "不满", "不満", "실망"],
  price: ["price*", "cost*", "how much", "precio*", "cuesta", "cuanto", "prix", "coute", "combien", "preis*", "kostet", "kosten", "preco", "custa", "prezzo", "costa", "prijs", "kost", "多少钱", "价格", "价钱", "値段", "価格", "いくら", "가격", "얼마", "цена", "стоит"],
  size: ["size*", "sizing", "talla*", "taille*", "groß*", "grosse*", "tamanho*", "taglia*", "maat", "maten", "尺码", "码", "サイズ", "사이즈", "размер"],
  stock: ["stock*", "available", "availab*", "restock*", "disponib*", "agotad*", "verfugbar*", "lager*", "estoque", "voorraad", "beschikbaar", "库存", "有货", "补货", "在庫", "入荷", "재고", "наличи"],
  material: ["material*", "fabric", "made of", "cotton", "leather", "materia*", "tissu", "coton", "stoff", "baumwoll*", "tecido", "algodao", "tessuto", "cotone", "katoen", "材质", "面料", "素材", "소재"],
  discount: ["discount*", "coupon*", "promo*", "voucher*", "sale", "sales", "deal", "deals", "descuent*", "cupon*", "rebaja*", "oferta*", "reduction", "soldes", "rabatt*", "gutschein*", "angebot*", "descont*", "cupom", "sconto", "sconti", "saldi", "offert*", "korting*", "uitverkoop", "aanbieding*", "优惠", "折扣", "打折", "クーポン", "割引", "セール", "할인", "скидк"],
  pay: ["pay", "paying", "payment*", "paid", "checkout", "pag*", "tarjeta", "paiement*", "payer", "carte", "zahl*", "bezahl*", "karte", "cartao", "carta", "betal*", "支付", "付款", "付钱", "支払", "決済", "결제", "оплат"],
  charged: ["charged", "charge", "debited", "cobr*", "debit*", "abgebucht", "belastet", "addebit*", "afgeschreven", "扣", "扣款", "請求され", "二重"],
  broken: ["declin*", "fail*", "error*", "not working", "doesnt work", "isnt working", "wont go through", "not going through", "rechaz*", "refus*", "echou*", "fehlgeschlagen", "funktioniert nicht", "abgelehnt", "recusad*", "falh*", "rifiut*", "non funziona", "mislukt", "lukt niet", "werkt niet", "失败", "不了", "できません", "使えません", "안돼"],
  invoice: ["invoice*", "receipt*", "bill", "bills", "factura*", "facture*", "rechnung*", "fatura", "nota fiscal", "fattura*", "factuur*", "发票", "领収", "領収書", "請求書", "영수증"],
  account: ["account*", "profile", "cuenta", "compte", "konto*", "conta", "profil*", "账号", "账户", "帐号", "アカウント", "계정"],
  password: ["password*", "contrasena", "mot de passe", "passwort*", "senha", "wachtwoord", "密码", "パスワード", "비밀번호"],
  subscribe: ["newsletter*", "subscri*", "unsubscri*", "mailing", "boletin", "abonn*", "desabonn*", "abbestell*", "abmeld*", "nieuwsbrief", "afmeld*", "订阅", "メルマガ", "配信停止"],
  review: ["review*", "feedback", "rate", "rating", "resena*", "opinion", "avis", "bewert*", "avaliac*", "recension*", "beoordel*", "评价", "评论", "レビュー", "리뷰"],
  buy: ["buy", "order it", "comprar", "acheter", "kaufen", "bestellen", "acquistare", "kopen", "下单", "购买", "買い", "구매"],
  still: ["still", "yet", "todavia", "aun", "toujours", "encore", "noch", "ainda", "ancora", "nog", "还没", "还", "まだ", "아직", "до сих пор"],
  contact: ["contact*", "phone", "email", "hours", "call", "contacto", "telefono", "kontakt*", "telefon*", "erreich*", "contato", "contatt*", "bereik*", "telefoonnummer", "联系", "电话", "連絡", "电话号码", "連絡先", "연락"],
  support: ["support", "customer service", "customer care", "help desk", "atencion al cliente", "service client", "kundenservice", "kundendienst", "suporte", "servizio clienti", "assistenza", "klantenservice", "客服", "カスタマー", "サポート", "고객센터"],
};

const exact = new Map<string, string[]>();
const prefixes = new Map<string, string[]>();
const phrases: { phrase: string; concept: string }[] = [];
const substrings: { text: string; concept: string }[] = [];
const NON_LATIN = /[^\u0000-\u024f]/u;
let minPrefix = Infinity;
let maxPrefix = 0;

for (const [concept, entries] of Object.entries(GLOSSARY)) {
  for (const entry of entries) {
    const add = (map: Map<string, string[]>, key: string) => {
      const list = map.get(key) ?? [];
      if (!list.includes(concept)) list.push(concept);
      map.set(key, list);
    };
    if (NON_LATIN.test(entry)) substrings.push({ text: entry, concept });
    else if (entry.includes(" ")) phrases.push({ phrase: ` ${entry} `, concept });
    else if (entry.endsWith("*")) {
      const stem = entry.slice(0, -1);
      add(prefixes, stem);
      minPrefix = Math.min(minPrefix, stem.length);
      maxPrefix = Math.max(maxPrefix, stem.length);
    } else add(exact, entry);
  }
}

/** The glossary concepts a message mentions, given its normalised text and tokens; sorted and without duplicates. */
export function conceptsOf(normalized: string, tokens: string[]): string[] {
  const found = new Set<string>();
  for (const t of tokens) {
    for (const c of exact.get(t) ?? []) found.add(c);
    const top = Math.min(maxPrefix, t.length);
    for (let n = minPrefix; n <= top; n++) {
      const hit = prefixes.get(t.slice(0, n));
      if (hit) for (const c of hit) found.add(c);
    }
  }
  if (phrases.length > 0) {
    const joined = ` ${tokens.join(" ")} `;
    for (const { phrase, concept } of phrases) if (joined.includes(phrase)) found.add(concept);
  }
  if (NON_LATIN.test(normalized)) {
    for (const { text, concept } of substrings) if (normalized.includes(text)) found.add(concept);
  }
  return [...found].sort();
}
