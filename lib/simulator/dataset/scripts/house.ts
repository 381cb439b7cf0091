import { customers, robot, type IndustryScript } from "./script-types";

/** 房产: a new-build project's sales office calling leads to book a site visit. */
export const HOUSE_SCRIPT: IndustryScript = {
  industry: "房产",
  key: "house",
  product: "星河湾三期",
  company: "星河湾置业",
  opens: [
    robot("house.open.1", "您好，我是星河湾的置业顾问，打扰您一分钟。"),
    robot("house.open.2", "您好，这边是星河湾售楼处，给您做个回访。"),
  ],
  who: robot("house.who", "我是星河湾的置业顾问，给您推荐新房的。"),
  pitches: [
    robot("house.pitch.1", "我们在城东地铁口新推了精装三房，（停顿1s）首付三十万起。"),
    robot("house.pitch.2", "这个月认购还有九八折，名额不多了。"),
  ],
  topics: [
    {
      key: "price",
      concern: "价格",
      asks: customers("house.ask.price", "多少钱一平？", "房价大概多少啊？"),
      answer: robot("house.ans.price", "均价一万八左右，特价房一万六就能买到。"),
    },
    {
      key: "location",
      concern: "位置",
      asks: customers("house.ask.location", "在哪个位置啊？", "离地铁远不远？"),
      answer: robot("house.ans.location", "就在地铁三号线城东站旁边，走路五分钟。"),
    },
    {
      key: "layout",
      concern: "户型",
      asks: customers("house.ask.layout", "有什么户型？", "有没有三房的？"),
      answer: robot("house.ans.layout", "主力户型是八十九平两房和一百一十平三房。"),
    },
    {
      key: "loan",
      concern: "首付",
      asks: customers("house.ask.loan", "首付要多少？", "能用公积金吗？"),
      answer: robot("house.ans.loan", "首套最低两成首付，可以公积金组合贷。"),
    },
    {
      key: "school",
      concern: "学区",
      asks: customers("house.ask.school", "附近有学校吗？", "孩子上学方便吗？"),
      answer: robot("house.ans.school", "小区配套一所公立小学，走路就能到。"),
    },
  ],
  objections: [
    robot("house.objection.1", "理解，买房是大事，您先来现场看看，不买也没关系。"),
    robot("house.objection.2", "好的，那我把资料发您手机上，您有空看看。"),
  ],
  invite: robot("house.invite", "您这周末有空来售楼处看看吗？（停顿1s）我们有专车接送。"),
  confirm: robot("house.confirm", "好的，稍后把地址发您短信，会有顾问联系您。"),
  bye: robot("house.bye", "感谢您的接听，祝您生活愉快，再见。"),
  accepts: customers("house.yes", "行，那我周末过去看看。", "可以，你把地址发我吧。"),
  acceptTag: "邀约看房",
  profileTags: ["有房", "首套", "改善型", "已婚", "有孩子", "公积金"],
};
