import { customers, robot, type ScriptLine } from "./script-types";

/**
 * Lines every script shares: what customers say whatever is being sold (喂？/ 你是谁？/ 不需要 …)
 * and the robot's stock replies to them.
 */
export const GENERIC_ROBOT = {
  /** The customer said nothing the robot could hear. */
  hello: robot("gen.r.hello", "喂，您好，能听到我说话吗？"),
  /** 你是机器人吗？ */
  identity: robot("gen.r.identity", "我是智能助理，有问题您可以直接问我。"),
  /** 怎么有我号码？ */
  numberSource: robot("gen.r.source", "您之前在我们平台登记过，打扰您很抱歉。"),
  busy: robot("gen.r.busy", "好的，那不打扰您了，稍后再联系，再见。"),
  doNotCall: robot("gen.r.dnc", "抱歉打扰了，以后不再给您来电，再见。"),
  badSignal: robot("gen.r.signal", "抱歉，您那边信号不好，我们稍后再联系，再见。"),
  think: robot("gen.r.think", "没关系，您先考虑，资料我发您手机上。"),
  more: robot("gen.r.more", "您还有其他想了解的吗？"),
  bye: robot("gen.r.bye", "好的，那就不打扰您了，再见。"),
} satisfies Record<string, ScriptLine>;

export const GENERIC_CUSTOMER = {
  hello: customers("gen.c.hello", "喂？", "喂，哪位？", "你好"),
  who: customers("gen.c.who", "你是谁？", "哪里打来的？"),
  ack: customers("gen.c.ack", "嗯", "嗯嗯", "哦"),
  ok: customers("gen.c.ok", "好的", "好"),
  repeat: customers("gen.c.repeat", "你再说一遍", "没听清，你说什么？"),
  busy: customers("gen.c.busy", "我在开车", "我在开会，晚点再说吧"),
  no: customers("gen.c.no", "不需要，谢谢", "没兴趣", "不用了"),
  hangUp: customers("gen.c.hangup", "不需要，挂了", "别打了，挂了"),
  numberSource: customers("gen.c.source", "你们怎么有我电话的？", "谁给你的号码？"),
  spam: customers("gen.c.spam", "别再给我打电话了", "又是骚扰电话吧"),
  robot: customers("gen.c.robot", "你是机器人吗？", "你是真人吗？"),
  price: customers("gen.c.price", "多少钱？", "贵不贵？"),
  think: customers("gen.c.think", "我考虑一下吧", "我跟家里人商量一下"),
  bye: customers("gen.c.bye", "好的，再见", "拜拜"),
  later: customers("gen.c.later", "再说吧", "到时候再看吧"),
  cannotHear: customers("gen.c.hear", "喂喂？听得到吗？", "听不清楚"),
} satisfies Record<string, ScriptLine[]>;
