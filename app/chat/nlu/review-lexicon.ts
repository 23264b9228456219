/**
 * A small hand-written lexicon of product-review wording (clothing, electronics, home goods) in English and Chinese.
 * The trained polarity model knows restaurant (Yelp) and food-delivery (waimai) reviews; VADER knows general English.
 * Neither knows that "leaks", "overheats", "shrank", "起球" or "色差" condemn a product, or that "sturdy" and "no
 * complaints" praise one. train.ts picks this score's weight in the blend by cross-validation, like VADER's.
 */
import { normalize, tokenize } from "./features";

// English: single words and short phrases (matched on normalised tokens, so "don't" is "dont").
const EN: Record<string, number> = {
  sturdy: 1,
  durable: 1,
  flawless: 1,
  flawlessly: 1,
  comfy: 1,
  comfortable: 1,
  cozy: 1,
  cosy: 1,
  soft: 0.7,
  reliable: 1,
  premium: 0.7,
  crisp: 0.7,
  responsive: 0.5,
  lightweight: 0.5,
  impressed: 1,
  recommend: 1,
  "true to size": 1,
  "fits perfectly": 1.5,
  "fits great": 1.5,
  "well made": 1.2,
  "good value": 1.2,
  "great value": 1.5,
  "worth it": 1.2,
  "worth every": 1.5,
  "works great": 1.5,
  "works well": 1.2,
  "works perfectly": 1.5,
  "as described": 0.8,
  "as expected": 0.6,
  "does the job": 1,
  "does what it says": 1,
  "holds up": 1,
  "still works": 0.8,
  "easy to assemble": 1,
  "easy to use": 1,
  "easy to clean": 1,
  "buy again": 1,
  "no complaints": 1.5,
  "no issues": 1.2,
  "no problems": 1.2,
  broke: -1.5,
  broken: -1.5,
  breaks: -1.2,
  "stopped working": -2,
  "quit working": -2,
  "stopped charging": -2,
  died: -1.2,
  dies: -1.2,
  defective: -2,
  defect: -1.5,
  faulty: -2,
  leak: -1.2,
  leaks: -1.5,
  leaked: -1.5,
  leaking: -1.5,
  overheat: -1.5,
  overheats: -1.5,
  overheating: -1.5,
  cracked: -1.5,
  snapped: -1.5,
  frayed: -1.5,
  ripped: -1.2,
  torn: -1.2,
  peeling: -1.2,
  pilling: -1.2,
  pills: -1,
  shrank: -1.5,
  shrunk: -1.5,
  faded: -1,
  stain: -1,
  stained: -1,
  scratches: -0.8,
  flimsy: -1.5,
  "cheaply made": -1.5,
  cheap: -0.5,
  // Return and refund words are also plain shopper requests ("how do I return it"): only a light nudge.
  returned: -0.6,
  "sent it back": -1,
  waste: -1.5,
  "not worth": -2,
  disappointed: -1.5,
  disappointing: -1.5,
  misleading: -1.5,
  uncomfortable: -1.5,
  itchy: -1.2,
  scratchy: -1.2,
  "see through": -1,
  loud: -0.7,
  noisy: -1,
  smells: -1,
  stinks: -1.5,
  wobbly: -1.2,
  missing: -0.6,
  "doesnt fit": -1,
  "didnt fit": -1,
  "runs small": -0.7,
  "too small": -0.8,
  "too big": -0.8,
  junk: -2,
  useless: -2,
  "dont bother": -2,
  "do not buy": -2,
  "dont buy": -2,
  disconnects: -1.2,
  flickers: -1.2,
  sagged: -1.2,
  "came apart": -1.5,
  "fell apart": -1.5,
  "falls apart": -1.5,
  "nothing like": -1.5,
  "not as": -0.8,
};

