import { customers, robot, type IndustryScript } from "./script-types";

/** 汽车: a dealership inviting web leads to test-drive a new EV. */
export const CAR_SCRIPT: IndustryScript = {
  industry: "汽车",
  key: "car",
  product: "远航纯电越野",
  company: "远航汽车城东店",
  opens: [
    robot("car.open.1", "您好，我是远航汽车的销售顾问，打扰您一分钟。"),
    robot("car.open.2", "您好，这边是远航汽车，邀请您来试驾新车。"),
  ],
  who: robot("car.who", "我是远航汽车的顾问，您之前在网上留过资料。"),
  pitches: [
    robot("car.pitch.1", "我们新款纯电越野本月上市，续航五百五十公里。"),
    robot("car.pitch.2", "现在到店试驾送充电桩，（停顿1s）还有一万元置换补贴。"),
  ],
  topics: [
    {
      key: "price",
      concern: "价格",
      asks: customers("car.ask.price", "这车多少钱？", "现在有什么优惠？"),
      answer: robot("car.ans.price", "指导价十七万九，优惠后落地十六万左右。"),
    },
    {
      key: "range",
      concern: "续航",
      asks: customers("car.ask.range", "续航多少公里？", "冬天掉电厉害吗？"),
      answer: robot("car.ans.range", "综合续航五百五十公里，冬天也能跑四百多。"),
    },
    {
      key: "charge",
      concern: "充电",
      asks: customers("car.ask.charge", "充电方便吗？", "充满要多久？"),
      answer: robot("car.ans.charge", "快充半小时到百分之八十，还送家用充电桩。"),
    },
    {
      key: "address",
      concern: "地址",
      asks: customers("car.ask.address", "你们店在哪里？", "地址在哪？"),
      answer: robot("car.ans.address", "我们在城东汽车城三号馆，周末正常营业。"),
    },
    {
      key: "loan",
      concern: "贷款",
      asks: customers("car.ask.loan", "可以分期吗？", "首付要多少？"),
      answer: robot("car.ans.loan", "支持零首付分期，首年免息，当天出结果。"),
    },
  ],
  objections: [
    robot("car.objection.1", "理解，试驾不花钱，您先来体验一下。"),
    robot("car.objection.2", "好的，那我把车型资料发您短信，您有空看看。"),
  ],
  invite: robot("car.invite", "您周六还是周日方便？我给您约个试驾。"),
  confirm: robot("car.confirm", "好的，已经约好了，试驾前一天顾问会联系您。"),
  bye: robot("car.bye", "感谢您的接听，祝您一路顺风，再见。"),
  accepts: customers("car.yes", "行，那就周六吧。", "可以，我周末过去试试。"),
  acceptTag: "预约试驾",
  profileTags: ["有车", "首购", "置换", "关注新能源", "有驾照"],
};
