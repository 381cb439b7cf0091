import { customers, robot, type IndustryScript } from "./script-types";

/** 保险: renewal reminders for a million-yuan medical policy. */
export const INSURANCE_SCRIPT: IndustryScript = {
  industry: "保险",
  key: "ins",
  product: "安康百万医疗险",
  company: "安康保险",
  opens: [
    robot("ins.open.1", "您好，这里是安康保险，打扰您一分钟。"),
    robot("ins.open.2", "您好，我是安康保险的专员，给您做个保单回访。"),
  ],
  who: robot("ins.who", "我是安康保险的客服专员，工号八六二七。"),
  pitches: [
    robot("ins.pitch.1", "您的百万医疗险快到期了，现在续保不会断保。"),
    robot("ins.pitch.2", "今年续保免费升级重疾绿通，（停顿1s）每月只要二十几块。"),
  ],
  topics: [
    {
      key: "premium",
      concern: "保费",
      asks: customers("ins.ask.premium", "一年要交多少钱？", "保费贵不贵？"),
      answer: robot("ins.ans.premium", "三十岁左右一年三百多，按月交每月二十几块。"),
    },
    {
      key: "coverage",
      concern: "保障范围",
      asks: customers("ins.ask.coverage", "都保些什么？", "门诊能报吗？"),
      answer: robot("ins.ans.coverage", "住院、特殊门诊和外购药都能报，最高六百万。"),
    },
    {
      key: "claim",
      concern: "理赔",
      asks: customers("ins.ask.claim", "理赔麻烦吗？", "报销要多久？"),
      answer: robot("ins.ans.claim", "理赔可以线上申请，资料齐全三天到账。"),
    },
    {
      key: "health",
      concern: "健康告知",
      asks: customers("ins.ask.health", "我有高血压能买吗？", "我有糖尿病能保吗？"),
      answer: robot("ins.ans.health", "需要如实做健康告知，部分情况也能投保。"),
    },
    {
      key: "refund",
      concern: "退保",
      asks: customers("ins.ask.refund", "不想要了能退吗？", "可以退保吗？"),
      answer: robot("ins.ans.refund", "有十五天犹豫期，期间退保全额退款。"),
    },
  ],
  objections: [
    robot("ins.objection.1", "理解您的顾虑，医疗险就是花小钱防大病。"),
    robot("ins.objection.2", "好的，那我把保障说明发您手机上，您有空看看。"),
  ],
  invite: robot("ins.invite", "我现在帮您办理续保，保单信息不变，您看可以吗？"),
  confirm: robot("ins.confirm", "好的，稍后发您确认短信，点链接就能续保。"),
  bye: robot("ins.bye", "感谢您的支持，祝您身体健康，再见。"),
  accepts: customers("ins.yes", "行，那就续吧。", "好的，你帮我办一下。"),
  acceptTag: "同意续保",
  profileTags: ["老客户", "已婚", "有孩子", "关注健康", "有社保"],
};