// Chinese: matched as substrings, longest first. Entries that start with a negation are listed whole ("不错" is
// praise, "不值" is not), so the generic negation rule below never splits them.
const ZH: Record<string, number> = {
  好: 0.6,
  很好: 1,
  不错: 1,
  满意: 1.2,
  喜欢: 1,
  推荐: 1,
  舒服: 1,
  流畅: 1,
  清晰: 1,
  结实: 1,
  柔软: 1,
  好看: 1,
  漂亮: 1,
  划算: 1.2,
  超值: 1.2,
  物超所值: 1.5,
  好评: 1.5,
  值得: 1,
  方便: 0.8,
  精致: 1,
  合身: 1,
  耐用: 1,
  给力: 1.2,
  完美: 1.2,
  回购: 1.2,
  好用: 1.2,
  实惠: 1,
  正品: 0.8,
  惊喜: 1,
  显瘦: 1,
  没问题: 1,
  可以: 0.4,
  差: -1.5,
  质量差: -2,
  太差: -2,
  退货: -0.6,
  坏: -1.5,
  失望: -1.5,
  不值: -1.5,
  色差: -1.5,
  起球: -1.5,
  掉色: -1.5,
  褪色: -1.5,
  开线: -1.5,
  变形: -1.5,
  异味: -1.5,
  味道: -0.6,
  漏: -1.2,
  断: -1,
  失灵: -1.5,
  发热: -1,
  噪音: -1,
  卡顿: -1.5,
  垃圾: -2,
  别买: -2,
  后悔: -1.5,
  劣质: -2,
  假货: -2,
  偏小: -0.7,
  偏大: -0.7,
  少了: -1,
  破: -1,
  脏: -1,
  掉毛: -1.2,
  不好: -1.2,
  不行: -1.2,
  一般: -0.8,
  烦: -1,
  疼: -0.8,
  费劲: -1,
  难用: -1.5,
  难看: -1.5,
  不符: -1.5,
  坑: -1,
  粗糙: -1.2,
  瑕疵: -1.2,
  线头: -0.8,
  太薄: -1,
  磨脚: -1.2,
  不亮: -1.5,
  没电: -1,
  不耐用: -1.5,
  不推荐: -1.5,
  不舒服: -1.5,
  不满意: -1.5,
  不会再买: -1.5,
  再也不买: -2,
  // General words for hotels, books, electronics and food (the list above is clothing and goods).
  干净: 1,
  舒适: 1,
  热情: 1,
  周到: 1,
  安静: 0.8,
  宽敞: 0.8,
  新鲜: 1,
  好吃: 1.2,
  精彩: 1.2,
  赞: 1,
  棒: 1,
  贴心: 1,
  专业: 0.8,
  及时: 0.8,
  温馨: 1,
  感动: 1,
  惊艳: 1.2,
  还会再来: 1.5,
  下次还: 1.2,
  吵: -1,
  难吃: -1.5,
  冷漠: -1.2,
  敷衍: -1.2,
  贵: -0.6,
  糟糕: -1.5,
  恶心: -1.5,
  欺骗: -1.5,
  虚假: -1.5,
  不值得: -1.5,
  浪费: -1.2,
  无语: -1.2,
  崩溃: -1.2,
  投诉: -1.2,
  差评: -1.5,
  坑人: -1.5,
  发霉: -1.5,
  烂: -1.2,
  臭: -1.2,
  潮湿: -0.8,
  隔音差: -1.5,
  破旧: -1.2,
  老旧: -1,
  简陋: -1,
  拥挤: -0.8,
  不专业: -1.2,
  态度差: -1.5,
  不新鲜: -1.5,
  漏水: -1.2,
  死机: -1.5,
  蓝屏: -1.5,
  黑屏: -1.5,
  闪退: -1.5,
  差劲: -1.5,
  骗人: -1.5,
  难受: -1,
  退款: -0.5,
};

const EN_NEGATORS = new Set([
  "not",
  "no",
  "never",
  "dont",
  "doesnt",
  "didnt",
  "isnt",
  "wasnt",
  "wont",
  "wouldnt",
  "cant",
  "couldnt",
  "hardly",
  "barely",
]);
const ZH_NEGATORS = new Set(["不", "没", "别", "未"]);
const EN_MAX_WORDS = 4;
const ZH_MAX = Math.max(...Object.keys(ZH).map((k) => k.length));

function englishScore(tokens: string[]): number {
  let sum = 0;
  for (let i = 0; i < tokens.length; i++) {
    // Longest phrase first, so "not worth" wins over a lone "worth" and "no complaints" is one cue.
    for (let n = Math.min(EN_MAX_WORDS, tokens.length - i); n >= 1; n--) {
      const phrase = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(" ");
      const w = EN[phrase];
      if (w === undefined) continue;
      // A negator in the three words before flips praise ("not comfortable") and softens blame ("never broke").
      const negated =
        !/^(not|no|dont|do not) /.test(phrase) &&
        tokens.slice(Math.max(0, i - 3), i).some((t) => EN_NEGATORS.has(t));
      sum += negated ? (w > 0 ? -w : -w * 0.5) : w;
      i += n - 1;
      break;
    }
  }
  return sum;
}

function chineseScore(text: string): number {
  let sum = 0;
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    for (let n = Math.min(ZH_MAX, chars.length - i); n >= 1; n--) {
      const w = ZH[chars.slice(i, i + n).join("")];
      if (w === undefined) continue;
      // "不舒服" is listed whole; otherwise a negation just before flips praise ("不太好用", "没有惊喜").
      const before = chars.slice(Math.max(0, i - 2), i);
      const negated = w > 0 && before.some((c) => ZH_NEGATORS.has(c));
      sum += negated ? -w : w;
      i += n - 1;
      break;
    }
  }
  return sum;
}

const HAN = /[\u3400-\u9fff]/u;

/** Product-review polarity cue sum, squashed to -1..1 (0 when no cue word occurs). */
export function reviewLexiconScore(text: string): number {
  const norm = normalize(text);
  let sum = 0;
  if (/[a-z]/.test(norm)) sum += englishScore(tokenize(norm));
  if (HAN.test(norm)) sum += chineseScore(norm);
  return Math.tanh(sum / 2);
}
