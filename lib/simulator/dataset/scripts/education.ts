import { customers, robot, type IndustryScript } from "./script-types";

/** 教育: a kids' coding school booking free trial lessons. */
export const EDUCATION_SCRIPT: IndustryScript = {
  industry: "教育",
  key: "edu",
  product: "少儿编程试听课",
  company: "启明教育",
  opens: [
    robot("edu.open.1", "您好，我是启明编程的课程顾问，打扰您一分钟。"),
    robot("edu.open.2", "您好，这边是启明教育，想送孩子一节试听课。"),
  ],
  who: robot("edu.who", "我是启明教育的课程顾问，您在活动现场登记过。"),
  pitches: [
    robot("edu.pitch.1", "我们的编程课适合六到十二岁，锻炼逻辑思维。"),
    robot("edu.pitch.2", "本周有免费试听课，（停顿1s）上完还送编程积木。"),
  ],
  topics: [
    {
      key: "fee",
      concern: "费用",
      asks: customers("edu.ask.fee", "学费多少？", "一节课多少钱？"),
      answer: robot("edu.ans.fee", "正式课每节一百二左右，试听完全免费。"),
    },
    {
      key: "time",
      concern: "时间",
      asks: customers("edu.ask.time", "什么时候上课？", "周末有课吗？"),
      answer: robot("edu.ans.time", "周六周日全天都有班，平时晚上也能上。"),
    },
    {
      key: "address",
      concern: "地址",
      asks: customers("edu.ask.address", "校区在哪？", "在哪上课啊？"),
      answer: robot("edu.ans.address", "校区在万达广场三楼，停车很方便。"),
    },
    {
      key: "teacher",
      concern: "师资",
      asks: customers("edu.ask.teacher", "老师怎么样？", "一个班几个人？"),
      answer: robot("edu.ans.teacher", "老师都是计算机专业的，小班六个人。"),
    },
    {
      key: "age",
      concern: "年龄",
      asks: customers("edu.ask.age", "孩子七岁能学吗？", "多大能学？"),
      answer: robot("edu.ans.age", "六岁以上、认识简单汉字就可以学。"),
    },
  ],
  objections: [
    robot("edu.objection.1", "理解，试听不收费，让孩子先体验一下。"),
    robot("edu.objection.2", "好的，那我把课程介绍发您短信，您有空看看。"),
  ],
  invite: robot("edu.invite", "这周六上午还有名额，我帮孩子约一个？"),
  confirm: robot("edu.confirm", "好的，已经约好了，上课前一天短信提醒您。"),
  bye: robot("edu.bye", "感谢您的接听，祝孩子学习进步，再见。"),
  accepts: customers("edu.yes", "行，那就约周六吧。", "好的，你帮我约一下。"),
  acceptTag: "预约试听",
  profileTags: ["有孩子", "小学生", "关注教育", "双职工", "报过班"],
};
