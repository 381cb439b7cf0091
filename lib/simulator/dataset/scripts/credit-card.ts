import { customers, robot, type IndustryScript } from "./script-types";

/** 信用卡: a bank's card centre offering instalments on a big bill. */
export const CREDIT_CARD_SCRIPT: IndustryScript = {
  industry: "信用卡",
  key: "card",
  product: "账单分期",
  company: "信诚银行信用卡中心",
  opens: [
    robot("card.open.1", "您好，这里是信诚银行信用卡中心。"),
    robot("card.open.2", "您好，我是信诚银行的客服，给您做个用卡回访。"),
  ],
  who: robot("card.who", "我是信诚银行的客服，这是官方号码。"),
  pitches: [
    robot("card.pitch.1", "您有一笔双十一账单，可以申请分期还款。"),
    robot("card.pitch.2", "本月分期手续费打八折，（停顿1s）还送积分。"),
  ],
  topics: [
    {
      key: "fee",
      concern: "利息",
      asks: customers("card.ask.fee", "利息多少？", "手续费怎么算？"),
      answer: robot("card.ans.fee", "分十二期每月费率零点六，打折后更低。"),
    },
    {
      key: "limit",
      concern: "额度",
      asks: customers("card.ask.limit", "能提额吗？", "额度能提多少？"),
      answer: robot("card.ans.limit", "按时还款六个月后，系统会自动评估提额。"),
    },
    {
      key: "terms",
      concern: "期数",
      asks: customers("card.ask.terms", "能分几期？", "最长能分多久？"),
      answer: robot("card.ans.terms", "可以分三期、六期、十二期或二十四期。"),
    },
    {
      key: "prepay",
      concern: "提前还款",
      asks: customers("card.ask.prepay", "能提前还吗？", "提前还要手续费吗？"),
      answer: robot("card.ans.prepay", "可以提前还款，剩余手续费按合同收取。"),
    },
    {
      key: "safety",
      concern: "安全",
      asks: customers("card.ask.safety", "你们不会是骗子吧？", "你怎么证明是银行的？"),
      answer: robot("card.ans.safety", "请放心，我们不会索要密码和验证码。"),
    },
  ],
  objections: [
    robot("card.objection.1", "理解，分期能减轻当月还款压力，也不影响征信。"),
    robot("card.objection.2", "好的，您以后需要，可以在手机银行自助办理。"),
  ],
  invite: robot("card.invite", "那我帮您把这笔账单分十二期，您看可以吗？"),
  confirm: robot("card.confirm", "好的，已为您提交申请，稍后短信通知结果。"),
  bye: robot("card.bye", "感谢您的接听，祝您用卡愉快，再见。"),
  accepts: customers("card.yes", "那就分十二期吧。", "行，你帮我办了吧。"),
  acceptTag: "同意分期",
  profileTags: ["有账单", "按时还款", "高消费", "有房贷", "白金卡"],
};
