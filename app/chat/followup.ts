/**
 * What a question asks about, read from its wording in the bot's six languages: "when will it arrive?" asks for a
 * date, "which carrier?" for the carrier, "what can you do?" for options. The intent model knows the topic (an
 * order's status) but not the aspect, and a short follow-up ("why?", "and the other one?") often has no topic of its
 * own at all: the dialogue resolves it against what the conversation was about.
 */
import { unicodeWords } from "./words";

export type Aspect = "when" | "carrier" | "tracking" | "why" | "options" | "other" | "amount" | "pay" | "refund";

// Patterns are tested on lower-cased text; CJK has no word boundaries, so those alternatives stand alone.
const ASPECTS: [Aspect, RegExp][] = (
  [
  [
    "options",
    /\b(what (?:can|could|will) (?:you|u|we) do|what (?:are )?(?:my|the) options|what now|what should i do|what do i do|can you do (?:something|anything)|any options|qu[eé] (?:puedes|puede|pueden|podeis|podéis) hacer|qu[eé] opciones|qu[eé] hago|que (?:pouvez|peux)[- ](?:vous|tu) faire|que puis[- ]je faire|qu'est[- ]ce que (?:je peux|vous pouvez|tu peux) faire|que faire|quelles (?:sont les )?options|was (?:kannst du|können sie|koennen sie|könnt ihr) (?:da )?(?:tun|machen)|was (?:jetzt|nun)|welche optionen)\b|怎么办|能做什么|能怎么处理|有什么办法|有什么选择|怎么处理|どうすれば|どうしたら|何ができ|どうなりますか|どうにかな/iu,
  ],
  [
    "carrier",
    /\b(which|what) (?:carrier|courier|company|delivery (?:company|service)|shipping (?:company|service))|\b(carrier|courier)\b|\b(who(?:'s| is)? (?:delivering|shipping|bringing)|who delivers|livr[ée]e? par qui|qui (?:livre|transporte)|wer liefert|welche[rsn]? paketdienst|qu[eé] (?:transportista|paqueter[ií]a|empresa)|transportista|paqueter[ií]a|quel transporteur|transporteur|q(?:u[eé])? empresa|qui[eé]n lo (?:reparte|lleva|trae|entrega)|empresa de (?:env[ií]o|transporte|mensajer[ií]a)|welche[rsn]? (?:versand|paket|zustell)\w*|paketdienst|zusteller|versanddienstleister)\b|快递公司|哪家快递|什么快递|哪个快递|物流公司|哪家物流|配送業者|配送会社|運送会社|運送業者|宅配業者|どこの業者|どの業者|どこの会社/iu,
  ],
  [
    "tracking",
    /\b(tracking (?:number|code|no|id|link|#)|track(?:ing)? it|n[uú]mero de (?:seguimiento|rastreo|gu[ií]a)|c[oó]digo de seguimiento|num[eé]ro de suivi|lien de suivi|sendungsnummer|trackingnummer|tracking-?nummer|sendungsverfolgung)\b|单号|运单号|物流单号|快递单号|追踪号|跟踪号|追跡番号|伝票番号|問い合わせ番号|お問合せ番号/iu,
  ],
  [
    "when",
    /\b(when|what day|what date|which day|how long|how many days|eta|by when|today|tomorrow|hoy|ma[nñ]ana|aujourd'hui|demain|heute|morgen|cu[aá]ndo|qu[eé] d[ií]a|cu[aá]nto tarda|quand|quel jour|combien de temps|wann|welche[mn]? tag|wie lange)\b|什么时候|啥时候|几时|哪天|几号|多久|何时|多长时间|今天|明天|いつ|何日|何時ごろ|今日|明日|どのくらい(?:で|かかり)/iu,
  ],
  ["why", /\b(why|how come|por ?qu[eé]|pourquoi|warum|wieso|weshalb)\b|为什么|为啥|怎么回事|なぜ|どうして|なんで/iu],
  [
    "other",
    /\b(the other (?:one|order|parcel|package)|other order|and the other|el otro|la otra|l'autre|die andere|der andere|das andere|den anderen)\b|另一个|另外一个|另一单|もう一つ|もうひとつ|別の注文/iu,
  ],
  [
    "refund",
    /\b(refund\w*|money back|on my (?:card|account|statement)|reembols\w*|mi dinero|(?:en|a) mi (?:tarjeta|cuenta)|rembours\w*|mon argent|sur (?:ma carte|mon compte)|r[üu]ckerstattung|erstattet|mein geld|(?:auf )?mein(?:em)? konto|welches konto)\b|到账|退款|退到|退回|钱|返金|口座|カードに/iu,
  ],
  ["pay", /\b(pay|paying|payment|pagar|pago|pagarlo|payer|paie|paiement|bezahlen|zahlen|zahlung)\b|付款|支付|付钱|支払|払い|払え|決済/iu],
  ["amount", /\b(how much|cu[aá]nto|combien|wie ?viel)\b|多少钱|多少|いくら|金額/iu],
  ] as [Aspect, RegExp][]
).map(([a, re]) => [a, unicodeWords(re)]);

/** The aspects a message asks about, in the order of ASPECTS. Empty when none is named (a status question). */
export function aspectsOf(text: string): Aspect[] {
  const t = text.toLowerCase();
  return ASPECTS.filter(([, re]) => re.test(t)).map(([a]) => a);
}

/** The single aspect the dialogue should answer, or null for a general question. */
export function aspectOf(text: string): Aspect | null {
  const found = aspectsOf(text);
  // "what can you do? it's late" is a request for options whatever else it names; "when will the money be on my
  // card?" is about the refund, not the parcel's date.
  if (found.includes("options")) return "options";
  if (found.includes("refund")) return "refund";
  return found[0] ?? null;
}

const STATUS_WORDS = unicodeWords(
  /\b(status|where is|where's|wheres|update|estado|d[oó]nde est[aá]|o[uù] en est|o[uù] est|wo ist|wo bleibt|stand)\b|状态|在哪|到哪|状況|どこ/iu,
);

/** True when the shopper asks for the whole status ("where is my order?"), not one fact of it. */
export function asksForStatus(text: string): boolean {
  return STATUS_WORDS.test(text.toLowerCase());
}

/**
 * A message short enough, and shaped enough like a follow-up, to be read against the last answer rather than on its
 * own: "why?", "and when?", "what can you do?", "the other one". Long messages carry their own topic.
 */
export function isFollowUp(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, "");
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text);
  return aspectOf(text) !== null && letters.length <= (cjk ? 20 : 60);
}

const THANKS = unicodeWords(
  /^(?:ok(?:ay)?|k|cool|great|perfect|nice|awesome|got it|thanks?|thx|ty|thank you|cheers|vale|genial|perfecto|gracias|merci|parfait|super|d'accord|ok merci|danke|alles klar|prima|super danke|好的|好|谢谢|多谢|了解|ありがとう|ありがとうございます|わかりました|了解です)(?:[\s,.!]+(?:ok(?:ay)?|cool|great|thanks?|thx|ty|thank you|so much|a lot|muchas gracias|gracias|merci|beaucoup|danke|schön|谢谢|啦|了|ございます))*[\s.!~。！]*$/iu,
);

/** "ok cool thx", "vale gracias", "好的谢谢": an acknowledgement that ends a topic, not a question to refuse. */
export function isAcknowledgement(text: string): boolean {
  return THANKS.test(text.trim().toLowerCase());
}
